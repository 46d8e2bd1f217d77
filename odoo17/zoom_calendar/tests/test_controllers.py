"""The addon's routes over real HTTP: the OAuth flow as a signed-in user
(and as one who is not, or a portal user), and Zoom's webhook as Zoom
sends it (signed by the fake Zoom, from its own process). The tests both
addons run as they are: lib/zoom_calendar_common/tests/controllers.py."""
from urllib.parse import urlparse

from zoom_calendar_common.tests.controllers import OAuthControllerTests, WebhookTests, WebhookUpdatedTests
from .common import ZoomHttpCase


class HttpHelpers:
    """The shared tests' helpers, as 17.0's HttpCase needs them."""

    def server_url(self):
        """This test server's address (17.0: ``base_url()`` is a method)."""
        return self.base_url()

    def reread(self, records):
        """Forgets what the cache holds of ``records``: they are read again."""
        records.invalidate_recordset()


class TestOAuthController(OAuthControllerTests, HttpHelpers, ZoomHttpCase):

    def start(self, login):
        self.authenticate(login, login)
        response = self.url_open("/zoom/oauth/start", allow_redirects=False)
        self.assertEqual(response.status_code, 303, response.text[:300])
        return response.headers["Location"]

    def callback(self, location_or_query):
        query = urlparse(location_or_query).query if "://" in location_or_query else location_or_query
        return self.url_open("/zoom/oauth/callback?" + query, timeout=20)

    def sign_in_elsewhere(self, login):
        """``login`` signs in again, in a browser session of its own."""
        first = self.session.sid
        self.authenticate(login, login)  # a new session, and a new cookie jar
        self.assertNotEqual(self.session.sid, first)

    def session_sid(self):
        """The id of the browser session the test signed in with."""
        return self.session.sid

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


class TestWebhook(WebhookTests, HttpHelpers, ZoomHttpCase):

    def send(self, event, **kwargs):
        """The fake Zoom signs and sends the event, from its own process."""
        kwargs.setdefault("meeting_id", self.meeting.zoom_meeting_id)
        self.checkpoint()
        answer = self.fake.control.send_webhook(self.url, event, **kwargs)
        self.refresh()
        return answer

    def post_raw(self, raw, headers=None):
        """Posts ``raw`` to the webhook, with ``headers``."""
        return self.url_open("/zoom/webhook", data=raw, headers=headers)

    def zoom_location(self, event):
        """Where ``event`` says its meeting takes place (17.0: its
        videocall_location; send() read everything again)."""
        return event.videocall_location


class TestWebhookUpdated(WebhookUpdatedTests, HttpHelpers, ZoomHttpCase):

    def stored_datetime(self, value):
        """``value`` as 17.0's Datetime fields hold it: a datetime."""
        return value
