"""The binding of an Odoo user to a Zoom user: the tests both addons run.

Each addon's test class inherits these first, beside its version's helpers:
``error_text(exception)`` (a UserError's message), ``as_user(records,
user)`` (the records as that user acts on them), ``zoom_admin()`` (a user
allowed to release bindings), ``flush()`` (the ORM's pending writes to the
database) and ``drop_cached(records)`` (what the cache holds of the records
after another user changed them, dropped where its ORM needs it)."""
import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from zoom_scheduling.zoom_api import ZoomAuthError


class ZoomAccountBindingTests(object):

    def test_connect_binds_the_zoom_user_of_the_consent(self):
        account = self.connect(self.alice)
        fake_user = self.fake.control.issue_tokens("alice@example.com")
        self.assertEqual(account.user_id, self.alice)
        self.assertEqual(account.zoom_user_id, fake_user["user_id"])
        self.assertEqual(account.zoom_email, "alice@example.com")
        self.assertEqual(account.state, "connected")
        self.assertEqual(self.alice.zoom_state, "connected")
        self.assertEqual(self.carol.zoom_state, "not_connected")

    def test_second_user_cannot_take_a_bound_zoom_account(self):
        self.connect(self.alice)
        with self.assertRaises(UserError) as caught:
            self.connect(self.bob, zoom_email="alice@example.com")
        message = self.error_text(caught.exception)
        self.assertIn("already connected to another Odoo user", message)
        self.assertIn("Odoo user id, not the email", message)
        self.assertFalse(self.bob.zoom_account_ids)
        self.assertEqual(self.alice.zoom_account_ids.state, "connected")

    def test_unique_constraint_on_zoom_user_id(self):
        self.connect(self.alice)
        zoom_user_id = self.alice.zoom_account_ids.zoom_user_id
        with self.assertRaises(psycopg2.IntegrityError), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.env["zoom.account"].sudo().create({"user_id": self.bob.id, "zoom_user_id": zoom_user_id})
            self.flush()

    def test_restored_user_needs_the_admin_to_release_the_old_binding(self):
        """A user deleted and restored is a new user id: the Zoom account
        stays with the old id until an administrator releases it."""
        self.connect(self.alice)
        self.alice.active = False
        restored = self._make_user("alice2", "Alice Archer")
        with self.assertRaises(UserError):
            self.connect(restored, zoom_email="alice@example.com")
        admin = self.zoom_admin()
        self.as_user(self.alice.with_context(active_test=False).zoom_account_ids, admin).action_release()
        account = self.connect(restored, zoom_email="alice@example.com")
        self.assertEqual(account.user_id, restored)

    def test_only_zoom_admins_release_bindings(self):
        account = self.connect(self.alice)
        with self.assertRaises(AccessError):
            self.as_user(account, self.bob).action_release()
        self.assertTrue(account.exists())

    def test_reconnecting_keeps_one_binding(self):
        first = self.connect(self.alice)
        second = self.connect(self.alice)
        self.assertEqual(first, second)
        self.assertEqual(len(self.alice.zoom_account_ids), 1)

    def test_disconnect_revokes_at_zoom_and_removes_the_binding(self):
        account = self.connect(self.alice)
        tokens = account._read_tokens(self.env.cr)
        self.as_user(account, self.alice).action_disconnect()
        self.drop_cached(self.alice)
        self.assertFalse(self.alice.zoom_account_ids)
        revoked = [entry for entry in self.fake.control.requests_log() if entry["path"] == "/oauth/revoke"]
        self.assertEqual(len(revoked), 1)
        # The refresh token Zoom issued no longer works.
        with self.assertRaises(ZoomAuthError):
            self.env["zoom.account"]._zoom_oauth().refresh(tokens.refresh_token)

    def test_a_user_cannot_disconnect_someone_else(self):
        account = self.connect(self.alice)
        with self.assertRaises(AccessError):
            self.as_user(account, self.bob).action_disconnect()
        self.assertTrue(account.exists())

    def test_tokens_are_stored_encrypted_and_not_as_fields(self):
        account = self.connect(self.alice)
        tokens = account._read_tokens(self.env.cr)
        self.flush()
        self.cr.execute("SELECT * FROM zoom_account WHERE id = %s", (account.id,))
        raw_row = " ".join(str(value) for value in self.cr.fetchone())
        self.assertNotIn(tokens.access_token, raw_row)
        self.assertNotIn(tokens.refresh_token, raw_row)
        self.assertFalse({"access_token_enc", "refresh_token_enc"} & set(account.fields_get()))
        everything = account.read()[0]
        self.assertNotIn(tokens.access_token, str(everything))

    def test_connect_requires_configured_app(self):
        self.env["ir.config_parameter"].sudo().set_param("zoom_calendar.client_id", "")
        with self.assertRaises(UserError) as caught:
            self.env["zoom.account"]._zoom_oauth()
        self.assertIn("client id and secret", self.error_text(caught.exception))
