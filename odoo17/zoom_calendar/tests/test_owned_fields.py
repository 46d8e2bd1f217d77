"""Fields the addon owns on a booking, attacked over XML-RPC and JSON-RPC by
a colleague (and by the administrator): nothing is saved, the caller gets a
clear error."""
import json
import xmlrpc.client

from odoo.tests import tagged
from odoo.tests.common import Transport

from zoom_calendar_common.tests.owned_fields import FORGED, OwnedFieldsOverRpcTests, ZoomEmailOverRpcTests
from .common import MONDAY, ZoomHttpCase


class RpcMixin:
    """XML-RPC and JSON-RPC as a given user, with their password (the test
    users' password is their login)."""

    def rpc_proxy(self):
        return xmlrpc.client.ServerProxy(self.xmlrpc_url + "object", transport=Transport(self.cr),
                                         allow_none=True)

    def call(self, user, model, method, *args, **kwargs):
        return self.rpc_proxy().execute_kw(self.env.cr.dbname, user.id, user.login, model, method,
                                           list(args), kwargs)

    def assert_refused(self, user, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.call(user, model, method, *args, **kwargs)
        return caught.exception.faultString

    def json_call(self, user, model, method, *args, **kwargs):
        """What 17.0's web client sends (/web/dataset/call_kw), logged in as
        ``user``: the decoded answer, result or error."""
        self.authenticate(user.login, user.login)
        response = self.url_open("/web/dataset/call_kw/%s/%s" % (model, method), data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "id": 1,
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        }), headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 200)
        return response.json()


@tagged("post_install", "-at_install")
class TestOwnedFieldsOverRpc(OwnedFieldsOverRpcTests, RpcMixin, ZoomHttpCase):

    def drop_cached(self, records):
        records.invalidate_recordset()

    def execute_sql(self, query, params):
        self.env.flush_all()
        self.cr.execute(query, params)
        self.env.invalidate_all()

    def test_the_web_clients_save_cannot_attach_a_meeting_either(self):
        # 17.0's form view saves with web_save over JSON-RPC.
        mine = self.plain_event(self.carol)
        answer = self.json_call(self.carol, "calendar.event", "web_save", [mine],
                                {"zoom_meeting_id": self.meeting.id}, specification={"zoom_meeting_id": {}})
        self.assertIn("error", answer, answer)
        self.assertIn("set by the Zoom Calendar addon only", answer["error"]["data"]["message"])
        answer = self.json_call(self.carol, "calendar.event", "web_save", [], {
            "name": "Mine too", "start": str(MONDAY), "stop": str(MONDAY.replace(hour=10)),
            "zoom_meeting_id": self.meeting.id}, specification={})
        self.assertIn("error", answer, answer)
        self.assertEqual(self.env["calendar.event"].search_count([("zoom_meeting_id", "=", self.meeting.id)]), 1)

    def test_no_context_lets_an_rpc_caller_in_not_even_the_administrator(self):
        admin = self.env.ref("base.user_admin")
        admin.password = "admin-test-pw"
        for context in ({}, {"zoom_calendar_owner": True}, {"zoom_calendar_owner": {}},
                        {"zoom_skip_sync": True}):
            with self.subTest(context=context), self.assertRaises(xmlrpc.client.Fault):
                self.rpc_proxy().execute_kw(self.env.cr.dbname, admin.id, "admin-test-pw", "calendar.event",
                                            "write", [[self.booking.id], {"booking_date": str(FORGED)}],
                                            {"context": context})
        self.booking.invalidate_recordset()
        self.assertNotEqual(self.booking.booking_date, FORGED)


@tagged("post_install", "-at_install")
class TestZoomEmailOverRpc(ZoomEmailOverRpcTests, RpcMixin, ZoomHttpCase):

    def admin_with_password(self):
        admin = self.env.ref("base.user_admin")
        admin.password = "admin-test-pw"
        return admin, "admin-test-pw"

    def call_with_password(self, user, password, model, method, *args, **kwargs):
        return self.rpc_proxy().execute_kw(self.env.cr.dbname, user.id, password, model, method,
                                           list(args), kwargs)
