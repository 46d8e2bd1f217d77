"""The tests both addons run are in zoom_calendar_common.tests.meeting_sync;
here, Odoo 17's video call field and its form."""
from datetime import datetime

from odoo.tests import Form

from zoom_calendar_common.tests.meeting_sync import MeetingSyncTests
from .common import ZoomCase


class TestMeetingSync(MeetingSyncTests, ZoomCase):
    """Each change of a booking leaves Zoom (the fake server's meeting list)
    and Odoo in agreement."""

    def assert_join_link_shown(self, event, join_url):
        # Odoo 17's own video call field: the Join video call button, the
        # invitation and the popover show the Zoom link.
        self.assertEqual(event.videocall_location, join_url)
        self.assertEqual(event.videocall_source, "custom")

    def test_a_booking_saved_in_the_form_gets_its_meeting(self):
        """As an employee saves it in 17.0's web client (its form view, its
        onchanges, then create)."""
        with Form(self.env["calendar.event"].with_user(self.alice)) as form:
            form.name = "Booked in the form"
            form.group_calendar_id = self.round_robin
            form.start = datetime(2031, 3, 4, 10)
            form.duration = 0.5
        event = form.record.sudo()  # the meeting itself is not for employees to read
        self.assertEqual(event.stop, datetime(2031, 3, 4, 10, 30))
        self.assertIn(event.user_id, self.alice | self.bob)
        zoom = self.zoom_meeting(event)
        self.assertEqual((zoom["topic"], zoom["start_time"]), ("Booked in the form", "2031-03-04T10:00:00Z"))
        self.assertEqual(event.videocall_location, zoom["join_url"])

    def assert_video_call_link(self, event, join_url):
        self.assertEqual(event.videocall_location, join_url)

    def assert_no_video_call(self, event):
        self.assertFalse(event.videocall_location)

    def test_no_discuss_video_call_is_offered_on_a_zoom_booking(self):
        """Odoo 17's *Odoo meeting* button (a Discuss call) leaves a Zoom
        booking's link alone; a plain event still gets its Discuss call."""
        join_url = self.event.zoom_join_url
        self.event._set_discuss_videocall_location()
        self.assertEqual(self.event.videocall_location, join_url)
        self.assertNotIn(self.event.DISCUSS_ROUTE, self.event.videocall_location)
        self.assertEqual(self.event.videocall_source, "custom")
        plain = self.busy(self.alice, start=self.event.start.replace(day=10))
        plain._set_discuss_videocall_location()
        self.assertIn(plain.DISCUSS_ROUTE, plain.videocall_location)
