"""Round robin on Odoo 17.0: who hosts a booking among the group calendar's
members (busy as attendee or responsible, 17.0's recurrences, fairness over
the last 30 days under freezegun).

The tests both addons run are in zoom_calendar_common.tests.round_robin;
here, Odoo 17's helpers, its recurrences and its video call field."""
from datetime import datetime

from zoom_calendar_common.tests.round_robin import RoundRobinTests
from .common import MONDAY, ZoomCase


class TestRoundRobin(RoundRobinTests, ZoomCase):

    def error_text(self, exception):
        return str(exception)

    def orm_datetime(self, value):
        return value

    def test_repeating_event_occurrence_makes_member_busy(self):
        # 17.0's recurrences: calendar.recurrence makes one event a week;
        # the fifth one falls on MONDAY.
        weekly = self.env["calendar.event"].create({
            "name": "Weekly sync", "start": datetime(2031, 2, 3, 9, 0), "stop": datetime(2031, 2, 3, 10, 0),
            "duration": 1.0, "user_id": self.alice.id, "partner_ids": [(6, 0, self.alice.partner_id.ids)],
            "recurrency": True, "rrule_type": "weekly", "interval": 1, "end_type": "count", "count": 5,
            "mon": True})
        self.assertTrue(weekly.recurrence_id)
        self.assertIn(MONDAY, weekly.recurrence_id.calendar_event_ids.mapped("start"))
        self.assertEqual(self.book(self.round_robin).user_id, self.bob)

    def assert_no_video_call(self, event):
        self.assertFalse(event.videocall_location)  # no Zoom link, and no Discuss call either
