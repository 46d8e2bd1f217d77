"""The addon's routes over real HTTP, the tests both addons run as they are
(each addon's tests/test_controllers.py inherits them): the OAuth flow as a
signed-in user, and Zoom's webhook as Zoom sends it (signed by the fake
Zoom, from its own process). What each Odoo's HttpCase does its own way
stays on the addon's classes, behind the named helpers these tests call:
``server_url()``, ``reread()``, ``start()``, ``callback()``,
``sign_in_elsewhere()``, ``session_sid()``, ``send()``, ``post_raw()``,
``zoom_location()`` and ``stored_datetime()``."""
import json
import time
from datetime import datetime
from urllib.parse import parse_qs, urlparse

import odoo

from odoo.addons.zoom_calendar.tests.common import WEBHOOK_SECRET
from zoom_scheduling.zoom_api import webhooks


class OAuthControllerTests(object):

    def test_connect_through_the_browser_flow(self):
        authorize_url = self.start("test_alice")
        params = parse_qs(urlparse(authorize_url).query)
        self.assertTrue(authorize_url.startswith(self.fake.url + "/oauth/authorize"))
        self.assertEqual(params["code_challenge_method"], ["S256"])
        self.assertEqual(params["redirect_uri"], [self.server_url() + "/zoom/oauth/callback"])
        location = self.fake.control.approve_consent(authorize_url, "alice@example.com")
        response = self.callback(location)
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("Zoom connected", response.text)
        self.reread(self.alice)
        self.assertEqual(self.alice.zoom_state, "connected")
        self.assertEqual(self.alice.zoom_email, "alice@example.com")

    def test_state_is_single_use(self):
        location = self.fake.control.approve_consent(self.start("test_alice"), "alice@example.com")
        self.assertEqual(self.callback(location).status_code, 200)
        again = self.callback(location)
        self.assertEqual(again.status_code, 400)
        self.assertIn("already used", again.text)

    def test_forged_state_is_refused(self):
        location = self.fake.control.approve_consent(self.start("test_alice"), "alice@example.com")
        query = parse_qs(urlparse(location).query)
        forged = query["state"][0][:-4] + "abcd"
        response = self.callback("code=%s&state=%s" % (query["code"][0], forged))
        self.assertEqual(response.status_code, 400)
        self.assertIn("not valid", response.text)
        self.reread(self.alice)
        self.assertEqual(self.alice.zoom_state, "not_connected")

    def test_missing_state_is_refused(self):
        self.authenticate("test_alice", "test_alice")
        response = self.callback("code=abc")
        self.assertEqual(response.status_code, 400)

    def test_another_users_state_is_refused(self):
        location = self.fake.control.approve_consent(self.start("test_alice"), "alice@example.com")
        self.authenticate("test_bob", "test_bob")
        response = self.callback(location)
        self.assertEqual(response.status_code, 400)
        self.reread(self.bob)
        self.assertEqual(self.bob.zoom_state, "not_connected")

    def test_state_from_another_browser_session_is_refused(self):
        """The same user, signed in elsewhere: the state is bound to the
        session that asked for it."""
        location = self.fake.control.approve_consent(self.start("test_alice"), "alice@example.com")
        self.sign_in_elsewhere("test_alice")
        response = self.callback(location)
        self.assertEqual(response.status_code, 400)
        self.assertIn("another browser session", response.text)
        self.reread(self.alice)
        self.assertEqual(self.alice.zoom_state, "not_connected")

    def test_expired_state_is_refused(self):
        location = self.fake.control.approve_consent(self.start("test_alice"), "alice@example.com")
        session = odoo.http.root.session_store.get(self.session_sid())
        pending = dict(session.get("zoom_oauth_pending"))
        for entry in pending.values():
            entry["expires"] = time.time() - 1
        session["zoom_oauth_pending"] = pending
        odoo.http.root.session_store.save(session)
        response = self.callback(location)
        self.assertEqual(response.status_code, 400)

    def test_access_denied_shows_a_clear_message(self):
        location = self.fake.control.deny_consent(self.start("test_alice"))
        response = self.callback(location)
        self.assertEqual(response.status_code, 400)
        self.assertIn("You declined", response.text)

    def test_second_user_sees_why_the_zoom_account_is_refused(self):
        self.connect(self.alice)
        location = self.fake.control.approve_consent(self.start("test_bob"), "alice@example.com")
        response = self.callback(location)
        self.assertEqual(response.status_code, 409)
        self.assertIn("already connected to another Odoo user", response.text)


class WebhookTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.event = self.book(self.collective, partners=self.erin)
        self.meeting = self.event.zoom_meeting_id
        self.url = self.server_url() + "/zoom/webhook"

    def post(self, body, timestamp=None, secret=WEBHOOK_SECRET, signature=None):
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        timestamp = str(int(time.time()) if timestamp is None else timestamp)
        headers = {"x-zm-request-timestamp": timestamp,
                   "x-zm-signature": signature or webhooks.sign(secret, timestamp, raw),
                   "Content-Type": "application/json"}
        return self.post_raw(raw, headers)

    def test_started_and_ended_update_the_status(self):
        self.assertEqual(self.send("meeting.started")["status"], 200)
        self.assertEqual(self.meeting.status, "started")
        self.send("meeting.ended")
        self.assertEqual(self.meeting.status, "ended")

    def test_deleted_in_zoom_clears_the_link(self):
        self.send("meeting.deleted")
        self.assertEqual(self.meeting.status, "deleted")
        self.assertFalse(self.zoom_location(self.event))

    def test_app_deauthorized_asks_the_user_to_reconnect(self):
        answer = self.send("app_deauthorized", email="alice@example.com")
        self.assertEqual(answer["status"], 200)
        account = self.alice.zoom_account_ids
        self.reread(account)
        self.assertEqual(account.state, "reconnect_needed")
        self.assertIsNone(account._read_tokens(self.env.cr))

    def test_url_validation_challenge(self):
        response = self.post({"event": "endpoint.url_validation", "payload": {"plainToken": "abc123"}})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), webhooks.url_validation_response(WEBHOOK_SECRET, "abc123"))

    def test_wrong_signature_is_rejected(self):
        answer = self.send("meeting.started", secret="not-the-secret")
        self.assertEqual(answer["status"], 401)
        self.assertEqual(self.meeting.status, "scheduled")

    def test_stale_timestamp_is_rejected(self):
        response = self.post({"event": "meeting.started", "payload": {"object": {"id": self.meeting.zoom_meeting_id}}},
                             timestamp=int(time.time()) - 600)
        self.assertEqual(response.status_code, 401)
        self.assertIn("stale", response.json()["error"])

    def test_missing_signature_is_rejected(self):
        response = self.post_raw(b"{}")
        self.assertEqual(response.status_code, 401)

    def test_body_that_is_not_json_is_rejected(self):
        response = self.post(b"<html>hello</html>")
        self.assertEqual(response.status_code, 400)

    def test_unknown_event_and_unknown_meeting_are_no_ops(self):
        response = self.post({"event": "recording.completed", "payload": {"object": {}}})
        self.assertEqual((response.status_code, response.json()["status"]), (200, "ignored"))
        response = self.post({"event": "meeting.started", "payload": {"object": {"id": 123}}})
        self.assertEqual((response.status_code, response.json()["result"]), (200, "unknown meeting"))
        self.reread(self.meeting)
        self.assertEqual(self.meeting.status, "scheduled")

    def test_numeric_meeting_id_is_accepted(self):
        body = {"event": "meeting.started", "payload": {"object": {"id": int(self.meeting.zoom_meeting_id)}}}
        self.assertEqual(self.post(body).status_code, 200)
        self.reread(self.meeting)
        self.assertEqual(self.meeting.status, "started")

    def test_same_delivery_twice_is_processed_once(self):
        body = json.dumps({"event": "meeting.ended", "event_ts": 1,
                           "payload": {"object": {"id": self.meeting.zoom_meeting_id}}}).encode()
        self.assertEqual(self.post(body).json()["status"], "ok")
        self.meeting.status = "started"  # a later event, say
        self.assertEqual(self.post(body).json()["status"], "duplicate")
        self.reread(self.meeting)
        self.assertEqual(self.meeting.status, "started")


class WebhookUpdatedTests(object):

    def test_a_change_made_in_zoom_is_reported_to_the_host(self):
        self.connect(self.alice)
        event = self.book(self.collective)
        self.checkpoint()
        answer = self.fake.control.send_webhook(
            self.server_url() + "/zoom/webhook", "meeting.updated",
            meeting_id=event.zoom_meeting_id.zoom_meeting_id, changes={"start_time": "2031-03-03T11:00:00Z"})
        self.assertEqual(answer["status"], 200)
        self.reread(event)
        notes = event.message_ids.filtered(lambda m: "changed in Zoom" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn("start_time", notes.body)
        self.assertIn(self.alice.partner_id, notes.partner_ids)
        self.assertEqual(event.start, self.stored_datetime(datetime(2031, 3, 3, 9)))
