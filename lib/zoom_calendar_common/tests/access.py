"""What other users can read, through Odoo's XML-RPC as they would: the
tests both addons run.

Each addon's test class inherits these first, beside its version's helpers:
``call(user, model, method, *args, **kwargs)`` (an XML-RPC call as that
user, with their password) and ``access_refusal_text()`` (the words of its
Odoo's AccessError for a record the user may not see)."""
import xmlrpc.client


class AccessOverRpcTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.connect(self.bob)
        self.event = self.book(self.collective, partners=self.erin)
        self.meeting = self.event.zoom_meeting_id

    def assert_denied(self, user, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.call(user, model, method, *args, **kwargs)
        message = caught.exception.faultString
        self.assertTrue(self.access_refusal_text() in message or "not allowed" in message, message)

    def test_another_user_cannot_see_a_binding(self):
        alice_account = self.alice.zoom_account_ids
        self.assertEqual(self.call(self.bob, "zoom.account", "search", []), [self.bob.zoom_account_ids.id])
        self.assert_denied(self.bob, "zoom.account", "read", [alice_account.id], ["zoom_email"])

    def test_another_user_cannot_see_meetings_start_links_or_registrants(self):
        self.assertEqual(self.call(self.bob, "zoom.meeting", "search", []), [])
        self.assert_denied(self.bob, "zoom.meeting", "read", [self.meeting.id], ["start_url"])
        self.assertEqual(self.call(self.bob, "zoom.meeting.registrant", "search", []), [])

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
