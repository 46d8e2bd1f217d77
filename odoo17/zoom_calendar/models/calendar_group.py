# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import threading
from collections import namedtuple
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from zoom_calendar_common.models.calendar_group import BUSY_FROM, BUSY_RANGE_MATCH, host_state
from zoom_scheduling import queries
from ..services.cursors import is_repeatable_read, read_committed_cursor

# The events making users busy within [start, stop): shown as busy, active,
# not declined, as responsible or as attendee, found through their time range
# (BUSY_RANGE_MATCH, so the GiST index answers whatever the calendar's
# history, then the exact test). A repeating event's occurrences are events
# of their own (calendar.recurrence), found alike.
BUSY_EVENTS_QUERY = "\nUNION\n".join([
    "SELECT u.id, e.id, e.start, e.stop FROM " + source
    + " WHERE u.id IN %(users)s AND e.active AND e.show_as = 'busy'"
    + " AND e.id NOT IN %(exclude)s AND " + BUSY_RANGE_MATCH
    + " AND e.start < %(stop)s AND e.stop > %(start)s"
    for source in BUSY_FROM.values()]
    # A member on leave is busy too.
    + ["SELECT r.user_id, -l.id, l.date_from, l.date_to FROM " + queries.MEMBER_LEAVES_FROM])
# A member line's round-robin settings (calendar.group.member).
MemberSettings = namedtuple("MemberSettings", "priority weight max_per_day")


