"""Zoom failing at booking time, deleting, updating or capping a host's
day: zoom_calendar_common's tests (tests/faults.py), on Odoo 17.0."""
from zoom_calendar_common.tests.faults import DailyCapTests, NoOrphansTests, ZoomDownAtBookingTests
from .common import ZoomCase


class Odoo17Helpers(object):
    """What the shared tests read differently on Odoo 17.0."""

    def retry_at(self, meeting):
        return meeting.next_retry_at

    def assert_no_link_yet(self, event):
        self.assertFalse(event.videocall_location)  # no link yet, and no Discuss call instead

    def assert_link_shown(self, event, join_url):
        self.assertEqual(event.videocall_location, join_url)


class TestZoomDownAtBooking(ZoomDownAtBookingTests, Odoo17Helpers, ZoomCase):
    pass


class TestNoOrphans(NoOrphansTests, ZoomCase):
    pass


class TestDailyCap(DailyCapTests, Odoo17Helpers, ZoomCase):
    pass
