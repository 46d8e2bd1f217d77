"""Zoom's client secret and bearer tokens go to Zoom only: https on zoom.us
or zoom.com, or a base the server's configuration file allows (the tests
allow the fake Zoom server, on http://127.0.0.1). An administrator who
points a base URL, or a token answer that points `api_url`, at a listener
gets nothing sent there.

The tests both addons run as they are (each addon's tests/test_zoom_urls.py
inherits them); each addon's class adds ``error_message()``."""
import http.server
import threading

from odoo.exceptions import UserError

from odoo.addons.zoom_calendar.tests.common import connect

LISTENER_HOST = "localhost"  # not 127.0.0.1, which the tests' configuration allows


class Listener(object):
    """An HTTP server that records what it is sent."""

    def __init__(self):
        self.requests = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self):
                listener.requests.append((self.command, self.path, dict(self.headers)))
                self.send_response(404)
                self.end_headers()
            do_GET = do_POST = do_PATCH = do_DELETE = _record

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://%s:%d" % (LISTENER_HOST, self.server.server_port)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class ZoomUrlsTests(object):

    def setUp(self):
        super().setUp()
        self.listener = Listener()
        self.addCleanup(self.listener.stop)
        self.params = self.env["ir.config_parameter"].sudo()

    def test_settings_refuse_a_base_url_outside_zoom(self):
        for field, url in (("zoom_api_base_url", self.listener.url + "/v2"),
                           ("zoom_api_base_url", "https://api.zoom.us.evil.example/v2"),
                           ("zoom_oauth_base_url", "http://zoom.us"),
                           ("zoom_oauth_base_url", self.listener.url)):
            with self.subTest(field=field, url=url):
                settings = self.env["res.config.settings"].create({
                    "zoom_client_id": "demo-client-id", "zoom_client_secret": "demo-client-secret",
                    "zoom_oauth_base_url": self.fake.url, "zoom_api_base_url": self.fake.url + "/v2",
                    field: url})
                with self.assertRaises(UserError) as caught, self.cr.savepoint():
                    settings.execute()
                self.assertIn("zoom.us or zoom.com", self.error_message(caught.exception))
        self.assertEqual(self.params.get_param("zoom_calendar.api_base_url"), self.fake.url + "/v2")

    def test_a_system_parameter_pointing_at_a_listener_gets_no_token(self):
        self.connect(self.alice)
        # System Parameters are not Settings: the check is where the token is sent.
        self.params.set_param("zoom_calendar.api_base_url", self.listener.url + "/v2")
        event = self.book(self.round_robin, host=self.alice)
        self.assertEqual(self.listener.requests, [])
        self.assertEqual(event.zoom_meeting_id.status, "failed")
        self.assertIn("zoom_allowed_base_urls", event.zoom_meeting_id.last_error)

    def test_an_oauth_url_pointing_at_a_listener_gets_no_client_secret(self):
        self.params.set_param("zoom_calendar.oauth_base_url", self.listener.url)
        with self.assertRaises(UserError) as caught:
            self.env["zoom.account"]._zoom_oauth()
        self.assertIn("zoom.us or zoom.com", self.error_message(caught.exception))
        self.assertEqual(self.listener.requests, [])

    def test_the_token_answers_api_url_is_followed_to_zoom_only(self):
        # Real Zoom's API base: the token answer's api_url would be followed.
        self.params.set_param("zoom_calendar.api_base_url", "https://api.zoom.us/v2")
        self.fake.control.config(token_api_url=self.listener.url)
        with self.assertRaises(Exception) as caught:
            connect(self.env, self.fake, self.alice)
        self.assertIn("zoom.us or zoom.com", str(caught.exception))
        self.assertEqual(self.listener.requests, [])
        self.assertFalse(self.alice.zoom_account_ids)

    def test_changing_a_base_url_asks_for_the_client_secret_again(self):
        values = {"zoom_client_id": "demo-client-id", "zoom_oauth_base_url": self.fake.url,
                  "zoom_api_base_url": "https://api.zoom.us/v2"}
        with self.assertRaises(UserError) as caught, self.cr.savepoint():
            self.env["res.config.settings"].create(values).execute()
        self.assertIn("client secret", self.error_message(caught.exception))
        self.assertEqual(self.params.get_param("zoom_calendar.api_base_url"), self.fake.url + "/v2")
        self.env["res.config.settings"].create(dict(values, zoom_client_secret="demo-client-secret")).execute()
        self.assertEqual(self.params.get_param("zoom_calendar.api_base_url"), "https://api.zoom.us/v2")
        # The typed secret does not stay readable on the settings record.
        self.assertFalse(self.env["res.config.settings"].search([("zoom_client_secret", "!=", False)]))
