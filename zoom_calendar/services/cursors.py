"""Cursors of a transaction of their own, read committed: after waiting for
a lock, they see what the lock holder committed (Odoo's own cursors are
serializable and would see an old snapshot, or fail to update the row).
The 17.0 addon has its own: the shared code asks the running addon's."""


def read_committed_cursor(registry):
    """A new cursor, read committed; under Odoo's test runner the test
    cursor, which alone sees the test's data (and is not a transaction)."""
    if registry.in_test_mode():
        return registry.cursor()
    return registry._db.cursor(serialized=False)