class CalendarGroup(models.Model):
    """calendar.group on Odoo 17.0: what this version does its own way (what both
    versions share is in zoom_calendar_common.models.calendar_group)."""

    _inherit = "calendar.group"

    company_id = fields.Many2one(
        "res.company", string="Company", required=True, index=True,
        default=lambda self: self.env.company,
        help="The company whose team this calendar books: its members must be allowed "
             "in it, and its bookings' Zoom meetings belong to it.")
    resource_calendar_id = fields.Many2one(
        "resource.calendar", string="Working Hours", required=True, ondelete="restrict",
        default=lambda self: self.env.company.resource_calendar_id,
        help="The times that take bookings, read in the calendar's timezone, less the leaves "
             "of these working hours without a resource (public holidays).")

    def _compute_booking_count(self):
        counts = dict(self.env["calendar.event"]._read_group(
            [("group_calendar_id", "in", self.ids)], ["group_calendar_id"], ["__count"]))
        for group in self:
            group.booking_count = counts.get(group, 0)

    @api.depends("member_line_ids.user_id", "member_line_ids.active")
    def _compute_member_ids(self):
        for group in self:
            group.member_ids = group.member_line_ids.filtered("active").user_id

    @api.model_create_multi
    def create(self, vals_list):
        groups = super().create(vals_list)
        groups._default_primary_user()
        return groups

    def action_view_bookings(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("calendar.action_calendar_event")
        action["domain"] = [("group_calendar_id", "in", self.ids)]
        action["context"] = {"default_group_calendar_id": self.id}
        return action

    # ------------------------------------------------------------------
    # What CalendarGroupCommon asks of Odoo 17.0
    # ------------------------------------------------------------------

    def _as_datetime(self, value):
        """A datetime field's value as a naive UTC datetime: it is one."""
        return value

    def _as_date(self, value):
        """A date field's value as a date: it is one."""
        return value

    def _datetime_value(self, value):
        """A naive UTC datetime as a datetime field's value: itself."""
        return value

    def _user_keys(self, users):
        """The ids the answers about ``users`` are keyed by: their records'
        own (a form's members are new records standing for them)."""
        return [user.id for user in users]

    def _member_hosting_states(self, members, settings):
        """_hosting_states of ``members`` (``settings``, what
        _member_settings() gave, holds nothing it reads on 17.0)."""
        return self._hosting_states(members)

    # ------------------------------------------------------------------
    # Availability
    # ------------------------------------------------------------------

    def _busy_from_rows(self, intervals, rows, start, stop):
        for user_id, _event_id, event_start, event_stop in rows:
            intervals[user_id].append((event_start, event_stop))

    def _busy_rows(self, params, latest=False):
        # What the ORM has not written yet counts too (17.0 writes at flush).
        self.env["calendar.event"].flush_model(["active", "show_as", "start", "stop", "user_id"])
        self.env["calendar.attendee"].flush_model(["state", "partner_id", "event_id"])
        self.env["res.users"].flush_model(["partner_id"])
        self.env["resource.calendar.leaves"].flush_model(["resource_id", "date_from", "date_to"])
        self.env["resource.resource"].flush_model(["user_id", "active"])
        self.env.cr.execute(BUSY_EVENTS_QUERY, params)
        rows = set(self.env.cr.fetchall())
        if latest and is_repeatable_read(self.env.cr) and not self.pool.in_test_mode() \
                and not getattr(threading.current_thread(), "testing", False):
            with read_committed_cursor(self.pool) as latest_cr:
                latest_cr.execute(BUSY_EVENTS_QUERY, params)
                rows.update(latest_cr.fetchall())
        return rows

    # ------------------------------------------------------------------
    # Who can host, and where a booking meets
    # ------------------------------------------------------------------

    def _hosting_states(self, users):
        self.ensure_one()
        # Keyed by ``users``' own ids; read by their records' (a form's
        # members are new records standing for them).
        by_origin = {user._origin.id: user.id for user in users if user._origin.id}
        if not by_origin:
            return {}
        self.env["res.users"].flush_model(["meeting_location"])
        self.env["zoom.account"].flush_model(["user_id", "state", "daily_cap_until"])
        self.env.cr.execute("""
            SELECT u.id, u.meeting_location, z.state, z.daily_cap_until
              FROM res_users u LEFT JOIN zoom_account z ON z.user_id = u.id
             WHERE u.id IN %s""", (tuple(by_origin),))
        now = fields.Datetime.now()
        return {by_origin[origin_id]: host_state(self._resolve_location(user_location), zoom_state,
                                                 bool(capped_until and capped_until > now))
                for origin_id, user_location, zoom_state, capped_until in self.env.cr.fetchall()}

    # --- Who can host, and who hosts (round robin) ------------------------

    def _member_settings(self, users=None):
        """Keyed by ``users``' own ids, as _hosting_states."""
        self.ensure_one()
        by_origin = {user._origin.id: user.id for user in users if user._origin.id} if users is not None else {}
        if (users is not None and not by_origin) or not self._origin.id:
            return {}
        self.env["calendar.group.member"].flush_model(
            ["group_id", "user_id", "active", "priority", "weight", "max_per_day"])
        self.env["res.users"].flush_model(["active"])
        self.env.cr.execute("""
            SELECT m.user_id, m.priority, m.weight, m.max_per_day
              FROM calendar_group_member m JOIN res_users u ON u.id = m.user_id AND u.active
             WHERE m.group_id = %s AND m.active AND (%s OR m.user_id IN %s)""",
                            (self._origin.id, users is None, tuple(by_origin) or (0,)))
        return {by_origin.get(row[0], row[0]): MemberSettings(*row[1:]) for row in self.env.cr.fetchall()}

    def _flush_bookings(self):
        """The bookings' columns the fairness and cap queries read, written."""
        self.env["calendar.event"].flush_model(["group_calendar_id", "user_id", "active", "booking_date", "start",
                                                "zoom_guests_no_show"])

    # ------------------------------------------------------------------
    # Public booking page (controllers/booking.py validates, then calls
    # these with sudo())
    # ------------------------------------------------------------------

    def _working_intervals(self, days, tz):
        """The attendances of ``days`` as naive wall-clock times in ``tz``,
        and the leaves without a resource, as naive UTC."""
        zone = pytz.timezone(tz)
        working_time = self.resource_calendar_id
        # Aware datetimes in the calendar's timezone: the attendances as
        # naive wall-clock times there, one interval a day and period.
        start = zone.localize(datetime.combine(days[0], time.min))
        stop = zone.localize(datetime.combine(days[-1], time.max))
        intervals = [(start_dt.replace(tzinfo=None), stop_dt.replace(tzinfo=None))
                     for start_dt, stop_dt, _attendance
                     in working_time._attendance_intervals_batch(start, stop, tz=zone)[False]]
        # The leaves without a resource (public holidays) of these working
        # hours or of every calendar, as naive UTC. A day more on either side
        # lets no leave of another timezone slip out.
        leaves = [(start_dt.astimezone(pytz.utc).replace(tzinfo=None),
                   stop_dt.astimezone(pytz.utc).replace(tzinfo=None))
                  for start_dt, stop_dt, _leave in working_time._leave_intervals_batch(
                      start - timedelta(days=1), stop + timedelta(days=1), tz=zone)[False]]
        return intervals, leaves
