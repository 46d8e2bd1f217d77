"""Zoom failing at booking time, deleting, updating or capping a host's
day: zoom_calendar_common's tests (tests/faults.py), on Odoo 11.0."""
from odoo import fields

from zoom_calendar_common.tests.faults import DailyCapTests, NoOrphansTests, ZoomDownAtBookingTests
from .common import ZoomCase


class Odoo11Helpers(object):
    """What the shared tests read differently on Odoo 11.0."""

    def retry_at(self, meeting):
        return fields.Datetime.from_string(meeting.next_retry_at)

    def assert_no_link_yet(self, event):
        self.assertEqual(event.location, "Zoom (link to follow)")

    def assert_link_shown(self, event, join_url):
        self.assertEqual(event.location, "Zoom: %s" % join_url)


class TestZoomDownAtBooking(ZoomDownAtBookingTests, Odoo11Helpers, ZoomCase):
    pass


class TestNoOrphans(NoOrphansTests, ZoomCase):
    pass


class TestDailyCap(DailyCapTests, Odoo11Helpers, ZoomCase):
    pass
