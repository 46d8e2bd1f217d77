"""Attendance from Zoom: the fake Zoom sends signed meeting.participant_joined
/ _left and meeting.ended webhooks over HTTP to Odoo's /zoom/webhook; each
attendee becomes attended (join time, minutes present) or a no-show; the
host corrects by hand; round robin may leave no-shows out of fairness.

The tests both addons run are in zoom_calendar_common.tests.attendance;
here, Odoo 17's helpers (refresh() is common.ZoomHttpCase's)."""
from zoom_calendar_common.tests.attendance import AttendanceFromZoomTests, NoShowsAndFairnessTests
from .common import ZoomCase, ZoomHttpCase


class TestAttendanceFromZoom(AttendanceFromZoomTests, ZoomHttpCase):

    def webhook_url(self):
        return self.base_url() + "/zoom/webhook"

    def orm_datetime(self, value):
        return value

    def as_user(self, records, user):
        return records.with_user(user)


class TestNoShowsAndFairness(NoShowsAndFairnessTests, ZoomCase):

    def orm_datetime(self, value):
        return value
