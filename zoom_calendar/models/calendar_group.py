# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.addons.base.res.res_partner import _tz_get
from odoo.exceptions import UserError, ValidationError

MEETING_LOCATIONS = [
    ("zoom", "Zoom"),
    ("phone", "Phone call"),
    ("in_person", "In person"),
    ("custom", "Custom"),
]
FAIRNESS_WINDOW = timedelta(days=30)
MAX_DURATION_HOURS = 24


class CalendarGroup(models.Model):
    """A calendar shared by a team: bookings go to one member (round robin)
    or to all of them (collective)."""

    _name = "calendar.group"
    _description = "Group Calendar"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    member_ids = fields.Many2many(
        "res.users", "calendar_group_member_rel", "group_id", "user_id",
        string="Members", domain=[("share", "=", False)])
    scheduling_mode = fields.Selection(
        [("round_robin", "Round robin"), ("collective", "Collective")],
        required=True, default="round_robin",
        help="Round robin: one free member hosts each booking, the one with the "
             "fewest recent bookings first. Collective: every member attends; "
             "the primary owner hosts.")
    primary_user_id = fields.Many2one(
        "res.users", string="Primary Owner",
        help="Hosts collective bookings with their own Zoom account. "
             "Defaults to the first member.")
    meeting_location = fields.Selection(MEETING_LOCATIONS, required=True, default="zoom")
    duration = fields.Float(default=0.5, help="Length of a booking, in hours.")
    tz = fields.Selection(
        _tz_get, string="Timezone", default=lambda self: self.env.user.tz or "UTC",
        help="The timezone of the calendar's working hours.")
    event_ids = fields.One2many("calendar.event", "group_calendar_id", string="Bookings")
    booking_count = fields.Integer(compute="_compute_booking_count")

    def _compute_booking_count(self):
        rows = self.env["calendar.event"].read_group(
            [("group_calendar_id", "in", self.ids)], ["group_calendar_id"], ["group_calendar_id"])
        counts = {row["group_calendar_id"][0]: row["group_calendar_id_count"] for row in rows}
        for group in self:
            group.booking_count = counts.get(group.id, 0)

    @api.constrains("duration")
    def _check_duration(self):
        for group in self:
            if not 0 < group.duration <= MAX_DURATION_HOURS:
                raise ValidationError(_("The booking duration of %s must be more than 0 and at most %d hours.")
                                      % (group.name, MAX_DURATION_HOURS))

    @api.constrains("primary_user_id", "member_ids")
    def _check_primary_user(self):
        for group in self:
            if group.primary_user_id and group.primary_user_id not in group.member_ids:
                raise ValidationError(_("The primary owner of %s must be one of its members.") % group.name)

    @api.onchange("member_ids")
    def _onchange_member_ids(self):
        if self.primary_user_id not in self.member_ids:
            self.primary_user_id = self.member_ids[:1]

    @api.model
    def create(self, vals):
        group = super(CalendarGroup, self).create(vals)
        group._default_primary_user()
        return group

    @api.multi
    def write(self, vals):
        res = super(CalendarGroup, self).write(vals)
        if "member_ids" in vals or "primary_user_id" in vals:
            self._default_primary_user()
        if "meeting_location" in vals:
            # Upcoming bookings follow the calendar: away from Zoom, their
            # meetings go; back on Zoom, they get one.
            upcoming = self.env["calendar.event"].search([
                ("group_calendar_id", "in", self.ids), ("stop", ">=", fields.Datetime.now())])
            upcoming._zoom_sync()
        return res

    def _default_primary_user(self):
        for group in self:
            if not group.primary_user_id and group.member_ids:
                group.primary_user_id = group.member_ids[0]

    def action_view_bookings(self):
        action = self.env.ref("calendar.action_calendar_event").read()[0]
        action["domain"] = [("group_calendar_id", "in", self.ids)]
        action["context"] = {"default_group_calendar_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Availability
    # ------------------------------------------------------------------

    @api.model
    def _busy_users(self, users, start, stop, exclude_event_ids=()):
        """The users among ``users`` with an event shown as busy overlapping
        [start, stop): as attendee (not declined) or as responsible. One query
        for plain events; repeating events are expanded in Python."""
        if not users:
            return users
        params = {
            "users": tuple(users.ids), "start": start, "stop": stop,
            "exclude": tuple(exclude_event_ids) or (0,),
        }
        self.env.cr.execute("""
            SELECT DISTINCT u.id
              FROM res_users u
              JOIN calendar_event e ON e.user_id = u.id
             WHERE u.id IN %(users)s AND e.active AND e.show_as = 'busy'
               AND NOT e.recurrency AND e.id NOT IN %(exclude)s
               AND e.start < %(stop)s AND e.stop > %(start)s
            UNION
            SELECT DISTINCT u.id
              FROM res_users u
              JOIN calendar_attendee a ON a.partner_id = u.partner_id AND a.state != 'declined'
              JOIN calendar_event e ON e.id = a.event_id
             WHERE u.id IN %(users)s AND e.active AND e.show_as = 'busy'
               AND NOT e.recurrency AND e.id NOT IN %(exclude)s
               AND e.start < %(stop)s AND e.stop > %(start)s
        """, params)
        busy_ids = {row[0] for row in self.env.cr.fetchall()}
        busy_ids |= self._busy_users_in_recurrences(users, start, stop, params)
        return users.filtered(lambda user: user.id in busy_ids)

    @api.model
    def _busy_users_in_recurrences(self, users, start, stop, params):
        self.env.cr.execute("""
            SELECT e.id, array_agg(DISTINCT u.id)
              FROM calendar_event e
              JOIN calendar_attendee a ON a.event_id = e.id AND a.state != 'declined'
              JOIN res_users u ON u.partner_id = a.partner_id OR u.id = e.user_id
             WHERE u.id IN %(users)s AND e.active AND e.show_as = 'busy' AND e.recurrency
               AND e.id NOT IN %(exclude)s AND e.start < %(stop)s
               AND (e.final_date IS NULL OR e.final_date >= %(start)s::date)
             GROUP BY e.id
        """, params)
        busy = set()
        start_dt, stop_dt = (fields.Datetime.from_string(value) for value in (start, stop))
        for event_id, user_ids in self.env.cr.fetchall():
            event = self.env["calendar.event"].browse(event_id)
            for occ_start, occ_stop in event._get_recurrent_dates_by_event():
                occ_start, occ_stop = (value.replace(tzinfo=None) for value in (occ_start, occ_stop))
                if occ_start < stop_dt and occ_stop > start_dt:
                    busy.update(user_ids)
                    break
        return busy

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------

    def _lock_for_booking(self):
        """Serialises bookings into this calendar. An UPDATE, not a mere
        SELECT FOR UPDATE: under Odoo's repeatable-read transactions a
        concurrent booking then fails with a serialization error, which
        Odoo's RPC layer retries with a fresh snapshot, instead of picking a
        host from a snapshot that misses the other booking."""
        self.env.cr.execute("UPDATE calendar_group SET write_date = write_date WHERE id = %s", (self.id,))

    def _assign_booking(self, event, requested_host=None):
        """Picks the host and attendees of a new booking on this calendar."""
        self.ensure_one()
        if not self.active:
            raise UserError(_("The group calendar %s is archived: it takes no bookings.") % self.name)
        if not self.member_ids:
            raise UserError(_("The group calendar %s has no members yet.") % self.name)
        self._lock_for_booking()
        if self.scheduling_mode == "collective":
            self._check_collective_available(event)
            host = self.primary_user_id or self.member_ids[0]
            partners = self.member_ids.mapped("partner_id")
        else:
            if requested_host:
                self._check_host_available(event, requested_host)
                host = requested_host
            else:
                host = self._pick_round_robin_host(event.start, event.stop, exclude_event_ids=event.ids)
            partners = host.partner_id
        values = {
            "user_id": host.id,
            "partner_ids": [(4, partner.id) for partner in partners],
            "booking_date": fields.Datetime.now(),
        }
        if self.meeting_location != "zoom":
            values["location"] = host._location_text(self.meeting_location)
        event.with_context(zoom_skip_sync=True).write(values)

    def _check_host_available(self, event, host, need_zoom=True):
        if host not in self.member_ids:
            raise UserError(_("%s is not a member of the group calendar %s, so cannot host its bookings.")
                            % (host.name, self.name))
        if self._busy_users(host, event.start, event.stop, event.ids):
            raise UserError(_("%s is busy %s.") % (host.name, self._slot_label(event.start, event.stop)))
        if need_zoom and self.meeting_location == "zoom" and not host._zoom_can_host():
            raise UserError(_("%s has no Zoom account connected, so cannot host a Zoom booking.")
                            % host.name)

    def _check_collective_available(self, event):
        busy = self._busy_users(self.member_ids, event.start, event.stop, event.ids)
        if busy:
            raise UserError(_("This collective booking needs every member of %s, but %s %s busy %s.") % (
                self.name, ", ".join(busy.mapped("name")), "is" if len(busy) == 1 else "are",
                self._slot_label(event.start, event.stop)))
        host = self.primary_user_id or self.member_ids[0]
        if self.meeting_location == "zoom" and not host._zoom_can_host():
            raise UserError(_("%s hosts the bookings of %s but has no Zoom account connected.")
                            % (host.name, self.name))

    def _pick_round_robin_host(self, start, stop, exclude_event_ids=()):
        """The member who is free for the whole slot, can host it, has had the
        fewest bookings here in the last 30 days, then was booked least
        recently, then has the lowest id. Zoom's daily cap only demotes a
        member: if every candidate hit it, the booking waits in pending."""
        self.ensure_one()
        members = self.member_ids
        free = members - self._busy_users(members, start, stop, exclude_event_ids)
        if not free:
            raise UserError(_("Every member of %s is busy %s. Please choose another time.")
                            % (self.name, self._slot_label(start, stop)))
        candidates = free
        if self.meeting_location == "zoom":
            candidates = free.filtered(lambda user: user._zoom_can_host())
            if not candidates:
                raise UserError(_(
                    "No free member of %s has a Zoom account connected (%s must connect "
                    "Zoom in their Preferences), so no Zoom meeting can be created %s.")
                    % (self.name, ", ".join(free.mapped("name")), self._slot_label(start, stop)))
            uncapped = candidates.filtered(lambda user: not user.zoom_account_ids[:1]._is_capped())
            candidates = uncapped or candidates
        stats = self._booking_stats(candidates)
        return min(candidates, key=lambda user: (
            stats.get(user.id, (0, None))[0], stats.get(user.id, (0, None))[1] or datetime.min, user.id))

    def _booking_stats(self, users):
        """{user id: (bookings in the fairness window, last booking date)}"""
        since = fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) - FAIRNESS_WINDOW)
        self.env.cr.execute("""
            SELECT user_id,
                   count(*) FILTER (WHERE booking_date >= %s),
                   max(booking_date)
              FROM calendar_event
             WHERE group_calendar_id = %s AND user_id IN %s AND active
               AND booking_date IS NOT NULL
             GROUP BY user_id
        """, (since, self.id, tuple(users.ids)))
        return {user_id: (count, fields.Datetime.from_string(last))
                for user_id, count, last in self.env.cr.fetchall()}

    def _slot_label(self, start, stop):
        start_dt, stop_dt = (fields.Datetime.context_timestamp(self, fields.Datetime.from_string(value))
                             for value in (start, stop))
        return _("from %s to %s") % (start_dt.strftime("%Y-%m-%d %H:%M"), stop_dt.strftime("%H:%M %Z"))
