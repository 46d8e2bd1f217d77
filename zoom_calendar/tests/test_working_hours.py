"""A group calendar's bookable hours: its working time (resource.calendar),
read in the calendar's timezone, less that working time's leaves and the
members' own; and the
migration of the old hour and day fields to a working time.

The tests both addons run are in zoom_calendar_common.tests.working_hours;
here, Odoo 11's leaves (entered in a timezone), its own tests and the
migration's."""
from datetime import datetime

from freezegun import freeze_time

from odoo.modules.migration import load_script

from zoom_calendar_common.tests.working_hours import FRIDAY_NOON, WorkingHoursTests, starts
from .common import ZoomCase, dt

MIGRATION = "zoom_calendar/migrations/11.0.2.0.0/post-working_hours.py"


class TestWorkingHours(WorkingHoursTests, ZoomCase):

    def leave(self, start, stop, tz="Europe/Brussels", **values):
        """A leave of the working time, from ``start`` to ``stop`` (naive UTC)."""
        return self.env["resource.calendar.leaves"].create(dict({
            "name": "Leave", "calendar_id": self.mornings.id, "tz": tz,
            "date_from": dt(start), "date_to": dt(stop)}, **values))

    def test_each_attendance_line_makes_slots_of_its_own(self):
        # Odoo's usual working time: 08:00-12:00 and 13:00-17:00; nothing at lunch.
        self.env["resource.calendar.attendance"].create({
            "name": "Monday afternoon", "dayofweek": "0", "hour_from": 13.0, "hour_to": 14.0,
            "calendar_id": self.mornings.id})
        monday = [start for start in starts(self.public_slots()) if start.day == 3]
        self.assertEqual(monday, [datetime(2031, 3, 3, hour, minute)
                                  for hour in (8, 9, 10, 12) for minute in (0, 30)])

    def test_leave_for_part_of_a_day_removes_the_slots_it_meets(self):
        # 10:15 to 11:00 in Brussels, entered by someone in Tokyo: its UTC bounds count.
        self.leave(datetime(2031, 3, 3, 9, 15), datetime(2031, 3, 3, 10, 0), tz="Asia/Tokyo")
        monday = [start for start in starts(self.public_slots()) if start.day == 3]
        # 10:00 and 10:30 in Brussels go; 09:00, 09:30, 11:00 and 11:30 stay.
        self.assertEqual(monday, [datetime(2031, 3, 3, 8, 0), datetime(2031, 3, 3, 8, 30),
                                  datetime(2031, 3, 3, 10, 0), datetime(2031, 3, 3, 10, 30)])

    def test_new_calendar_takes_the_company_working_time(self):
        group = self.env["calendar.group"].create({"name": "New"})
        self.assertEqual(group.resource_calendar_id, self.env.user.company_id.resource_calendar_id)


class TestWorkingHoursMigration(ZoomCase):
    """post-working_hours.py on calendars whose old columns hold values put in
    by SQL, as a database of 11.0.1.0.0 has them."""

    def setUp(self):
        super(TestWorkingHoursMigration, self).setUp()
        # Rolled back with the test, as all the rest.
        self.env.cr.execute("ALTER TABLE calendar_group ADD COLUMN work_start double precision, "
                            "ADD COLUMN work_end double precision, ADD COLUMN work_days varchar")
        self.migration = load_script(MIGRATION, "zoom_calendar_post_working_hours")
        self.company_hours = self.env.user.company_id.resource_calendar_id

    def set_old_hours(self, group, start, end, days):
        self.env.cr.execute("UPDATE calendar_group SET work_start = %s, work_end = %s, work_days = %s "
                            "WHERE id = %s", (start, end, days, group.id))

    def attendances(self, group):
        return sorted((att.dayofweek, att.hour_from, att.hour_to)
                      for att in group.resource_calendar_id.attendance_ids)

    def test_calendars_get_a_working_time_equal_to_their_old_hours(self):
        third = self.env["calendar.group"].create({"name": "Weekend desk"})
        fourth = self.env["calendar.group"].create({"name": "Broken days"})
        self.set_old_hours(self.round_robin, 9.0, 12.5, "1,2,3,4,5")
        self.set_old_hours(self.collective, 9.0, 12.5, "5, 4,3,2,1")
        self.set_old_hours(third, 0.0, 24.0, "6,7")
        self.set_old_hours(fourth, None, None, "mon;tue")
        self.migration.migrate(self.env.cr, "11.0.1.0.0")
        self.assertEqual(self.attendances(self.round_robin),
                         [(str(day), 9.0, 12.5) for day in range(5)])
        # Equal hours share one working time.
        self.assertEqual(self.collective.resource_calendar_id, self.round_robin.resource_calendar_id)
        self.assertNotEqual(self.round_robin.resource_calendar_id, self.company_hours)
        self.assertEqual(self.round_robin.resource_calendar_id.name,
                         "Booking hours Mon, Tue, Wed, Thu, Fri 09:00-12:30")
        self.assertEqual(self.attendances(third), [("5", 0.0, 24.0), ("6", 0.0, 24.0)])
        # What the old constraint refused: the old defaults, Monday to Friday 09:00-17:00.
        self.assertEqual(self.attendances(fourth), [(str(day), 9.0, 17.0) for day in range(5)])

    def test_migrated_calendar_offers_the_same_slots(self):
        self.connect(self.alice)
        self.round_robin.write({"tz": "Europe/Brussels", "member_ids": [(6, 0, self.alice.ids)],
                                "primary_user_id": self.alice.id})
        self.set_old_hours(self.round_robin, 9.0, 10.0, "1,3")
        self.migration.migrate(self.env.cr, "11.0.1.0.0")
        with freeze_time(FRIDAY_NOON):
            slots = starts(self.round_robin._public_slots())
        self.assertEqual(slots[:4], [datetime(2031, 3, 3, 8, 0), datetime(2031, 3, 3, 8, 30),
                                     datetime(2031, 3, 5, 8, 0), datetime(2031, 3, 5, 8, 30)])

    def test_fresh_install_runs_nothing(self):
        self.migration.migrate(self.env.cr, None)
        self.assertEqual(self.round_robin.resource_calendar_id, self.company_hours)
