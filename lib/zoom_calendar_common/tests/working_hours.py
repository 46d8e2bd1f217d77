"""A group calendar's bookable hours: its working time (resource.calendar),
read in the calendar's timezone, less that working time's leaves and the
members' own: the tests both addons run.

Each addon's test class inherits these first, beside its version's
``leave(start, stop, **values)``: a leave of the working time, from
``start`` to ``stop`` (naive UTC datetimes), as its version makes one."""
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError

from odoo.addons.zoom_calendar.tests.common import working_time

# Friday 28 February 2031, noon UTC: the next Monday is 3 March.
FRIDAY_NOON = "2031-02-28 12:00:00"


def starts(slots):
    return [start for start, _stop in slots]


class WorkingHoursTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.mornings = working_time(self.env, 9.0, 12.0, name="Mornings")
        self.group = self.round_robin
        self.group.write({"tz": "Europe/Brussels", "resource_calendar_id": self.mornings.id,
                          "member_ids": [(6, 0, self.alice.ids)], "primary_user_id": self.alice.id})

    def public_slots(self, now=FRIDAY_NOON):
        with freeze_time(now):
            return self.group._public_slots()

    def test_slots_follow_the_working_time_in_the_calendar_timezone(self):
        slots = starts(self.public_slots())
        # Monday 3 March, 09:00 to 12:00 in Brussels (CET, UTC+1), 30 minutes a slot.
        self.assertEqual(slots[:6], [datetime(2031, 3, 3, hour, minute)
                                     for hour in (8, 9, 10) for minute in (0, 30)])
        self.assertEqual({start.weekday() for start in slots}, {0, 1, 2, 3, 4})
        self.assertEqual(len(slots), 9 * 6)  # Monday 3 to Thursday 13 March: 9 working days
        # The same working time read in New York (EST, UTC-5): 09:00 there is
        # 14:00 UTC, still to come on that Friday.
        self.group.tz = "America/New_York"
        self.assertEqual(starts(self.public_slots())[0], datetime(2031, 2, 28, 14, 0))

    def test_public_holiday_takes_no_bookings(self):
        # Monday 3 March, all day in Brussels: 2 March 23:00 to 3 March 23:00 UTC.
        self.leave(datetime(2031, 3, 2, 23), datetime(2031, 3, 3, 23), name="Public holiday")
        slots = starts(self.public_slots())
        self.assertFalse([start for start in slots if start.day == 3])
        self.assertEqual(slots[0], datetime(2031, 3, 4, 8, 0))

    def test_leave_of_one_resource_or_another_working_time_keeps_the_slots(self):
        resource = self.env["resource.resource"].create({"name": "Someone", "calendar_id": self.mornings.id})
        self.leave(datetime(2031, 3, 2, 23), datetime(2031, 3, 3, 23), resource_id=resource.id)
        other = working_time(self.env, name="Other hours")
        self.leave(datetime(2031, 3, 2, 23), datetime(2031, 3, 3, 23), calendar_id=other.id)
        self.assertIn(datetime(2031, 3, 3, 8, 0), starts(self.public_slots()))

    def test_a_member_on_leave_gives_no_slot_and_cannot_be_booked(self):
        # alice's own time off (a leave of her resource, as Odoo's Time Off
        # app makes it): her Monday morning, 09:00 to 12:00 in Brussels.
        resource = self.env["resource.resource"].create({
            "name": "Alice", "user_id": self.alice.id, "calendar_id": self.mornings.id})
        self.leave(datetime(2031, 3, 3, 8), datetime(2031, 3, 3, 11), resource_id=resource.id, name="Time off")
        slots = starts(self.public_slots())
        self.assertFalse([start for start in slots if start.day == 3])
        self.assertIn(datetime(2031, 3, 4, 8, 0), slots)
        with freeze_time(FRIDAY_NOON):
            with self.assertRaises(UserError):
                self.book(self.group, start=datetime(2031, 3, 3, 9, 0))
            self.assertEqual(self.book(self.group, start=datetime(2031, 3, 4, 9, 0)).user_id, self.alice)
