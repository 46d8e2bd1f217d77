"""17.0's SELF_READABLE_FIELDS / SELF_WRITEABLE_FIELDS: a user reads their
own Zoom state and reads and writes their own meeting location from
Preferences (17.0's web client: web_read / web_save over JSON-RPC), not
another user's, and never the fields the Zoom connection owns."""
import xmlrpc.client

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import ZoomCase, ZoomHttpCase
from .test_owned_fields import RpcMixin

ZOOM_FIELDS = ["zoom_account_ids", "zoom_state", "zoom_email", "zoom_user_type",
               "meeting_location", "meeting_location_custom"]


class TestSelfFieldsLists(ZoomCase):

    def test_the_zoom_preferences_are_in_17s_lists(self):
        users = self.env["res.users"]
        self.assertLessEqual(set(ZOOM_FIELDS), set(users.SELF_READABLE_FIELDS))
        self.assertLessEqual({"meeting_location", "meeting_location_custom"}, set(users.SELF_WRITEABLE_FIELDS))
        for owned in ("zoom_account_ids", "zoom_state", "zoom_email", "zoom_user_type"):
            self.assertNotIn(owned, users.SELF_WRITEABLE_FIELDS)
        # Odoo's own stay (the lists are extended, not replaced).
        self.assertIn("signature", users.SELF_WRITEABLE_FIELDS)
        self.assertIn("tz", users.SELF_READABLE_FIELDS)

    def test_a_user_sets_their_location_in_the_preferences_form(self):
        self.connect(self.alice, user_type=1)
        me = self.alice.with_user(self.alice)
        form = Form(me, view="base.view_users_form_simple_modif")
        self.assertEqual(form.zoom_state, "connected")
        self.assertEqual(form.zoom_user_type, "basic")
        form.meeting_location = "custom"
        form.meeting_location_custom = "Room 4, second floor"
        form.save()
        self.alice.invalidate_recordset()
        self.assertEqual((self.alice.meeting_location, self.alice.meeting_location_custom),
                         ("custom", "Room 4, second floor"))

    def test_a_user_cannot_write_another_users_location(self):
        with self.assertRaises(AccessError):
            self.carol.with_user(self.alice).write({"meeting_location": "phone"})
        self.assertEqual(self.carol.meeting_location, "zoom")


@tagged("post_install", "-at_install")
class TestSelfFieldsOverRpc(RpcMixin, ZoomHttpCase):

    def setUp(self):
        super().setUp()
        self.connect(self.alice, zoom_email="alice.private@example.net")

    def test_the_preferences_dialog_reads_and_saves_the_users_own_zoom_settings(self):
        spec = {name: {} for name in ZOOM_FIELDS if name != "zoom_account_ids"}
        answer = self.json_call(self.alice, "res.users", "web_read", [self.alice.id], specification=spec)
        self.assertIn("result", answer, answer)
        values = answer["result"][0]
        self.assertEqual((values["zoom_state"], values["zoom_email"], values["zoom_user_type"]),
                         ("connected", "alice.private@example.net", "licensed"))
        self.assertEqual(values["meeting_location"], "zoom")
        answer = self.json_call(self.alice, "res.users", "web_save", [self.alice.id],
                                {"meeting_location": "phone"}, specification={"meeting_location": {}})
        self.assertIn("result", answer, answer)
        self.alice.invalidate_recordset()
        self.assertEqual(self.alice.meeting_location, "phone")

    def test_a_user_writes_their_location_not_the_zoom_connection(self):
        self.call(self.alice, "res.users", "write", [self.alice.id], {"meeting_location": "in_person"})
        self.alice.invalidate_recordset()
        self.assertEqual(self.alice.meeting_location, "in_person")
        account = self.alice.zoom_account_ids
        for values in ({"zoom_account_ids": [(5, 0, 0)]}, {"zoom_account_ids": [(2, account.id)]},
                       {"meeting_location": "zoom", "zoom_account_ids": [(5, 0, 0)]}):
            with self.subTest(values=values):
                self.assert_refused(self.alice, "res.users", "write", [self.alice.id], values)
        self.env.invalidate_all()
        self.assertEqual(self.alice.zoom_account_ids, account)
        self.assertEqual(account.state, "connected")
        # Nor does anyone write another user's settings.
        self.assert_refused(self.carol, "res.users", "write", [self.alice.id], {"meeting_location": "phone"})
        self.assertEqual(self.alice.meeting_location, "in_person")

    def test_others_do_not_read_a_users_zoom_email(self):
        portal = self.make_portal_user()
        # A portal user reads their own Zoom state (not connected) as Preferences do.
        values = self.call(portal, "res.users", "read", [portal.id], ["zoom_state", "meeting_location"])
        self.assertEqual(values[0]["zoom_state"], "not_connected")
        for reader in (self.carol, portal):
            with self.subTest(reader=reader.login):
                try:
                    values = self.call(reader, "res.users", "read", [self.alice.id], ["zoom_email"])
                except xmlrpc.client.Fault:
                    continue
                self.assertFalse(values[0]["zoom_email"])
