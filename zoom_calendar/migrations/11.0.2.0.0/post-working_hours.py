# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""11.0.2.0.0: a group calendar's bookable hours come from a working time
(resource.calendar) instead of its fields work_start, work_end (float hours)
and work_days ('1,2,3,4,5', ISO weekdays). Each calendar gets a working time
equal to its old hours, one per distinct set of hours. The old columns are
left to Odoo, which drops the columns of removed fields after the update."""
import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import column_exists

_logger = logging.getLogger(__name__)

OLD_COLUMNS = ("work_start", "work_end", "work_days")
DAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _weekdays(work_days):
    """'1,2,3,4,5' -> [0, 1, 2, 3, 4] (Odoo's dayofweek, Monday = 0). A
    value the old constraint would have refused gives Monday to Friday."""
    parts = [part for part in (work_days or "").replace(" ", "").split(",") if part]
    if not parts or not all(part.isdigit() and 1 <= int(part) <= 7 for part in parts):
        return list(range(5))
    return sorted({int(part) - 1 for part in parts})


def _hours(value, default):
    return default if value is None else min(max(float(value), 0.0), 24.0)


def _name(start, end, weekdays):
    def clock(hours):
        minutes = int(round(hours * 60))
        return "%02d:%02d" % (minutes // 60, minutes % 60)
    return "Booking hours %s %s-%s" % (", ".join(DAY_ABBREVIATIONS[day] for day in weekdays),
                                       clock(start), clock(end))


def migrate_working_hours(env):
    """Gives every group calendar a working time equal to its old hours."""
    cr = env.cr
    if not all(column_exists(cr, "calendar_group", column) for column in OLD_COLUMNS):
        return
    cr.execute("SELECT id, work_start, work_end, work_days FROM calendar_group ORDER BY id")
    working_times = {}
    for group_id, work_start, work_end, work_days in cr.fetchall():
        start, end = _hours(work_start, 9.0), _hours(work_end, 17.0)
        if end <= start:
            start, end = 9.0, 17.0
        weekdays = _weekdays(work_days)
        key = (start, end, tuple(weekdays))
        if key not in working_times:
            name = _name(start, end, weekdays)
            working_times[key] = env["resource.calendar"].create({
                "name": name,
                "attendance_ids": [(0, 0, {"name": name, "dayofweek": str(day),
                                           "hour_from": start, "hour_to": end}) for day in weekdays],
            })
        cr.execute("UPDATE calendar_group SET resource_calendar_id = %s WHERE id = %s",
                   (working_times[key].id, group_id))
    env["calendar.group"].invalidate_cache(["resource_calendar_id"])
    _logger.info("zoom_calendar: group calendars moved to %d working times", len(working_times))


def migrate(cr, version):
    if version:
        migrate_working_hours(api.Environment(cr, SUPERUSER_ID, {}))
