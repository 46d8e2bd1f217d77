"""The webhook and the OAuth pages, attacked over HTTP: the tests both
addons run as they are (each addon's tests/test_security_http.py inherits
them). Each addon's classes add ``server_url()``, ``reread()`` and (for the
OAuth pages) ``callback()``."""
import json
import socket
import time
from urllib.parse import quote, urlparse

from odoo.addons.zoom_calendar.controllers.main import MAX_WEBHOOK_BYTES
from odoo.addons.zoom_calendar.tests.common import WEBHOOK_SECRET
from zoom_scheduling.zoom_api import webhooks


class WebhookAbuseTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.meeting = self.book(self.collective).zoom_meeting_id
        self.url = self.server_url() + "/zoom/webhook"

    def signed(self, raw, timestamp=None):
        timestamp = str(int(time.time())) if timestamp is None else timestamp
        return {"x-zm-request-timestamp": timestamp, "Content-Type": "application/json",
                "x-zm-signature": webhooks.sign(WEBHOOK_SECRET, timestamp, raw)}

    def started(self, padding=0):
        return json.dumps({"event": "meeting.started", "pad": "x" * padding,
                           "payload": {"object": {"id": self.meeting.zoom_meeting_id}}}).encode()

    def assert_still_scheduled(self):
        self.reread(self.meeting)
        self.assertEqual(self.meeting.status, "scheduled")

    def test_a_body_announced_too_large_is_refused_before_it_is_sent(self):
        # 100 MB announced, 10 bytes sent: the answer comes without the rest.
        self.checkpoint()  # a request of its own: what the test wrote goes to the database
        host = urlparse(self.server_url())
        with socket.create_connection((host.hostname, host.port), timeout=10) as sock:
            sock.sendall(("POST /zoom/webhook HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %d\r\n\r\n{\"event\":" % (host.netloc, 100 * 1024 * 1024)).encode())
            answer = sock.recv(4096).decode("latin-1")
        self.assertTrue(answer.startswith("HTTP/1.0 413") or answer.startswith("HTTP/1.1 413"), answer[:200])

    def test_a_signed_body_over_64_kib_is_refused(self):
        raw = self.started(padding=MAX_WEBHOOK_BYTES)
        response = self.opener.post(self.url, data=raw, headers=self.signed(raw), timeout=20)
        self.assertEqual(response.status_code, 413)
        self.assert_still_scheduled()

    def test_a_chunked_body_over_64_kib_is_refused(self):
        raw = self.started(padding=MAX_WEBHOOK_BYTES)
        chunks = (raw[i:i + 8192] for i in range(0, len(raw), 8192))  # a generator: chunked
        response = self.opener.post(self.url, data=chunks, headers=self.signed(raw), timeout=20)
        self.assertEqual(response.status_code, 413)
        self.assert_still_scheduled()

    def test_a_body_just_under_the_limit_is_served(self):
        raw = self.started()
        raw = self.started(padding=MAX_WEBHOOK_BYTES - len(raw))
        self.assertEqual(len(raw), MAX_WEBHOOK_BYTES)
        response = self.opener.post(self.url, data=raw, headers=self.signed(raw), timeout=20)
        self.assertEqual(response.status_code, 200, response.text[:300])

    def test_only_digits_are_a_timestamp(self):
        raw = self.started()
        for timestamp in ("nan", "NaN", "inf", "1e10", "²", "١٢٣", "%d.0" % time.time()):
            with self.subTest(timestamp=timestamp):
                headers = self.signed(raw, timestamp=timestamp)
                headers["x-zm-request-timestamp"] = quote(timestamp) if not timestamp.isascii() else timestamp
                response = self.opener.post(self.url, data=raw, headers=headers, timeout=10)
                self.assertIn(response.status_code, (400, 401), response.text[:200])
                self.assert_still_scheduled()


class OAuthPagesTests(object):

    def test_a_non_ascii_state_is_a_400(self):
        self.authenticate("test_alice", "test_alice")
        for state in ("x.y.z.%C3%A9", "%C3%A9.%C3%A9.%C3%A9.%C3%A9", "1.a.99999999999.%00", "x.y.%C2%B2.z"):
            with self.subTest(state=state):
                response = self.callback("code=abc&state=" + state)
                self.assertEqual(response.status_code, 400, response.text[:300])
                self.assertIn("not valid", response.text)
