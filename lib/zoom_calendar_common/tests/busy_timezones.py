"""Repeating busy events keep their wall-clock time across daylight saving
changes: the tests both addons run as they are (each addon's
tests/test_busy_timezones.py inherits them). Each addon's class adds
``working_hours()``, ``create_weekly_meeting()`` and ``page_slots()``."""
from datetime import date, datetime

import pytz

from zoom_scheduling import booking_slots

BRUSSELS = pytz.timezone("Europe/Brussels")


def utc(day, hour):
    """Naive UTC of ``hour`` o'clock in Brussels on ``day``."""
    return BRUSSELS.localize(datetime(day.year, day.month, day.day, hour)).astimezone(
        pytz.utc).replace(tzinfo=None)


class RepeatingBusyAcrossDaylightSavingTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.alice.tz = "Europe/Brussels"
        self.round_robin.write(dict(
            self.working_hours(9.0, 12.0), member_ids=[(6, 0, self.alice.ids)], primary_user_id=self.alice.id,
            tz="Europe/Brussels", booking_public=True))
        # Alice's weekly team meeting, Mondays 09:00-10:00 in Brussels, made
        # in winter (CET, UTC+1): 08:00 UTC then, 07:00 UTC in summer.
        self.create_weekly_meeting(date(2031, 3, 3))

    def assert_busy_at_nine(self, slots, monday):
        self.assertNotIn(booking_slots.format_slot(utc(monday, 9)), slots, monday)
        self.assertIn(booking_slots.format_slot(utc(monday, 10)), slots, monday)

    def test_weekly_nine_oclock_stays_at_nine_in_spring(self):
        # Summer time starts on Sunday 30 March 2031.
        slots = self.page_slots("2031-03-23 12:00:00")
        self.assert_busy_at_nine(slots, date(2031, 3, 24))  # CET
        self.assert_busy_at_nine(slots, date(2031, 3, 31))  # CEST

    def test_weekly_nine_oclock_stays_at_nine_in_autumn(self):
        # Winter time starts on Sunday 26 October 2031.
        slots = self.page_slots("2031-10-19 12:00:00")
        self.assert_busy_at_nine(slots, date(2031, 10, 20))  # CEST
        self.assert_busy_at_nine(slots, date(2031, 10, 27))  # CET
