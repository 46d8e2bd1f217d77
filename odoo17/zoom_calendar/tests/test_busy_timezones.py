"""Repeating busy events keep their wall-clock time across daylight saving
changes: they are expanded in their own timezone (17.0's
calendar.recurrence and its event_tz), not the caller's (the public page
runs in UTC)."""
import re
from datetime import date, datetime

import pytz
from freezegun import freeze_time

from zoom_scheduling import booking_slots
from .common import ZoomHttpCase, dt, working_time

BRUSSELS = pytz.timezone("Europe/Brussels")


def utc(day, hour):
    """Naive UTC of ``hour`` o'clock in Brussels on ``day``."""
    return BRUSSELS.localize(datetime(day.year, day.month, day.day, hour)).astimezone(
        pytz.utc).replace(tzinfo=None)


class TestRepeatingBusyAcrossDaylightSaving(ZoomHttpCase):

    def setUp(self):
        super(TestRepeatingBusyAcrossDaylightSaving, self).setUp()
        self.connect(self.alice)
        self.alice.tz = "Europe/Brussels"
        self.round_robin.write({
            "member_ids": [(6, 0, self.alice.ids)], "primary_user_id": self.alice.id,
            "tz": "Europe/Brussels", "resource_calendar_id": working_time(self.env, 9.0, 12.0).id,
            "booking_public": True, "booking_min_fill_seconds": 0, "booking_limit_per_address": 0})
        # Alice's weekly team meeting, Mondays 09:00-10:00 in Brussels, made
        # in winter (CET, UTC+1): 08:00 UTC then, 07:00 UTC in summer. Made
        # as the web client does, with her timezone in the context: 17.0
        # expands the recurrence into events in its own timezone (event_tz).
        first = date(2031, 3, 3)
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

    def assert_busy_at_nine(self, slots, monday):
        self.assertNotIn(booking_slots.format_slot(utc(monday, 9)), slots, monday)
        self.assertIn(booking_slots.format_slot(utc(monday, 10)), slots, monday)

    def test_weekly_nine_oclock_stays_at_nine_in_spring(self):
        # Summer time starts on Sunday 30 March 2031.
        slots = self.page_slots("2031-03-23 12:00:00")
        self.assert_busy_at_nine(slots, date(2031, 3, 24))  # CET
        self.assert_busy_at_nine(slots, date(2031, 3, 31))  # CEST

    def test_the_recurrence_keeps_the_organisers_timezone(self):
        recurrence = self.env["calendar.recurrence"].search([("base_event_id.name", "=", "Weekly team meeting")])
        self.assertEqual(recurrence.event_tz, "Europe/Brussels")
        summer = recurrence.calendar_event_ids.filtered(lambda event: event.start.date() == date(2031, 7, 7))
        self.assertEqual(summer.start, utc(date(2031, 7, 7), 9))

    def test_weekly_nine_oclock_stays_at_nine_in_autumn(self):
        # Winter time starts on Sunday 26 October 2031.
        slots = self.page_slots("2031-10-19 12:00:00")
        self.assert_busy_at_nine(slots, date(2031, 10, 20))  # CEST
        self.assert_busy_at_nine(slots, date(2031, 10, 27))  # CET
