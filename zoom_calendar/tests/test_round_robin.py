"""Round robin on Odoo 11.0: who hosts a booking among the group calendar's
members. The tests both addons run are in zoom_calendar_common.tests.round_robin;
here, Odoo 11's helpers and its recurrences."""
from zoom_calendar_common.tests.round_robin import RoundRobinTests
from .common import ZoomCase, dt


class TestRoundRobin(RoundRobinTests, ZoomCase):

    def error_text(self, exception):
        return exception.name

    def orm_datetime(self, value):
        return dt(value)

    def assert_no_video_call(self, event):
        """Odoo 11 has no video call field."""

    def test_repeating_event_occurrence_makes_member_busy(self):
        weekly = self.env["calendar.event"].create({
            "name": "Weekly sync", "start": "2031-02-17 09:00:00", "stop": "2031-02-17 10:00:00",
            "duration": 1.0, "user_id": self.alice.id, "partner_ids": [(6, 0, self.alice.partner_id.ids)],
            "recurrency": True, "rrule_type": "weekly", "interval": 1, "end_type": "count", "count": 5,
            "mo": True})
        self.assertTrue(weekly.recurrency)
        self.assertEqual(self.book(self.round_robin).user_id, self.bob)
