"""Attendance from Zoom: the fake Zoom sends signed meeting.participant_joined
/ _left and meeting.ended webhooks over HTTP to Odoo's /zoom/webhook; each
attendee becomes attended (join time, minutes present) or a no-show; the
host corrects by hand; round robin may leave no-shows out of fairness.

The tests both addons run are in zoom_calendar_common.tests.attendance;
here, Odoo 11's helpers."""
from zoom_calendar_common.tests.attendance import AttendanceFromZoomTests, NoShowsAndFairnessTests
from .common import ZoomCase, ZoomHttpCase, dt


class TestAttendanceFromZoom(AttendanceFromZoomTests, ZoomHttpCase):

    def webhook_url(self):
        return self.base_url + "/zoom/webhook"

    def refresh(self):
        self.env.cache.invalidate()

    def orm_datetime(self, value):
        return dt(value)

    def as_user(self, records, user):
        return records.sudo(user)


class TestNoShowsAndFairness(NoShowsAndFairnessTests, ZoomCase):

    def orm_datetime(self, value):
        return dt(value)
