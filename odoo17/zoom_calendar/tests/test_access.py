"""What other users can read, through Odoo's XML-RPC and the web client's
JSON-RPC as they would: another employee, a portal user, an administrator."""
import xmlrpc.client

from odoo.tests.common import JsonRpcException

from .common import ZoomHttpCase


class TestAccessOverRpc(ZoomHttpCase):

    def setUp(self):
        super(TestAccessOverRpc, self).setUp()
        self.connect(self.alice)
        self.connect(self.bob)
        self.event = self.book(self.collective, partners=self.erin)
        self.meeting = self.event.zoom_meeting_id
        self.portal = self.make_portal_user()

    def call(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(self.cr.dbname, user.id, user.login, model, method,
                                             list(args), kwargs)

    def assert_denied(self, user, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.call(user, model, method, *args, **kwargs)
        message = caught.exception.faultString
        self.assertTrue("top-secret records" in message or "not allowed" in message, message)

    def test_another_user_cannot_see_a_binding(self):
        alice_account = self.alice.zoom_account_ids
        self.assertEqual(self.call(self.bob, "zoom.account", "search", []), [self.bob.zoom_account_ids.id])
        self.assert_denied(self.bob, "zoom.account", "read", [alice_account.id], ["zoom_email"])

    def test_another_user_cannot_see_meetings_start_links_or_registrants(self):
        self.assertEqual(self.call(self.bob, "zoom.meeting", "search", []), [])
        self.assert_denied(self.bob, "zoom.meeting", "read", [self.meeting.id], ["start_url"])
        self.assertEqual(self.call(self.bob, "zoom.meeting.registrant", "search", []), [])

    def test_a_member_sees_the_join_link_but_not_the_start_link(self):
        values = self.call(self.bob, "calendar.event", "read", [self.event.id],
                           ["zoom_join_url", "zoom_start_url", "videocall_location"])[0]
        self.assertEqual(values["zoom_join_url"], self.meeting.join_url)
        self.assertEqual(values["videocall_location"], self.meeting.join_url)
        self.assertFalse(values["zoom_start_url"])
        attendee = self.event.attendee_ids.filtered(lambda a: a.partner_id == self.erin)
        link = self.call(self.bob, "calendar.attendee", "read", [attendee.id], ["zoom_join_url"])[0]
        self.assertNotEqual(link["zoom_join_url"], self.meeting.registrant_ids.join_url)

    def test_the_host_sees_the_start_link(self):
        values = self.call(self.alice, "calendar.event", "read", [self.event.id], ["zoom_start_url"])[0]
        self.assertTrue(values["zoom_start_url"])
        self.assertIn("/s/", values["zoom_start_url"])

    def test_users_cannot_write_meetings_or_bindings(self):
        self.assert_denied(self.alice, "zoom.meeting", "write", [self.meeting.id], {"status": "deleted"})
        self.assert_denied(self.alice, "zoom.account", "write", [self.alice.zoom_account_ids.id],
                           {"zoom_user_id": "someone-else"})
        self.assert_denied(self.bob, "zoom.account", "create",
                           {"user_id": self.bob.id, "zoom_user_id": "x"})

    def test_portal_user_sees_nothing_of_zoom(self):
        for model in ("zoom.meeting", "zoom.account", "zoom.meeting.registrant", "calendar.group"):
            self.assert_denied(self.portal, model, "search", [])

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
