"""Rules of issue 11 seen from outside: zoom_calendar_common's tests
(tests/tx_rules.py), on Odoo 11.0."""
import xmlrpc.client

from zoom_calendar_common.tests.tx_rules import Issue11RulesTests
from .common import ZoomHttpCase, dt


class TestIssue11Rules(Issue11RulesTests, ZoomHttpCase):

    def setUp(self):
        super().setUp()
        self.rpc = xmlrpc.client.ServerProxy(self.base_url + "/xmlrpc/2/object", allow_none=True)

    def call(self, user, model, method, *args):
        self.checkpoint()
        result = self.rpc.execute_kw(self.cr.dbname, user.id, user.login, model, method, list(args), {})
        self.env.cache.invalidate()
        return result

    def server_url(self):
        return self.base_url

    def reread(self, event):
        event.invalidate_cache()

    def orm_datetime(self, value):
        return dt(value)

    def assert_link_shown(self, event, join_url):
        self.assertEqual(event.location, "Zoom: %s" % join_url)
