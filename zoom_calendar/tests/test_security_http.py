"""The webhook and the OAuth pages, attacked over HTTP: oversized and
chunked bodies, timestamps that are not numbers, non-ASCII states, and the
consent-return page's headers. The tests both addons run alike:
lib/zoom_calendar_common/tests/security_http.py."""
from urllib.parse import urlparse

from zoom_calendar_common.tests.security_http import OAuthPagesTests, WebhookAbuseTests
from .common import ZoomHttpCase
from .test_controllers import HttpHelpers


class TestWebhookAbuse(WebhookAbuseTests, HttpHelpers, ZoomHttpCase):

    def setUp(self):
        super().setUp()
        self.checkpoint()


class TestOAuthPages(OAuthPagesTests, HttpHelpers, ZoomHttpCase):

    def callback(self, query):
        return self.opener.get(self.base_url + "/zoom/oauth/callback?" + query, timeout=20)

    def test_the_consent_return_page_leaks_nothing_through_referer_or_caches(self):
        self.authenticate("test_alice", "test_alice")
        response = self.opener.get(self.base_url + "/zoom/oauth/start", allow_redirects=False, timeout=10)
        location = self.fake.control.approve_consent(response.headers["Location"], "alice@example.com")
        for response in (self.callback(urlparse(location).query), self.callback("code=abc&state=x")):
            with self.subTest(status=response.status_code):
                self.assertEqual(response.headers.get("Referrer-Policy"), "no-referrer")
                self.assertIn("no-store", response.headers.get("Cache-Control", ""))
