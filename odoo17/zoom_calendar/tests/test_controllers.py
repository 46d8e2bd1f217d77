"""The addon's routes over real HTTP: the OAuth flow as a signed-in user
(and as one who is not, or a portal user), and Zoom's webhook as Zoom
sends it (signed by the fake Zoom, from its own process)."""
import json
import time
from datetime import datetime
from urllib.parse import parse_qs, urlparse

import odoo

from zoom_scheduling.zoom_api import webhooks
from .common import WEBHOOK_SECRET, ZoomHttpCase


class TestOAuthController(ZoomHttpCase):

    def start(self, login):
        self.authenticate(login, login)
        response = self.url_open("/zoom/oauth/start", allow_redirects=False)
        self.assertEqual(response.status_code, 303, response.text[:300])
        return response.headers["Location"]

    def callback(self, location_or_query):
        query = urlparse(location_or_query).query if "://" in location_or_query else location_or_query
        return self.url_open("/zoom/oauth/callback?" + query, timeout=20)

    def test_connect_through_the_browser_flow(self):
        authorize_url = self.start("test_alice")
        params = parse_qs(urlparse(authorize_url).query)
        self.assertTrue(authorize_url.startswith(self.fake.url + "/oauth/authorize"))
        self.assertEqual(params["code_challenge_method"], ["S256"])
        self.assertEqual(params["redirect_uri"], [self.base_url() + "/zoom/oauth/callback"])
        location = self.fake.control.approve_consent(authorize_url, "alice@example.com")
        response = self.callback(location)
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("Zoom connected", response.text)
        self.alice.invalidate_recordset()
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
        self.alice.invalidate_recordset()
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
        self.bob.invalidate_recordset()
        self.assertEqual(self.bob.zoom_state, "not_connected")

    def test_state_from_another_browser_session_is_refused(self):
        """The same user, signed in elsewhere: the state is bound to the
        session that asked for it."""
        location = self.fake.control.approve_consent(self.start("test_alice"), "alice@example.com")
        first = self.session.sid
        self.authenticate("test_alice", "test_alice")  # a new session, and a new cookie jar
        self.assertNotEqual(self.session.sid, first)
        response = self.callback(location)
        self.assertEqual(response.status_code, 400)
        self.assertIn("another browser session", response.text)
        self.alice.invalidate_recordset()
        self.assertEqual(self.alice.zoom_state, "not_connected")

    def test_expired_state_is_refused(self):
        location = self.fake.control.approve_consent(self.start("test_alice"), "alice@example.com")
        session = odoo.http.root.session_store.get(self.session.sid)
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

    def test_oauth_needs_a_logged_in_user(self):
        response = self.url_open("/zoom/oauth/start", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_portal_user_cannot_connect(self):
        portal = self.make_portal_user()
        self.authenticate(portal.login, portal.login)
        response = self.url_open("/zoom/oauth/start", allow_redirects=False)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(portal.zoom_account_ids)


class TestWebhook(ZoomHttpCase):

    def setUp(self):
        super(TestWebhook, self).setUp()
        self.connect(self.alice)
        self.event = self.book(self.collective, partners=self.erin)
        self.meeting = self.event.zoom_meeting_id
        self.url = self.base_url() + "/zoom/webhook"

    def send(self, event, **kwargs):
        """The fake Zoom signs and sends the event, from its own process."""
        kwargs.setdefault("meeting_id", self.meeting.zoom_meeting_id)
        self.checkpoint()
        answer = self.fake.control.send_webhook(self.url, event, **kwargs)
        self.refresh()
        return answer

    def post(self, body, timestamp=None, secret=WEBHOOK_SECRET, signature=None):
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        timestamp = str(int(time.time()) if timestamp is None else timestamp)
        headers = {"x-zm-request-timestamp": timestamp,
                   "x-zm-signature": signature or webhooks.sign(secret, timestamp, raw),
                   "Content-Type": "application/json"}
        return self.url_open("/zoom/webhook", data=raw, headers=headers)

    def test_started_and_ended_update_the_status(self):
        self.assertEqual(self.send("meeting.started")["status"], 200)
        self.assertEqual(self.meeting.status, "started")
        self.send("meeting.ended")
        self.assertEqual(self.meeting.status, "ended")

    def test_deleted_in_zoom_clears_the_link(self):
        self.send("meeting.deleted")
        self.assertEqual(self.meeting.status, "deleted")
        self.assertFalse(self.event.videocall_location)

    def test_app_deauthorized_asks_the_user_to_reconnect(self):
        answer = self.send("app_deauthorized", email="alice@example.com")
        self.assertEqual(answer["status"], 200)
        account = self.alice.zoom_account_ids
        account.invalidate_recordset()
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
        response = self.url_open("/zoom/webhook", data=b"{}")
        self.assertEqual(response.status_code, 401)

    def test_body_that_is_not_json_is_rejected(self):
        response = self.post(b"<html>hello</html>")
        self.assertEqual(response.status_code, 400)

    def test_unknown_event_and_unknown_meeting_are_no_ops(self):
        response = self.post({"event": "recording.completed", "payload": {"object": {}}})
        self.assertEqual((response.status_code, response.json()["status"]), (200, "ignored"))
        response = self.post({"event": "meeting.started", "payload": {"object": {"id": 123}}})
        self.assertEqual((response.status_code, response.json()["result"]), (200, "unknown meeting"))
        self.meeting.invalidate_recordset()
        self.assertEqual(self.meeting.status, "scheduled")

    def test_numeric_meeting_id_is_accepted(self):
        body = {"event": "meeting.started", "payload": {"object": {"id": int(self.meeting.zoom_meeting_id)}}}
        self.assertEqual(self.post(body).status_code, 200)
        self.meeting.invalidate_recordset()
        self.assertEqual(self.meeting.status, "started")

    def test_same_delivery_twice_is_processed_once(self):
        body = json.dumps({"event": "meeting.ended", "event_ts": 1,
                           "payload": {"object": {"id": self.meeting.zoom_meeting_id}}}).encode()
        self.assertEqual(self.post(body).json()["status"], "ok")
        self.meeting.status = "started"  # a later event, say
        self.assertEqual(self.post(body).json()["status"], "duplicate")
        self.meeting.invalidate_recordset()
        self.assertEqual(self.meeting.status, "started")


class TestWebhookUpdated(ZoomHttpCase):

    def test_a_change_made_in_zoom_is_reported_to_the_host(self):
        self.connect(self.alice)
        event = self.book(self.collective)
        self.checkpoint()
        answer = self.fake.control.send_webhook(
            self.base_url() + "/zoom/webhook", "meeting.updated",
            meeting_id=event.zoom_meeting_id.zoom_meeting_id, changes={"start_time": "2031-03-03T11:00:00Z"})
        self.assertEqual(answer["status"], 200)
        event.invalidate_recordset()
        notes = event.message_ids.filtered(lambda m: "changed in Zoom" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn("start_time", notes.body)
        self.assertIn(self.alice.partner_id, notes.partner_ids)
        self.assertEqual(event.start, datetime(2031, 3, 3, 9))
