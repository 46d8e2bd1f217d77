import xmlrpc.client

from zoom_calendar_common.tests.access import AccessOverRpcTests
from .common import ZoomHttpCase


class TestAccessOverRpc(AccessOverRpcTests, ZoomHttpCase):
    """What other users can read, through Odoo's XML-RPC as they would."""

    def setUp(self):
        super(TestAccessOverRpc, self).setUp()
        self.portal = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Paula Portal", "login": "test_portal", "password": "test_portal",
            "email": "paula@example.org", "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        self.checkpoint()
        self.rpc = xmlrpc.client.ServerProxy(self.base_url + "/xmlrpc/2/object", allow_none=True)

    def call(self, user, model, method, *args, **kwargs):
        login = user.login
        return self.rpc.execute_kw(self.cr.dbname, user.id, login, model, method, list(args), kwargs)

    def access_refusal_text(self):
        return "security restrictions"

    def test_a_member_sees_the_join_link_but_not_the_start_link(self):
        values = self.call(self.bob, "calendar.event", "read", [self.event.id],
                           ["zoom_join_url", "zoom_start_url"])[0]
        self.assertEqual(values["zoom_join_url"], self.meeting.join_url)
        self.assertFalse(values["zoom_start_url"])
        attendee = self.event.attendee_ids.filtered(lambda a: a.partner_id == self.erin)
        link = self.call(self.bob, "calendar.attendee", "read", [attendee.id], ["zoom_join_url"])[0]
        self.assertNotEqual(link["zoom_join_url"], self.meeting.registrant_ids.join_url)

    def test_admins_see_every_meeting_but_no_token(self):
        admin = self.env.ref("base.user_root")
        admin.sudo().password = "admin-test-pw"
        self.checkpoint()
        ids = self.rpc.execute_kw(self.cr.dbname, admin.id, "admin-test-pw", "zoom.meeting", "search", [[]])
        self.assertIn(self.meeting.id, ids)
        accounts = self.rpc.execute_kw(self.cr.dbname, admin.id, "admin-test-pw", "zoom.account",
                                       "search_read", [[]], {})
        tokens = self.alice.zoom_account_ids._read_tokens(self.cr)
        self.assertEqual(len(accounts), 2)
        self.assertNotIn(tokens.access_token, str(accounts))
        self.assertNotIn(tokens.refresh_token, str(accounts))
