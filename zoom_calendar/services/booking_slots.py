"""The free slots of a public booking page: plain functions, no ORM.

Times cross these functions as naive datetimes in UTC (as Odoo stores them);
working hours are wall-clock hours in the calendar's timezone, so a slot at
09:00 stays at 09:00 across a daylight-saving change.
"""
from datetime import datetime, time, timedelta

import pytz

DAYS_AHEAD = 14
DEFAULT_WORK_DAYS = "1,2,3,4,5"  # ISO weekdays: 1 = Monday ... 7 = Sunday
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SLOT_FORMAT = "%Y-%m-%dT%H:%MZ"


def parse_work_days(value):
    """'1,2,3,4,5' -> {1, 2, 3, 4, 5}; raises ValueError on anything else."""
    days = set()
    for part in (value or "").replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 7:
            raise ValueError("%r is not a day number from 1 (Monday) to 7 (Sunday)" % part)
        days.add(int(part))
    if not days:
        raise ValueError("at least one working day is needed")
    return days


def valid_tz(name, default="UTC"):
    """``name`` if pytz knows it, else ``default``."""
    if isinstance(name, str) and name in pytz.all_timezones_set:
        return name
    return default if default in pytz.all_timezones_set else "UTC"


def _hour_to_time(hours):
    minutes = int(round(hours * 60))
    if minutes >= 24 * 60:
        return None  # midnight at the end of the day
    return time(minutes // 60, minutes % 60)


def _local_to_utc(zone, day, hours):
    """The UTC instant of ``hours`` (float) on ``day`` in ``zone``."""
    wall = _hour_to_time(hours)
    if wall is None:
        naive = datetime.combine(day + timedelta(days=1), time(0, 0))
    else:
        naive = datetime.combine(day, wall)
    return zone.localize(naive, is_dst=False).astimezone(pytz.utc).replace(tzinfo=None)


def candidate_slots(now, tz, duration, work_start=9.0, work_end=17.0, work_days=DEFAULT_WORK_DAYS,
                    days=DAYS_AHEAD):
    """Every slot of ``duration`` hours inside the working hours of the next
    ``days`` days (today included, in the calendar's timezone) that starts
    after ``now``: [(start, stop)], naive UTC, in order."""
    zone = pytz.timezone(valid_tz(tz))
    weekdays = parse_work_days(work_days) if isinstance(work_days, str) else set(work_days)
    step = timedelta(minutes=int(round(duration * 60)))
    if step <= timedelta(0) or work_end <= work_start:
        return []
    today = pytz.utc.localize(now).astimezone(zone).date()
    slots = []
    for offset in range(days):
        day = today + timedelta(days=offset)
        if day.isoweekday() not in weekdays:
            continue
        start = _local_to_utc(zone, day, work_start)
        day_end = _local_to_utc(zone, day, work_end)
        while start + step <= day_end:
            if start > now:
                slots.append((start, start + step))
            start += step
    return slots


def overlaps(start, stop, intervals):
    return any(busy_start < stop and busy_stop > start for busy_start, busy_stop in intervals)


def free_slots(slots, busy_by_user, user_ids, need_all):
    """The slots in which one of ``user_ids`` is free (``need_all`` False:
    round robin) or all of them are (``need_all`` True: collective).

    :param busy_by_user: {user id: [(start, stop)]}, naive UTC
    """
    if not user_ids:
        return []
    result = []
    for start, stop in slots:
        free = [uid for uid in user_ids if not overlaps(start, stop, busy_by_user.get(uid, ()))]
        if (len(free) == len(user_ids)) if need_all else free:
            result.append((start, stop))
    return result


def format_slot(start):
    """The slot's key in URLs and forms: its UTC start, e.g. 2031-03-03T09:00Z."""
    return start.strftime(SLOT_FORMAT)


def parse_slot(value):
    """The naive UTC start of a slot key; ValueError when malformed."""
    if not isinstance(value, str) or len(value) != len("2031-03-03T09:00Z"):
        raise ValueError("malformed slot")
    return datetime.strptime(value, SLOT_FORMAT)


def group_by_day(slots, tz):
    """[(day label, [(slot key, 'HH:MM')])] in the visitor's timezone."""
    zone = pytz.timezone(valid_tz(tz))
    days = []
    for start, _stop in slots:
        local = pytz.utc.localize(start).astimezone(zone)
        label = "%s %s" % (WEEKDAY_NAMES[local.weekday()], local.strftime("%d %B %Y").lstrip("0"))
        if not days or days[-1][0] != label:
            days.append((label, []))
        days[-1][1].append((format_slot(start), local.strftime("%H:%M")))
    return days


def describe(start, stop, tz):
    """'Monday 3 March 2031, 09:00 - 09:30 (Europe/Brussels)' in ``tz``."""
    zone = pytz.timezone(valid_tz(tz))
    local_start = pytz.utc.localize(start).astimezone(zone)
    local_stop = pytz.utc.localize(stop).astimezone(zone)
    return "%s %s, %s - %s (%s)" % (
        WEEKDAY_NAMES[local_start.weekday()], local_start.strftime("%d %B %Y").lstrip("0"),
        local_start.strftime("%H:%M"), local_stop.strftime("%H:%M"), zone.zone.replace("_", " "))
