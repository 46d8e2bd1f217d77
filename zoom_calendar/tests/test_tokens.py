"""Zoom tokens: zoom_calendar_common's tests (tests/tokens.py), on Odoo
11.0."""
from odoo import api
from odoo.tests.common import TransactionCase

from zoom_calendar_common.tests.tokens import TokenLifecycleTests, TokensAcrossTransactionsTests
from zoom_scheduling.zoom_api import ZoomAuthError
from .common import ZoomCase


class Odoo11Helpers(object):
    """What the shared tests do differently on Odoo 11.0, whose ORM writes
    at once and re-reads what its model invalidated."""

    def assert_auth_error(self, call):
        with self.assertRaises(ZoomAuthError):
            call()

    def flush(self, env):
        pass

    def reread(self, env):
        pass

    def worker_environment(self):
        return api.Environment.manage()


class TestTokenLifecycle(TokenLifecycleTests, Odoo11Helpers, ZoomCase):
    pass


class TestTokensAcrossTransactions(TokensAcrossTransactionsTests, Odoo11Helpers, TransactionCase):
    pass
