"""Zoom tokens: refreshed shortly before they expire, rotated by Zoom,
revoked; and their changes survive the caller's rollback and two workers
refreshing at once (real transactions, real threads).

Each addon's test classes inherit these, beside its ZoomCase or
TransactionCase, and provide what its Odoo does differently:
``assert_auth_error(call)`` (``call()`` raises ZoomAuthError, and what it
wrote stays), ``flush(env)`` (pending writes to the database),
``reread(env)`` (cached values forgotten) and ``worker_environment()`` (the
context a thread of its own opens its Odoo environments in)."""
import threading
import time
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.addons.zoom_calendar.tests.common import configure_zoom, connect, fake_zoom

from zoom_scheduling.zoom_api import ZoomAuthError


def refresh_requests(fake):
    return [entry for entry in fake.control.requests_log() if entry["path"] == "/oauth/token"]


class TokenLifecycleTests(object):

    def setUp(self):
        super().setUp()
        self.account = self.connect(self.alice)
        self.fake.control.clear_requests()

    def test_valid_token_is_not_refreshed(self):
        self.book(self.collective)
        self.book(self.collective, start=datetime(2031, 3, 4, 9))
        self.assertEqual(refresh_requests(self.fake), [])

    def test_token_is_refreshed_shortly_before_it_expires(self):
        old = self.account._read_tokens(self.env.cr)
        with freeze_time(datetime.utcnow() + timedelta(seconds=3500)):
            event = self.book(self.collective)
        self.assertEqual(event.zoom_meeting_id.status, "scheduled")
        self.assertEqual(len(refresh_requests(self.fake)), 1)
        new = self.account._read_tokens(self.env.cr)
        self.assertNotEqual(new.refresh_token, old.refresh_token)
        # Zoom rotated it: the old refresh token is dead, the new one works.
        oauth = self.env["zoom.account"]._zoom_oauth()
        with self.assertRaises(ZoomAuthError):
            oauth.refresh(old.refresh_token)
        self.assertTrue(oauth.refresh(new.refresh_token).access_token)

    def test_revoked_token_asks_to_reconnect_and_keeps_the_booking_pending(self):
        self.fake.control.revoke("alice@example.com")
        event = self.book(self.collective)
        self.assertTrue(event.exists())
        self.assertEqual(event.zoom_meeting_id.status, "pending")
        self.reread(self.env)
        self.assertEqual(self.account.state, "reconnect_needed")
        self.assertEqual(self.alice.zoom_state, "reconnect_needed")
        self.assertIsNone(self.account._read_tokens(self.env.cr))
        notices = self.alice.partner_id.message_ids.filtered(lambda m: "reconnected" in (m.body or ""))
        self.assertTrue(notices)
        # Reconnecting sends the waiting booking to Zoom on the next run.
        self.connect(self.alice)
        self.env["zoom.meeting"]._cron_retry_pending()
        self.assertEqual(event.zoom_meeting_id.status, "scheduled")
        self.assertEqual(self.zoom_meeting(event)["host_email"], "alice@example.com")

    def test_refresh_refused_marks_reconnect_needed(self):
        self.fake.control.revoke("alice@example.com")
        with freeze_time(datetime.utcnow() + timedelta(seconds=3500)):
            self.assert_auth_error(self.account._access_token)
        self.reread(self.env)
        self.assertEqual(self.account.state, "reconnect_needed")

    def test_unreadable_token_asks_to_reconnect(self):
        self.flush(self.env)
        self.cr.execute("UPDATE zoom_account SET access_token_enc = 'garbage', refresh_token_enc = 'garbage' "
                        "WHERE id = %s", (self.account.id,))
        self.reread(self.env)
        self.assert_auth_error(self.account._access_token)
        self.reread(self.env)
        self.assertEqual(self.account.state, "reconnect_needed")


class TokensAcrossTransactionsTests(object):
    """Token changes must survive the caller's rollback and two workers
    refreshing at once: these tests commit, and clean up after."""

    def setUp(self):
        super().setUp()
        self.fake = fake_zoom()
        self.fake.control.reset()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            configure_zoom(env, self.fake)
            user = env["res.users"].with_context(no_reset_password=True).create({
                "name": "Tess Token", "login": "tess_%s" % time.time(), "email": "tess@example.com",
                "groups_id": [(6, 0, [env.ref("base.group_user").id])]})
            self.account_id = connect(env, self.fake, user).id
            self.user_id = user.id
            # Make the access token due for a refresh.
            self.flush(env)
            cr.execute("UPDATE zoom_account SET token_expires_at = %s WHERE id = %s",
                       (time.time() + 10, self.account_id))
        self.addCleanup(self._cleanup)
        self.fake.control.clear_requests()

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM zoom_account WHERE id = %s", (self.account_id,))
            cr.execute("UPDATE res_users SET active = false WHERE id = %s", (self.user_id,))

    def _in_new_transaction(self, function, commit=True):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            try:
                return function(env["zoom.account"].browse(self.account_id))
            finally:
                if not commit:
                    cr.rollback()

    def test_two_workers_refreshing_at_once_keep_the_binding(self):
        tokens, errors = [], []

        def worker():
            try:
                with self.worker_environment():
                    tokens.append(self._in_new_transaction(lambda account: account._access_token()))
            except Exception as error:  # reported below
                errors.append(error)
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        self.assertEqual(errors, [])
        self.assertEqual(len(refresh_requests(self.fake)), 1)
        self.assertEqual(len(set(tokens)), 1)
        stored = self._in_new_transaction(lambda account: account._read_tokens(account.env.cr))
        self.assertTrue(self._in_new_transaction(
            lambda account: account._zoom_oauth().refresh(stored.refresh_token)).access_token)

    def test_rotated_tokens_survive_a_rollback_of_the_caller(self):
        token = self._in_new_transaction(lambda account: account._access_token(), commit=False)
        stored = self._in_new_transaction(lambda account: account._read_tokens(account.env.cr))
        self.assertEqual(stored.access_token, token)

    def test_reconnect_needed_survives_a_rollback_of_the_caller(self):
        self.fake.control.revoke("tess@example.com")

        def refresh(account):
            with self.assertRaises(ZoomAuthError):
                account._access_token()
        self._in_new_transaction(refresh, commit=False)
        state = self._in_new_transaction(lambda account: account.state)
        self.assertEqual(state, "reconnect_needed")
