# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import threading
from collections import namedtuple
from datetime import datetime, time, timedelta

from odoo import api, fields, models

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from zoom_calendar_common.models.calendar_group import BUSY_FROM, BUSY_RANGE_MATCH, host_state
from zoom_scheduling import queries

# The events making users busy within [start, stop): shown as busy, active,
# not declined, as responsible or as attendee. Plain events are found through
# their time range (BUSY_RANGE_MATCH, so the GiST index answers whatever the
# calendar's history, then the exact test); repeating ones by their first
# start and last date, for expansion in Python.
_BUSY_WHEN = {
    "plain": "NOT e.recurrency AND " + BUSY_RANGE_MATCH + " AND e.start < %(stop)s AND e.stop > %(start)s",
    "repeating": "e.recurrency AND e.start < %(stop)s "
                 "AND (e.final_date IS NULL OR e.final_date >= %(start)s::date)",
}
BUSY_EVENTS_QUERY = "\nUNION\n".join([
    "SELECT u.id, e.id, e.start, e.stop, e.recurrency FROM " + source
    + " WHERE u.id IN %(users)s AND e.active AND e.show_as = 'busy'"
    + " AND e.id NOT IN %(exclude)s AND " + when
    for source in BUSY_FROM.values() for when in _BUSY_WHEN.values()]
    # A member on leave is busy too.
    + ["SELECT r.user_id, -l.id, l.date_from, l.date_to, FALSE FROM " + queries.MEMBER_LEAVES_FROM])
# A member line's round-robin settings (calendar.group.member), with what
# _hosting_states reads of the member: their own meeting location, their
# Zoom binding's state and Zoom's daily cap (None: no binding).
MemberSettings = namedtuple("MemberSettings", "priority weight max_per_day location zoom_state capped_until")


