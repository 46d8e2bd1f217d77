"""What other users can read, through Odoo's XML-RPC as they would: another
employee, a portal user, an administrator."""
import xmlrpc.client

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
