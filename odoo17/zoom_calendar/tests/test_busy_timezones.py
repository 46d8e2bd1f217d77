"""Repeating busy events keep their wall-clock time across daylight saving
changes: they are expanded in their own timezone (17.0's
calendar.recurrence and its event_tz), not the caller's (the public page
runs in UTC). The tests both addons run alike:
lib/zoom_calendar_common/tests/busy_timezones.py."""
import re
from datetime import date

from freezegun import freeze_time

from zoom_calendar_common.tests.busy_timezones import RepeatingBusyAcrossDaylightSavingTests, utc
from .common import ZoomHttpCase, dt, working_time


class TestRepeatingBusyAcrossDaylightSaving(RepeatingBusyAcrossDaylightSavingTests, ZoomHttpCase):

    def working_hours(self, start, end):
        """The calendar's values for these public hours (17.0: a
        resource.calendar), the booking page's limits off."""
        return {"resource_calendar_id": working_time(self.env, start, end).id,
                "booking_min_fill_seconds": 0, "booking_limit_per_address": 0}

    def create_weekly_meeting(self, first):
        """Alice's weekly meeting, Mondays 09:00-10:00 in Brussels from ``first``.
        Made as the web client does, with her timezone in the context: 17.0
        expands the recurrence into events in its own timezone (event_tz)."""
        self.env["calendar.event"].with_user(self.alice).with_context(tz=self.alice.tz).create({
            "name": "Weekly team meeting", "user_id": self.alice.id,
            "partner_ids": [(6, 0, self.alice.partner_id.ids)],
            "start": dt(utc(first, 9)), "stop": dt(utc(first, 10)), "duration": 1.0,
            "recurrency": True, "rrule_type": "weekly", "interval": 1, "mon": True,
            "end_type": "end_date", "until": date(2031, 12, 31),
        })

    def page_slots(self, now):
        with freeze_time(now, tick=True):
            response = self.url_open("/book/%s?tz=Europe/Brussels" % self.round_robin.id)
        self.assertEqual(response.status_code, 200, response.text[:1000])
        return set(re.findall(r'data-slot="([^"]+)"', response.text))

    def test_the_recurrence_keeps_the_organisers_timezone(self):
        recurrence = self.env["calendar.recurrence"].search([("base_event_id.name", "=", "Weekly team meeting")])
        self.assertEqual(recurrence.event_tz, "Europe/Brussels")
        summer = recurrence.calendar_event_ids.filtered(lambda event: event.start.date() == date(2031, 7, 7))
        self.assertEqual(summer.start, utc(date(2031, 7, 7), 9))