class CalendarGroup(models.Model):
    """calendar.group on Odoo 11.0: what this version does its own way (what both
    versions share is in zoom_calendar_common.models.calendar_group)."""

    _inherit = "calendar.group"

    company_id = fields.Many2one(
        "res.company", string="Company", required=True, index=True,
        default=lambda self: self.env["res.company"]._company_default_get("calendar.group"),
        help="The company whose team this calendar books: its members must be allowed "
             "in it, and its bookings' Zoom meetings belong to it.")
    resource_calendar_id = fields.Many2one(
        "resource.calendar", string="Working Hours", required=True, ondelete="restrict",
        default=lambda self: self.env.user.company_id.resource_calendar_id,
        help="The times that take bookings, read in the calendar's timezone, less the leaves "
             "of these working hours without a resource (public holidays).")

    def _compute_booking_count(self):
        rows = self.env["calendar.event"].read_group(
            [("group_calendar_id", "in", self.ids)], ["group_calendar_id"], ["group_calendar_id"])
        counts = {row["group_calendar_id"][0]: row["group_calendar_id_count"] for row in rows}
        for group in self:
            group.booking_count = counts.get(group.id, 0)

    @api.depends("member_line_ids.user_id", "member_line_ids.active")
    def _compute_member_ids(self):
        for group in self:
            group.member_ids = group.member_line_ids.filtered("active").mapped("user_id")

    @api.model
    def create(self, vals):
        group = super(CalendarGroup, self).create(vals)
        group._default_primary_user()
        return group

    def action_view_bookings(self):
        action = self.env.ref("calendar.action_calendar_event").read()[0]
        action["domain"] = [("group_calendar_id", "in", self.ids)]
        action["context"] = {"default_group_calendar_id": self.id}
        return action

    # ------------------------------------------------------------------
    # What CalendarGroupCommon asks of Odoo 11.0
    # ------------------------------------------------------------------

    def _as_datetime(self, value):
        """A datetime field's value as a naive UTC datetime: Odoo 11 holds a string."""
        return fields.Datetime.from_string(value)

    def _as_date(self, value):
        """A date field's value as a date: Odoo 11 holds (and reads) a string."""
        return fields.Date.from_string(value)

    def _datetime_value(self, value):
        """A naive UTC datetime as a datetime field's value: a string."""
        return fields.Datetime.to_string(value)

    def _user_keys(self, users):
        """The ids the answers about ``users`` are keyed by: theirs."""
        return users.ids

    def _member_hosting_states(self, members, settings):
        """_hosting_states of ``members``, from ``settings`` (what
        _member_settings() gave of them), which hold what it reads."""
        return self._hosting_states(members, settings)

    def _flush_bookings(self):
        """Nothing to write: Odoo 11 writes the bookings at once."""

    # ------------------------------------------------------------------
    # Availability
    # ------------------------------------------------------------------

    def _busy_from_rows(self, intervals, rows, start, stop):
        """Repeating events are expanded in Python, within [start, stop)."""
        start_dt, stop_dt = (fields.Datetime.from_string(value) for value in (start, stop))
        occurrences = {}
        # A team's events start and end on few distinct times (whole and half
        # hours): parse each once (strptime is most of the cost for
        # thousands of events, as on a 200-member booking page).
        parsed = {}

        def parse(value):
            if value not in parsed:
                parsed[value] = fields.Datetime.from_string(value)
            return parsed[value]
        for user_id, event_id, event_start, event_stop, recurrency in rows:
            if not recurrency:
                intervals[user_id].append((parse(event_start), parse(event_stop)))
                continue
            if event_id not in occurrences:
                event = self.env["calendar.event"].browse(event_id)
                # Expanded in the timezone it was made in (its organiser's),
                # not the caller's (UTC on the public page): a weekly 09:00
                # in Brussels stays at 09:00 there across DST changes.
                event = event.with_context(tz=event.user_id.tz or "UTC")
                occurrences[event_id] = [
                    (occ_start.replace(tzinfo=None), occ_stop.replace(tzinfo=None))
                    for occ_start, occ_stop in event._get_recurrent_dates_by_event()]
            intervals[user_id].extend(
                (occ_start, occ_stop) for occ_start, occ_stop in occurrences[event_id]
                if occ_start < stop_dt and occ_stop > start_dt)

    def _busy_rows(self, params, latest=False):
        self.env.cr.execute(BUSY_EVENTS_QUERY, params)
        rows = set(self.env.cr.fetchall())
        if latest and self.env.cr._serialized and not self.pool.in_test_mode() \
                and not getattr(threading.current_thread(), "testing", False):
            with self.pool._db.cursor(serialized=False) as latest_cr:
                latest_cr.execute(BUSY_EVENTS_QUERY, params)
                # A repeating event this transaction cannot see is not a
                # booking (they never repeat): only plain ones are added.
                rows.update(row for row in latest_cr.fetchall() if not row[4])
        return rows

    # ------------------------------------------------------------------
    # Who can host, and where a booking meets
    # ------------------------------------------------------------------

    def _hosting_states(self, users, settings=None):
        """``settings``: what _member_settings() gave of ``users``, which read
        what this reads already."""
        self.ensure_one()
        if not users:
            return {}
        if settings is not None:
            rows = [(user_id, settings[user_id].location, settings[user_id].zoom_state,
                     settings[user_id].capped_until) for user_id in users.ids]
        else:
            self.env.cr.execute("""
                SELECT u.id, u.meeting_location, z.state, z.daily_cap_until
                  FROM res_users u LEFT JOIN zoom_account z ON z.user_id = u.id
                 WHERE u.id IN %s""", (tuple(users.ids),))
            rows = self.env.cr.fetchall()
        now = fields.Datetime.now()
        meets_on = {location: self._resolve_location(location) for location in {row[1] for row in rows}}
        return {user_id: host_state(meets_on[user_location], zoom_state, bool(capped_until and capped_until > now))
                for user_id, user_location, zoom_state, capped_until in rows}

    # --- Who can host, and who hosts (round robin) ------------------------

    def _member_settings(self, users=None):
        """With what _hosting_states reads of each member (MemberSettings)."""
        self.ensure_one()
        if users is not None and not users:
            return {}
        self.env.cr.execute("""
            SELECT m.user_id, m.priority, m.weight, m.max_per_day, u.meeting_location, z.state, z.daily_cap_until
              FROM calendar_group_member m JOIN res_users u ON u.id = m.user_id AND u.active
              LEFT JOIN zoom_account z ON z.user_id = u.id
             WHERE m.group_id = %s AND m.active AND (%s OR m.user_id IN %s)""",
                            (self.id, users is None, tuple(users.ids) if users else (0,)))
        return {row[0]: MemberSettings(*row[1:]) for row in self.env.cr.fetchall()}

    # ------------------------------------------------------------------
    # Public booking page (controllers/booking.py validates, then calls
    # these with sudo())
    # ------------------------------------------------------------------

    def _working_intervals(self, days, tz):
        """The attendances of ``days`` as naive wall-clock times in ``tz``,
        and the leaves without a resource, as naive UTC."""
        working_time = self.resource_calendar_id
        intervals = [(interval.start_datetime, interval.end_datetime) for day in days
                     for interval in working_time._iter_day_attendance_intervals(day, time.min, time.max)]
        # Odoo 11 gives leaves as naive times in each leave's own timezone:
        # their records' UTC bounds compare with the slots. A day more on
        # either side lets no leave of another timezone slip out.
        leaves = working_time._get_leave_intervals(
            start_datetime=datetime.combine(days[0] - timedelta(days=1), time.min),
            end_datetime=datetime.combine(days[-1] + timedelta(days=1), time.max))
        leaves = [tuple(fields.Datetime.from_string(value) for value in (leave.date_from, leave.date_to))
                  for interval in leaves for leave in interval.data["leaves"]]
        return intervals, leaves
