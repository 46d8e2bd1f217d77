"""Zoom's client secret and bearer tokens go to Zoom only: the tests both
addons run alike are in lib/zoom_calendar_common/tests/zoom_urls.py;
17.0's Settings form has a test of its own here."""
from odoo.exceptions import UserError
from odoo.tests import Form

from zoom_calendar_common.tests.zoom_urls import ZoomUrlsTests
from .common import ZoomCase


class TestZoomUrls(ZoomUrlsTests, ZoomCase):

    def error_message(self, error):
        """An Odoo exception's message (17.0: the exception as text)."""
        return str(error)

    def test_the_settings_form_checks_and_saves_the_base_urls(self):
        # 17.0's Settings (its <app>/<block>/<setting> form), as an administrator fills it.
        form = Form(self.env["res.config.settings"])
        form.zoom_client_id = "demo-client-id"
        form.zoom_api_base_url = self.listener.url + "/v2"
        form.zoom_client_secret = "demo-client-secret"
        settings = form.save()
        with self.assertRaises(UserError) as caught, self.cr.savepoint():
            settings.execute()
        self.assertIn("zoom.us or zoom.com", str(caught.exception))
        form = Form(self.env["res.config.settings"])
        self.assertEqual(form.zoom_api_base_url, self.fake.url + "/v2")  # read back from the parameters
        self.assertFalse(form.zoom_client_secret)  # never shown again
        form.zoom_api_base_url = "https://api.zoom.us/v2"
        form.zoom_client_secret = "demo-client-secret"
        form.save().execute()
        self.assertEqual(self.params.get_param("zoom_calendar.api_base_url"), "https://api.zoom.us/v2")
        self.assertEqual(self.listener.requests, [])
