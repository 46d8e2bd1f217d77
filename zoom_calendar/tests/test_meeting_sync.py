"""The tests both addons run are in zoom_calendar_common.tests.meeting_sync;
here, Odoo 11's way of showing the link."""
from zoom_calendar_common.tests.meeting_sync import MeetingSyncTests
from .common import ZoomCase


class TestMeetingSync(MeetingSyncTests, ZoomCase):
    """Each change of a booking leaves Zoom (the fake server's meeting list)
    and Odoo in agreement."""

    def assert_join_link_shown(self, event, join_url):
        self.assertEqual(event.location, "Zoom: %s" % join_url)

    def assert_video_call_link(self, event, join_url):
        """Odoo 11 has no video call field."""

    def assert_no_video_call(self, event):
        """Odoo 11 has no video call field."""
