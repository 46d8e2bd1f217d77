"""The free slots of a public booking page: plain functions, no ORM.

Times cross these functions as naive datetimes in UTC (as Odoo stores them);
working hours (from the calendar's resource.calendar) are wall-clock hours in
the calendar's timezone, so a slot at 09:00 stays at 09:00 across a
daylight-saving change.
"""
from datetime import datetime, time, timedelta

import pytz

from . import visitor_lang

DAYS_AHEAD = 14
SLOT_FORMAT = "%Y-%m-%dT%H:%MZ"


def valid_tz(name, default="UTC"):
    """``name`` if pytz knows it, else ``default``."""
    if isinstance(name, str) and name in pytz.all_timezones_set:
        return name
    return default if default in pytz.all_timezones_set else "UTC"


def local_days(now, tz, days=DAYS_AHEAD):
    """The dates of the next ``days`` days in ``tz``, today included."""
    today = pytz.utc.localize(now).astimezone(pytz.timezone(valid_tz(tz))).date()
    return [today + timedelta(days=offset) for offset in range(days)]


def _local_to_utc(zone, wall):
    """The naive UTC instant of the naive wall-clock datetime ``wall`` in
    ``zone``. Odoo's working times end a day at 24:00 as 23:59:59.999999:
    that is midnight."""
    if wall.time() == time.max:
        wall = datetime.combine(wall.date() + timedelta(days=1), time(0, 0))
    return zone.localize(wall, is_dst=False).astimezone(pytz.utc).replace(tzinfo=None)


def candidate_slots(now, tz, duration, work_intervals, leaves=()):
    """Every slot of ``duration`` hours inside the working intervals that
    starts after ``now`` and meets no leave: [(start, stop)], naive UTC, in
    order. Slots start at the start of each working interval, then follow
    each other.

    :param work_intervals: [(start, stop)], naive wall-clock datetimes in ``tz``
    :param leaves: [(start, stop)], naive UTC
    """
    zone = pytz.timezone(valid_tz(tz))
    step = timedelta(minutes=int(round(duration * 60)))
    if step <= timedelta(0):
        return []
    slots = []
    for wall_start, wall_stop in sorted(work_intervals):
        start, day_end = _local_to_utc(zone, wall_start), _local_to_utc(zone, wall_stop)
        while start + step <= day_end:
            if start > now and not overlaps(start, start + step, leaves):
                slots.append((start, start + step))
            start += step
    return slots


def overlaps(start, stop, intervals):
    return any(busy_start < stop and busy_stop > start for busy_start, busy_stop in intervals)


def _busy_slots(indexed_slots, intervals):
    """The (index, slot) of ``indexed_slots`` (in time order) that overlap
    one of ``intervals``, in one pass over both: O(slots + intervals), not
    their product."""
    intervals = sorted(intervals)
    busy, head, count = [], 0, len(intervals)
    for index, (start, stop) in indexed_slots:
        # Intervals over before this slot are over before every later one.
        while head < count and intervals[head][1] <= start:
            head += 1
        # The head starts first among the rest and does not end before the
        # slot: the slot is busy exactly when the head starts before it ends.
        # (One that ends before the slot while the head lasts longer would
        # not matter: the head then overlaps, or starts after the slot.)
        if head < count and intervals[head][0] < stop:
            busy.append((index, (start, stop)))
    return busy


def free_slots(slots, busy_by_user, user_ids, need_all):
    """The slots in which one of ``user_ids`` is free (``need_all`` False:
    round robin) or all of them are (``need_all`` True: collective).

    Each member's busy times are read once against the slots still in
    question (round robin: those no member checked so far is free for;
    collective: those every member checked so far is free for), so the cost
    stops growing once every slot is settled, instead of comparing every
    slot with every busy time of every member.

    :param busy_by_user: {user id: [(start, stop)]}, naive UTC
    """
    if not user_ids:
        return []
    slots = sorted(slots)
    pending = list(enumerate(slots))  # round robin: no one free yet; collective: all free so far
    settled = set()
    for uid in user_ids:
        busy = _busy_slots(pending, busy_by_user.get(uid, ()))
        if need_all:
            busy_set = set(index for index, _slot in busy)
            pending = [item for item in pending if item[0] not in busy_set]
            if not pending:
                return []
        else:
            busy_set = set(index for index, _slot in busy)
            settled.update(index for index, _slot in pending if index not in busy_set)
            pending = busy
            if not pending:
                break
    if need_all:
        return [slot for _index, slot in pending]
    return [slot for index, slot in enumerate(slots) if index in settled]


def format_slot(start):
    """The slot's key in URLs and forms: its UTC start, e.g. 2031-03-03T09:00Z."""
    return start.strftime(SLOT_FORMAT)


def parse_slot(value):
    """The naive UTC start of a slot key; ValueError when malformed."""
    if not isinstance(value, str) or len(value) != len("2031-03-03T09:00Z"):
        raise ValueError("malformed slot")
    return datetime.strptime(value, SLOT_FORMAT)


def group_by_day(slots, tz, lang="en_US"):
    """[(day label, [(slot key, time label)])] in the visitor's timezone and
    language."""
    zone = pytz.timezone(valid_tz(tz))
    days = []
    for start, _stop in slots:
        local = _local(start, zone)
        label = visitor_lang.day_label(local, lang)
        if not days or days[-1][0] != label:
            days.append((label, []))
        days[-1][1].append((format_slot(start), visitor_lang.time_label(local, lang)))
    return days


def describe(start, stop, tz, lang="en_US"):
    """'Monday, March 3, 2031, 9:00 AM – 9:30 AM (Europe/Brussels)' in
    ``tz`` and ``lang``."""
    zone = pytz.timezone(valid_tz(tz))
    local_start, local_stop = _local(start, zone), _local(stop, zone)
    return "%s, %s \u2013 %s (%s)" % (
        visitor_lang.day_label(local_start, lang), visitor_lang.time_label(local_start, lang),
        visitor_lang.time_label(local_stop, lang), zone.zone.replace("_", " "))


def _local(utc, zone):
    """The naive wall-clock time in ``zone`` of a naive UTC datetime."""
    return pytz.utc.localize(utc).astimezone(zone).replace(tzinfo=None)
