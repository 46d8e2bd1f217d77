"""Fields the addon owns on a booking, attacked over XML-RPC by a colleague
(and by the administrator, who is uid 1): nothing is saved, the caller gets a
clear error."""
import xmlrpc.client

from zoom_calendar_common.tests.owned_fields import OwnedFieldsOverRpcTests, ZoomEmailOverRpcTests
from .common import ZoomHttpCase


class RpcMixin(object):

    def rpc_setup(self):
        self.rpc = xmlrpc.client.ServerProxy(self.base_url + "/xmlrpc/2/object", allow_none=True)

    def call(self, user, model, method, *args, **kwargs):
        return self.rpc.execute_kw(self.cr.dbname, user.id, user.login, model, method, list(args), kwargs)

    def assert_refused(self, user, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.call(user, model, method, *args, **kwargs)
        return caught.exception.faultString


class TestOwnedFieldsOverRpc(OwnedFieldsOverRpcTests, RpcMixin, ZoomHttpCase):

    def setUp(self):
        super(TestOwnedFieldsOverRpc, self).setUp()
        self.checkpoint()
        self.rpc_setup()

    def drop_cached(self, records):
        records.invalidate_cache()

    def execute_sql(self, query, params):
        self.cr.execute(query, params)
        self.checkpoint()

    def test_no_context_lets_an_rpc_caller_in_not_even_the_superuser(self):
        admin = self.env.ref("base.user_root")
        admin.sudo().password = "admin-test-pw"
        self.checkpoint()
        for context in ({}, {"zoom_calendar_owner": True}, {"zoom_calendar_owner": {}},
                        {"zoom_skip_sync": True}):
            with self.subTest(context=context), self.assertRaises(xmlrpc.client.Fault):
                self.rpc.execute_kw(self.cr.dbname, admin.id, "admin-test-pw", "calendar.event", "write",
                                    [[self.booking.id], {"booking_date": "2000-01-01 00:00:00"}],
                                    {"context": context})
        self.booking.invalidate_cache()
        self.assertNotEqual(self.booking.booking_date, "2000-01-01 00:00:00")


class TestZoomEmailOverRpc(ZoomEmailOverRpcTests, RpcMixin, ZoomHttpCase):

    def setUp(self):
        super(TestZoomEmailOverRpc, self).setUp()
        self.rpc_setup()

    def make_portal_user(self):
        return self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Paula Portal", "login": "test_portal", "password": "test_portal",
            "email": "paula@example.org", "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})

    def admin_with_password(self):
        admin = self.env.ref("base.user_root")
        admin.sudo().password = "admin"
        return admin, "admin"

    def call_with_password(self, user, password, model, method, *args, **kwargs):
        return self.rpc.execute_kw(self.cr.dbname, user.id, password, model, method, list(args), kwargs)
