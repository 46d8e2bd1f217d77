"""Cursors of a transaction of their own, read committed: after waiting for
a lock, they see what the lock holder committed (Odoo's own cursors are
repeatable read and would see an old snapshot, or fail to update the row).
The 11.0 addon has its own: the shared code asks the running addon's."""
from psycopg2.extensions import ISOLATION_LEVEL_READ_COMMITTED, ISOLATION_LEVEL_REPEATABLE_READ


def read_committed_cursor(registry):
    """A new cursor, read committed; under Odoo's test runner the test
    cursor, which alone sees the test's data (and is not a transaction)."""
    cr = registry.cursor()
    if not registry.in_test_mode():
        # Set before its first query: the connection's next Odoo cursor
        # sets repeatable read again.
        cr._cnx.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)
    return cr


def is_repeatable_read(cr):
    """Whether ``cr`` sees one snapshot for its whole transaction."""
    connection = getattr(cr, "_cnx", None)
    return connection is not None and connection.isolation_level == ISOLATION_LEVEL_REPEATABLE_READ
