"""Repeating busy events keep their wall-clock time across daylight saving
changes: they are expanded in their own timezone, not the caller's (the
public page runs in UTC). The tests both addons run alike:
lib/zoom_calendar_common/tests/busy_timezones.py."""
import re

from freezegun import freeze_time

from zoom_calendar_common.tests.busy_timezones import RepeatingBusyAcrossDaylightSavingTests, utc
from .common import ZoomHttpCase, dt


class TestRepeatingBusyAcrossDaylightSaving(RepeatingBusyAcrossDaylightSavingTests, ZoomHttpCase):

    def setUp(self):
        super().setUp()
        self.checkpoint()

    def working_hours(self, start, end):
        """The calendar's values for these public hours (11.0: its own fields)."""
        return {"work_start": start, "work_end": end}

    def create_weekly_meeting(self, first):
        """Alice's weekly meeting, Mondays 09:00-10:00 in Brussels from ``first``."""
        self.env["calendar.event"].sudo(self.alice).create({
            "name": "Weekly team meeting", "user_id": self.alice.id,
            "partner_ids": [(6, 0, self.alice.partner_id.ids)],
            "start": dt(utc(first, 9)), "stop": dt(utc(first, 10)), "duration": 1.0,
            "recurrency": True, "rrule_type": "weekly", "interval": 1, "mo": True,
            "end_type": "end_date", "final_date": "2031-12-31",
        })

    def page_slots(self, now):
        with freeze_time(now, tick=True):
            self.checkpoint()
            response = self.url_open("/book/%s?tz=Europe/Brussels" % self.round_robin.id)
        self.assertEqual(response.status_code, 200, response.text[:1000])
        return set(re.findall(r'data-slot="([^"]+)"', response.text))
