"""Rules of issue 11 seen from outside: zoom_calendar_common's tests
(tests/tx_rules.py), on Odoo 17.0."""
from odoo.tests import tagged

from zoom_calendar_common.tests.tx_rules import Issue11RulesTests
from .common import ZoomHttpCase


@tagged("post_install", "-at_install")
class TestIssue11Rules(Issue11RulesTests, ZoomHttpCase):

    def call(self, user, model, method, *args):
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, user.id, user.login, model, method,
                                             list(args), {})

    def server_url(self):
        return self.base_url()

    def reread(self, event):
        self.env.invalidate_all()

    def orm_datetime(self, value):
        return value

    def assert_link_shown(self, event, join_url):
        self.assertEqual(event.videocall_location, join_url)
