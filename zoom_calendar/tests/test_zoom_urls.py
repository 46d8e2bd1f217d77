"""Zoom's client secret and bearer tokens go to Zoom only: the tests both
addons run alike are in lib/zoom_calendar_common/tests/zoom_urls.py."""
from zoom_calendar_common.tests.zoom_urls import ZoomUrlsTests
from .common import ZoomCase


class TestZoomUrls(ZoomUrlsTests, ZoomCase):

    def error_message(self, error):
        """An Odoo exception's message (11.0: its name)."""
        return error.name
