"""The addon's routes over real HTTP. The tests both addons run as they are:
lib/zoom_calendar_common/tests/controllers.py."""
from urllib.parse import urlparse

import odoo
from odoo import fields

from zoom_calendar_common.tests.controllers import OAuthControllerTests, WebhookTests, WebhookUpdatedTests
from .common import ZoomHttpCase


class HttpHelpers(object):
    """The shared tests' helpers, as 11.0's HttpCase needs them."""

    def server_url(self):
        """This test server's address (11.0: ``base_url`` is a string)."""
        return self.base_url

    def reread(self, records):
        """Forgets what the cache holds of ``records``: they are read again."""
        records.invalidate_cache()


class TestOAuthController(OAuthControllerTests, HttpHelpers, ZoomHttpCase):

    def start(self, login):
        self.authenticate(login, login)
        response = self.opener.get(self.base_url + "/zoom/oauth/start", allow_redirects=False, timeout=10)
        self.assertEqual(response.status_code, 303, response.text[:300])
        return response.headers["Location"]

    def callback(self, location_or_query):
        query = urlparse(location_or_query).query if "://" in location_or_query else location_or_query
        return self.opener.get(self.base_url + "/zoom/oauth/callback?" + query, timeout=20)

    def sign_in_elsewhere(self, login):
        """``login`` signs in again, in a browser session of its own."""
        self.session = odoo.http.root.session_store.new()
        self.authenticate(login, login)
        self.opener.cookies.clear()  # the server's cookie for the first session too
        self.opener.cookies["session_id"] = self.session.sid

    def session_sid(self):
        """The id of the browser session the test signed in with."""
        return self.session_id

    def test_oauth_needs_a_logged_in_user(self):
        response = self.opener.get(self.base_url + "/zoom/oauth/start", allow_redirects=False, timeout=10)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/web/login", response.headers["Location"])

    def test_portal_user_cannot_connect(self):
        portal = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Paula Portal", "login": "test_portal", "password": "test_portal",
            "email": "paula@example.org", "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        self.assertTrue(portal)
        self.authenticate("test_portal", "test_portal")
        response = self.opener.get(self.base_url + "/zoom/oauth/start", allow_redirects=False, timeout=10)
        self.assertEqual(response.status_code, 403)


class TestWebhook(WebhookTests, HttpHelpers, ZoomHttpCase):

    def send(self, event, **kwargs):
        kwargs.setdefault("meeting_id", self.meeting.zoom_meeting_id)
        answer = self.fake.control.send_webhook(self.url, event, **kwargs)
        self.meeting.invalidate_cache()
        return answer

    def post_raw(self, raw, headers=None):
        """Posts ``raw`` to the webhook, with ``headers``."""
        return self.opener.post(self.url, data=raw, headers=headers, timeout=10)

    def zoom_location(self, event):
        """Where ``event`` says its meeting takes place, read again (11.0:
        its location)."""
        event.invalidate_cache()
        return event.location


class TestWebhookUpdated(WebhookUpdatedTests, HttpHelpers, ZoomHttpCase):

    def stored_datetime(self, value):
        """``value`` as 11.0's Datetime fields hold it: a string."""
        return fields.Datetime.to_string(value)
