"""Zoom tokens: zoom_calendar_common's tests (tests/tokens.py), on Odoo
17.0."""
from contextlib import nullcontext

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from zoom_calendar_common.tests.tokens import TokenLifecycleTests, TokensAcrossTransactionsTests
from zoom_scheduling.zoom_api import ZoomAuthError
from .common import ZoomCase


def raised_auth_error(call):
    """Whether ``call()`` raised ZoomAuthError, keeping what it wrote: 17.0's
    assertRaises rolls its block back to a savepoint, and the mark written
    on the test's cursor (the binding is not committed) would go with it."""
    try:
        call()
    except ZoomAuthError:
        return True
    return False


class Odoo17Helpers(object):
    """What the shared tests do differently on Odoo 17.0."""

    def assert_auth_error(self, call):
        self.assertTrue(raised_auth_error(call))

    def flush(self, env):
        env.flush_all()

    def reread(self, env):
        env.invalidate_all()

    def worker_environment(self):
        return nullcontext()  # 17.0's environments need no managing


class TestTokenLifecycle(TokenLifecycleTests, Odoo17Helpers, ZoomCase):
    pass


@tagged("post_install", "-at_install")
class TestTokensAcrossTransactions(TokensAcrossTransactionsTests, Odoo17Helpers, TransactionCase):
    pass
