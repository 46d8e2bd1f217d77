"""A group calendar's bookable hours: its working time (resource.calendar),
read in the calendar's timezone, less that working time's leaves and the
members' own.

The tests both addons run are in zoom_calendar_common.tests.working_hours;
here, Odoo 17's leaves and its own tests."""
from datetime import datetime

from odoo.tests import Form

from zoom_calendar_common.tests.working_hours import WorkingHoursTests, starts
from .common import ZoomCase


class TestWorkingHours(WorkingHoursTests, ZoomCase):

    def leave(self, start, stop, **values):
        """A leave of the working time, from ``start`` to ``stop`` (naive UTC,
        as 17.0 stores them whoever enters them)."""
        return self.env["resource.calendar.leaves"].create(dict({
            "name": "Leave", "calendar_id": self.mornings.id,
            "date_from": start, "date_to": stop}, **values))

    def test_each_attendance_line_makes_slots_of_its_own(self):
        # Odoo's usual working time: 08:00-12:00 and 13:00-17:00; nothing at lunch.
        self.env["resource.calendar.attendance"].create({
            "name": "Monday afternoon", "dayofweek": "0", "hour_from": 13.0, "hour_to": 14.0,
            "day_period": "afternoon", "calendar_id": self.mornings.id})
        monday = [start for start in starts(self.public_slots()) if start.day == 3]
        self.assertEqual(monday, [datetime(2031, 3, 3, hour, minute)
                                  for hour in (8, 9, 10, 12) for minute in (0, 30)])

    def test_leave_for_part_of_a_day_removes_the_slots_it_meets(self):
        # 10:15 to 11:00 in Brussels: 09:15 to 10:00 UTC.
        self.leave(datetime(2031, 3, 3, 9, 15), datetime(2031, 3, 3, 10, 0))
        monday = [start for start in starts(self.public_slots()) if start.day == 3]
        # 10:00 and 10:30 in Brussels go; 09:00, 09:30, 11:00 and 11:30 stay.
        self.assertEqual(monday, [datetime(2031, 3, 3, 8, 0), datetime(2031, 3, 3, 8, 30),
                                  datetime(2031, 3, 3, 10, 0), datetime(2031, 3, 3, 10, 30)])

    def test_new_calendar_takes_the_company_working_time(self):
        group = self.env["calendar.group"].create({"name": "New"})
        self.assertEqual(group.resource_calendar_id, self.env.company.resource_calendar_id)
        # And in 17.0's form, as a manager makes one.
        form = Form(self.env["calendar.group"])
        form.name = "From the form"
        self.assertEqual(form.save().resource_calendar_id, self.env.company.resource_calendar_id)
