"""What other users can read, through Odoo's XML-RPC and the web client's
JSON-RPC as they would: another employee, a portal user, an administrator."""
from odoo.tests.common import JsonRpcException

from zoom_calendar_common.tests.access import AccessOverRpcTests
from .common import ZoomHttpCase


class TestAccessOverRpc(AccessOverRpcTests, ZoomHttpCase):

    def setUp(self):
        super(TestAccessOverRpc, self).setUp()
        self.portal = self.make_portal_user()

    def call(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(self.cr.dbname, user.id, user.login, model, method,
                                             list(args), kwargs)

    def access_refusal_text(self):
        return "top-secret records"

    def test_a_member_sees_the_join_link_but_not_the_start_link(self):
        values = self.call(self.bob, "calendar.event", "read", [self.event.id],
                           ["zoom_join_url", "zoom_start_url", "videocall_location"])[0]
        self.assertEqual(values["zoom_join_url"], self.meeting.join_url)
        self.assertEqual(values["videocall_location"], self.meeting.join_url)
        self.assertFalse(values["zoom_start_url"])
        attendee = self.event.attendee_ids.filtered(lambda a: a.partner_id == self.erin)
        link = self.call(self.bob, "calendar.attendee", "read", [attendee.id], ["zoom_join_url"])[0]
        self.assertNotEqual(link["zoom_join_url"], self.meeting.registrant_ids.join_url)

    def test_portal_user_cannot_read_the_links_of_a_booking(self):
        self.assert_denied(self.portal, "calendar.event", "read", [self.event.id], ["zoom_join_url"])

    def web_client_call(self, model, method, *args, **kwargs):
        """A call as 17.0's web client makes it: JSON-RPC in the session."""
        return self.make_jsonrpc_request("/web/dataset/call_kw/%s/%s" % (model, method), {
            "model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def test_another_employee_in_the_web_client_sees_no_meeting_nor_start_link(self):
        self.authenticate(self.bob.login, self.bob.login)
        self.assertEqual(self.web_client_call("zoom.meeting", "search_read", [], ["start_url"]), [])
        with self.assertRaises(JsonRpcException) as caught:
            self.web_client_call("zoom.meeting", "read", [self.meeting.id], ["start_url"])
        self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
        values = self.web_client_call("calendar.event", "read", [self.event.id],
                                      ["zoom_join_url", "zoom_start_url"])[0]
        self.assertEqual(values["zoom_join_url"], self.meeting.join_url)
        self.assertFalse(values["zoom_start_url"])
        self.assertNotIn(self.meeting.start_url, str(self.web_client_call(
            "calendar.event", "search_read", [("id", "=", self.event.id)], [])))

    def test_a_portal_user_in_a_session_reaches_nothing_of_zoom(self):
        self.authenticate(self.portal.login, self.portal.login)
        for model in ("zoom.meeting", "zoom.account", "calendar.group"):
            with self.assertRaises(JsonRpcException) as caught:
                self.web_client_call(model, "search_read", [], [])
            self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")

    def test_admins_see_every_meeting_but_no_token(self):
        admin = self.env.ref("base.user_admin")
        admin.sudo().password = "admin-test-pw"
        ids = self.xmlrpc_object.execute_kw(self.cr.dbname, admin.id, "admin-test-pw", "zoom.meeting", "search",
                                            [[]])
        self.assertIn(self.meeting.id, ids)
        accounts = self.xmlrpc_object.execute_kw(self.cr.dbname, admin.id, "admin-test-pw", "zoom.account",
                                                 "search_read", [[]], {})
        tokens = self.alice.zoom_account_ids._read_tokens(self.cr)
        self.assertEqual(len(accounts), 2)
        self.assertNotIn(tokens.access_token, str(accounts))
        self.assertNotIn(tokens.refresh_token, str(accounts))
