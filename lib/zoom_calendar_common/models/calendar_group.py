"""calendar.group, declared once for both addons: its fields and the
methods that read the same on Odoo 11.0 and 17.0: the rules, who can host a
booking (round robin, collective), the round-robin pick and the public
page's slots.

Where the versions hold a value differently, the addon's own small hooks
say it, and the code here reads the same on both:
- ``_as_datetime(value)`` / ``_as_date(value)``: a datetime (date) field's
  value as a naive UTC datetime (a date): Odoo 11.0 holds them as strings;
- ``_datetime_value(dt)``: the other way round;
- ``_user_keys(users)``: the ids the answers about ``users`` are keyed by;
- ``_member_hosting_states(members, settings)``: _hosting_states of members
  whose _member_settings the caller read;
- ``_flush_bookings()``: what the ORM has not written of the bookings yet,
  written (Odoo 17.0 writes at flush; Odoo 11.0 already did);
- ``_busy_from_rows(intervals, rows, start, stop)``: the busy intervals of
  _busy_rows' rows (Odoo 11.0 expands repeating events itself);
- ``_working_intervals(days, tz)``: the working hours and leaves of these
  days, as each version's resource.calendar gives them.
The methods whose queries differ (_busy_rows, _hosting_states,
_member_settings) are each addon's; their contract is written here."""
import re
from collections import namedtuple
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.addons.zoom_calendar.services.cursors import read_committed_cursor
from odoo.exceptions import UserError, ValidationError

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from zoom_scheduling import booking_slots, round_robin
from zoom_scheduling.meeting_payload import OPTION_DEFAULTS
from zoom_scheduling.public_requests import client_network, ilike_exact

from .. import ADDON
from ..i18n import _

from .calendar_public_booking import RATE_WINDOW, BookingLimitReached
from .owned_fields import as_owner

# Where a booking meets: a user's own location (Preferences), and so a
# booking's. A group calendar may also leave it to each host ("host").
MEETING_LOCATIONS = [
    ("zoom", "Zoom"),
    ("phone", "Phone call"),
    ("in_person", "In person"),
    ("custom", "Custom"),
]
GROUP_MEETING_LOCATIONS = [("host", "Each host's own location")] + MEETING_LOCATIONS
# How a user stands as the host of a calendar's booking (_hosting_states).
HOST_READY = "ready"
HOST_CAPPED = "capped"              # a Zoom host at Zoom's daily limit: the meeting would wait
HOST_NO_ZOOM = "not_connected"      # a Zoom host without a Zoom account connected
HOST_RECONNECT = "reconnect_needed"  # a Zoom host whose Zoom account must be reconnected
CAN_HOST = (HOST_READY, HOST_CAPPED)


def host_state(meets_on, zoom_state, capped):
    """How a member stands as the host of a booking (HOST_*): the one rule
    of who can host (_hosting_states). ``meets_on``: where their bookings
    meet (_resolve_location); ``zoom_state``: their Zoom binding's state,
    None without one; ``capped``: Zoom's daily limit reached."""
    if meets_on != "zoom":
        return HOST_READY
    if zoom_state is None:
        return HOST_NO_ZOOM
    if zoom_state != "connected":
        return HOST_RECONNECT
    return HOST_CAPPED if capped else HOST_READY


def _timezones(model):
    """Odoo's timezones, as a partner's or a user's Timezone field lists
    them (its function lives in another module on each version)."""
    return model.env["res.partner"]._fields["tz"]._description_selection(model.env)


# The Zoom options of a calendar's meetings ("default": the host's own Zoom setting).
ZOOM_ON_OFF = [("default", "Host's Zoom default"), ("on", "On"), ("off", "Off")]
ZOOM_RECORDING = [("default", "Host's Zoom default"), ("none", "None"), ("local", "Local"),
                  ("cloud", "Cloud (licensed Zoom accounts)")]
ZOOM_OPTION_FIELDS = {"zoom_%s" % name: name for name in OPTION_DEFAULTS}
FAIRNESS_WINDOW = timedelta(days=30)
RR_MODES = [
    ("availability", "Availability"),
    ("equal", "Equal distribution"),
]
RR_COUNT_BY = [
    ("booking", "When booked"),
    ("meeting", "When it takes place"),
]
MAX_DURATION_HOURS = 24
# Events e whose time range meets the slot %(start)s-%(stop)s, bounds
# Events e whose time range meets the slot %(start)s-%(stop)s, bounds
# included: the expression of the index calendar_event_zoom_busy_index
# (calendar_event.py). greatest() keeps a range valid whatever the input.
BUSY_RANGE_MATCH = ("tsrange(e.start, greatest(e.start, e.stop), '[]') && "
                    "tsrange(%(start)s::timestamp, greatest(%(start)s::timestamp, %(stop)s::timestamp), '[]')")
# Whose events make users busy (each addon's BUSY_EVENTS_QUERY): as
# responsible, or as attendee who did not decline.
BUSY_FROM = {
    "responsible": "res_users u JOIN calendar_event e ON e.user_id = u.id",
    "attendee": "res_users u "
                "JOIN calendar_attendee a ON a.partner_id = u.partner_id AND a.state != 'declined' "
                "JOIN calendar_event e ON e.id = a.event_id",
}
# The booking page reads these members' busy times first (_public_slots).
PAGE_FIRST_MEMBERS = 10
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# A calendar id in a page address: ASCII digits only ('²'.isdigit() is true,
# but int('²') fails).
DIGITS_RE = re.compile(r"^[0-9]{1,9}$")


# What the booking checks read of an event (start, stop: datetime field
# values, see _as_datetime; ids: the events to leave out of the busy test),
# for a booking not created yet.
BookingSlot = namedtuple("BookingSlot", "start stop ids")


class SlotTaken(UserError):
    """The time asked for is not free (any more): the booking page answers
    "this time was just taken", unlike other refusals (a calendar that cannot
    take bookings is not the visitor's race to lose)."""


class CalendarGroupCommon(models.Model):
    """A calendar shared by a team: bookings go to one member (round robin)
    or to all of them (collective)."""

    _name = "calendar.group"
    _module = ADDON  # see the package's docstring
    _description = "Group Calendar"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    member_line_ids = fields.One2many(
        "calendar.group.member", "group_id", string="Member Settings",
        context={"active_test": False})
    # The active members as users: what every rule reads. Stored in the
    # relation table it has always had, so that searches, RPC clients and
    # writes of users ((6, 0, ids), (4, id)...) keep working; the lines
    # follow such writes (the inverse).
    member_ids = fields.Many2many(
        "res.users", "calendar_group_member_rel", "group_id", "user_id",
        string="Members", domain=[("share", "=", False)],
        compute="_compute_member_ids", inverse="_inverse_member_ids", store=True)
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
    meeting_location = fields.Selection(
        GROUP_MEETING_LOCATIONS, required=True, default="host",
        help="Where the bookings meet. Each host's own location: the Meeting "
             "Location of the member who hosts (their Preferences); a booking "
             "gets a Zoom meeting when it is Zoom. Changing it changes the "
             "upcoming bookings.")
    zoom_waiting_room = fields.Selection(
        ZOOM_ON_OFF, string="Waiting Room", required=True, default=OPTION_DEFAULTS["waiting_room"],
        help="Attendees wait until the host lets them in.")
    zoom_passcode = fields.Selection(
        [("on", "On"), ("default", "Host's Zoom default")], string="Passcode", required=True,
        default=OPTION_DEFAULTS["passcode"],
        help="A passcode in every meeting's join link. A Basic Zoom account's meetings always have one.")
    zoom_join_before_host = fields.Selection(
        ZOOM_ON_OFF, string="Join Before Host", required=True, default=OPTION_DEFAULTS["join_before_host"])
    zoom_mute_upon_entry = fields.Selection(
        ZOOM_ON_OFF, string="Mute on Entry", required=True, default=OPTION_DEFAULTS["mute_upon_entry"])
    zoom_auto_recording = fields.Selection(
        ZOOM_RECORDING, string="Automatic Recording", required=True,
        default=OPTION_DEFAULTS["auto_recording"],
        help="Cloud recording needs a licensed Zoom account: a Basic host's meetings "
             "are made without it, with a note on the booking.")
    host_warning = fields.Text(
        string="Members Who Cannot Host", compute="_compute_host_warning",
        help="Members who cannot host a booking of this calendar now, and why.")
    duration = fields.Float(default=0.5, help="Length of a booking, in hours.")
    tz = fields.Selection(
        _timezones, string="Timezone", default=lambda self: self.env.user.tz or "UTC",
        help="The timezone of the calendar's working hours.")
    event_ids = fields.One2many("calendar.event", "group_calendar_id", string="Bookings")
    # --- Round robin -------------------------------------------------------
    rr_mode = fields.Selection(
        RR_MODES, string="Distribution", required=True, default="availability",
        help="Availability: among the free members who can host, the highest priority "
             "hosts, then the fairest. Equal distribution: the fairest hosts, priority "
             "only breaks ties.")
    rr_window_days = fields.Integer(
        string="Fairness Window (days)", required=True, default=30,
        help="Bookings of the last this many days count toward fairness.")
    rr_count_by = fields.Selection(
        RR_COUNT_BY, string="Count Bookings", required=True, default="booking",
        help="When booked: bookings made in the window. When it takes place: bookings "
             "whose meeting is in the window or still to come.")
    rr_skip_no_shows = fields.Boolean(
        string="No-shows Do Not Count",
        help="Bookings whose external attendees did not show (Zoom attendance) do not "
             "count toward a member's fairness.")
    rr_prefer_owner = fields.Boolean(
        string="Contact's Salesperson First",
        help="When the person booking is a contact whose salesperson (or their company's) "
             "is a free member who can host, that salesperson hosts.")
    booking_count = fields.Integer(compute="_compute_booking_count")
    # --- Public booking page (/book/<id or slug>) ---------------------
    # Off until an administrator opens it: a calendar's free slots are not
    # everyone's business by default.
    booking_public = fields.Boolean(
        string="Public Booking Page", default=False,
        help="Anyone with the link can book a free slot of this calendar at "
             "/book/<id or slug>, without an Odoo account.")
    slug = fields.Char(
        string="Booking Page Slug", copy=False,
        help="Optional readable name in the booking page's address, e.g. "
             "'sales' for /book/sales: lowercase letters, digits and dashes.")
    booking_url = fields.Char(string="Booking Page", compute="_compute_booking_url")
    # Limits against spam and against filling the calendar (README: "The
    # public booking page"). Counted in the database from
    # calendar.public.booking, so every Odoo process agrees.
    booking_limit_per_address = fields.Integer(
        string="Bookings an Hour per Address", default=5,
        help="How many bookings (and requests awaiting email confirmation) one client "
             "address may make on this page in an hour. 0: no limit.")
    booking_limit_per_email = fields.Integer(
        string="Upcoming Bookings per Email", default=3,
        help="How many upcoming bookings (and requests awaiting email confirmation) one "
             "email address may hold on this calendar. 0: no limit.")
    booking_min_fill_seconds = fields.Integer(
        string="Minimum Form Fill Time", default=3,
        help="Seconds between opening the booking form and sending it below which the "
             "form is refused as sent by a program. 0: no minimum.")
    booking_confirm_email = fields.Boolean(
        string="Visitors Confirm Their Email First", default=False,
        help="The booking (host, Zoom meeting, invitations) is only made once the visitor "
             "follows a one-time link mailed to them, valid for 30 minutes.")

    def write(self, vals):
        res = super().write(vals)
        if {"member_ids", "member_line_ids", "primary_user_id"} & set(vals):
            self._default_primary_user()
        if "meeting_location" in vals:
            # Upcoming bookings follow the calendar: away from Zoom, their
            # meetings go; back on Zoom, they get one.
            upcoming = self.env["calendar.event"].search([
                ("group_calendar_id", "in", self.ids), ("stop", ">=", fields.Datetime.now())])
            for event in upcoming:
                as_owner(event.with_context(zoom_skip_sync=True)).write(
                    event.group_calendar_id._location_values(event.user_id))
            upcoming._zoom_sync()
        if ZOOM_OPTION_FIELDS.keys() & set(vals):
            # Upcoming meetings take the new options; past ones stay as they were.
            self.env["zoom.meeting"].sudo().search([
                ("event_id.group_calendar_id", "in", self.ids), ("start", ">=", fields.Datetime.now()),
                ("status", "=", "scheduled")])._zoom_plan_update().with_context(
                    zoom_author_uid=self.env.uid)._zoom_push_after_commit()
        return res

    def _compute_booking_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/")
        for group in self:
            group.booking_url = group.id and "%s/book/%s" % (base, group.slug or group.id)

    @api.constrains("slug")
    def _check_slug(self):
        for group in self.filtered("slug"):
            if not SLUG_RE.match(group.slug) or group.slug.isdigit():
                raise ValidationError(_("The booking page slug '%s' may only hold lowercase letters, "
                                        "digits and single dashes, and cannot be only digits.") % group.slug)
            if self.with_context(active_test=False).search_count(
                    [("slug", "=", group.slug), ("id", "!=", group.id)]):
                raise ValidationError(_("Another group calendar already uses the booking page slug '%s'.")
                                      % group.slug)

    @api.constrains("booking_limit_per_address", "booking_limit_per_email", "booking_min_fill_seconds")
    def _check_booking_limits(self):
        for group in self:
            if min(group.booking_limit_per_address, group.booking_limit_per_email,
                   group.booking_min_fill_seconds) < 0:
                raise ValidationError(_("The booking page limits of %(calendar)s cannot be negative "
                                        "(0 means no limit).") % {"calendar": group.name})

    @api.depends("member_ids", "meeting_location")
    def _compute_host_warning(self):
        reasons = {
            HOST_NO_ZOOM: _("%s: meets on Zoom but has no Zoom account connected"),
            HOST_RECONNECT: _("%s: meets on Zoom but must reconnect their Zoom account"),
        }
        for group in self:
            states = group._hosting_states(group.member_ids)
            group.host_warning = "\n".join(
                reasons[states[user.id]] % user.name for user in group.member_ids
                if states[user.id] in reasons) or False

    def _inverse_member_ids(self):
        """Users written as members get a line (an archived one comes
        back); lines of users no longer members go."""
        # Read once: creating a line may recompute member_ids from the lines.
        wanted = {group: group.member_ids for group in self}
        for group, users in wanted.items():
            lines = group.with_context(active_test=False).member_line_ids
            by_user = {line.user_id: line for line in lines}
            lines.filtered(lambda line: line.active and line.user_id not in users).unlink()
            for user in users:
                line = by_user.get(user)
                if not line:
                    lines.create({"group_id": group.id, "user_id": user.id})
                elif not line.active:
                    line.active = True

    @api.constrains("rr_window_days")
    def _check_rr_window_days(self):
        for group in self:
            if not 1 <= group.rr_window_days <= 3660:
                raise ValidationError(_("The fairness window of %(calendar)s must be from 1 to 3660 days.")
                                      % {"calendar": group.name})

    @api.constrains("duration")
    def _check_duration(self):
        for group in self:
            if not 0 < group.duration <= MAX_DURATION_HOURS:
                raise ValidationError(_("The booking duration of %(calendar)s must be more than 0 and at most "
                                        "%(hours)d hours.") % {"calendar": group.name, "hours": MAX_DURATION_HOURS})

    @api.constrains("company_id", "member_ids")
    def _check_members_company(self):
        for group in self:
            outsiders = group.member_ids.filtered(lambda user: group.company_id not in user.company_ids)
            if outsiders:
                raise ValidationError(_(
                    "%(users)s may not work in %(company)s, so cannot be members of its group calendar "
                    "%(calendar)s.") % {"users": ", ".join(outsiders.mapped("name")),
                                        "company": group.company_id.name, "calendar": group.name})

    @api.constrains("primary_user_id", "member_ids", "member_line_ids")
    def _check_primary_user(self):
        for group in self:
            if group.primary_user_id and group.primary_user_id not in group.member_ids:
                raise ValidationError(_("The primary owner of %s must be one of its members.") % group.name)

    @api.onchange("member_ids")
    def _onchange_member_ids(self):
        if self.primary_user_id not in self.member_ids:
            self.primary_user_id = self.member_ids[:1]

    def _zoom_options(self):
        """{option: value} of this calendar's Zoom options (meeting_payload)."""
        self.ensure_one()
        return {name: self[field] for field, name in ZOOM_OPTION_FIELDS.items()}

    def _default_primary_user(self):
        for group in self:
            if not group.primary_user_id and group.member_ids:
                group.primary_user_id = group.member_ids[0]

    # ------------------------------------------------------------------
    # Availability
    # ------------------------------------------------------------------

    @api.model
    def _busy_users(self, users, start, stop, exclude_event_ids=()):
        """The users among ``users`` with an event shown as busy overlapping
        [start, stop): as attendee (not declined) or as responsible. A
        booking decision: what other bookings committed counts too (see
        _busy_rows)."""
        intervals = self._busy_intervals(users, start, stop, exclude_event_ids, latest=True)
        return users.filtered(lambda user: intervals[user.id])

    @api.model
    def _busy_intervals(self, users, start, stop, exclude_event_ids=(), latest=False):
        """{user id: [(start, stop)]} (naive UTC datetimes) of the events that
        make each of ``users`` busy within [start, stop) (datetime field
        values), found in one query for every member and the whole window."""
        intervals = {user.id: [] for user in users}
        if not users:
            return intervals
        rows = self._busy_rows({
            "users": tuple(users.ids), "start": start, "stop": stop,
            "exclude": tuple(exclude_event_ids) or (0,),
        }, latest)
        self._busy_from_rows(intervals, rows, start, stop)
        return intervals

    def _busy_rows(self, params, latest=False):
        """The rows of the addon's BUSY_EVENTS_QUERY. With ``latest``, also as
        committed now: a booking holds the calendar's lock
        (_lock_for_booking), but its repeatable-read snapshot may predate a
        booking that committed while it waited; a read-committed cursor sees
        that one. Under Odoo's test runner, the test's own cursor alone sees
        its data."""
        raise NotImplementedError

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------

    def _booking_cursor(self):
        """A cursor for one booking in a transaction of its own, read
        committed (see _lock_for_booking); under Odoo's test runner, the test
        cursor, which alone sees the test's data."""
        return read_committed_cursor(self.pool)

    def _assign_booking(self, event, requested_host=None):
        """Picks the host and attendees of a new booking on this calendar."""
        self._lock_for_booking()
        # booking_date is the addon's own field (calendar_event.OWNED_FIELDS).
        as_owner(event.with_context(zoom_skip_sync=True)).write(
            self._booking_values(event, requested_host, event.partner_ids))

    def _lock_for_booking(self):
        """Serialises bookings into this calendar, for milliseconds: the
        booking's transaction makes no Zoom call (they follow its commit).

        A row lock, not an UPDATE: under Odoo's repeatable-read transactions
        an UPDATE of a row another booking updated fails with a
        serialization error, and twenty bookings at once exhausted Odoo's
        five retries. A lock only waits; the busy test then also reads what
        committed meanwhile (_busy_rows), which the transaction's snapshot
        may not show. Returns whether the calendar exists (still)."""
        self.env.cr.execute("SELECT id FROM calendar_group WHERE id = %s FOR UPDATE", (self.id,))
        return bool(self.env.cr.rowcount)

    def _booking_values(self, event, requested_host=None, partners=None):
        """The host, attendees and booking date (and location) of a new
        booking on this calendar. ``event`` may be a BookingSlot: a booking
        not created yet, which calendar.event.create() then creates with
        these values, as Odoo creates a plain event, rather than writing
        them afterwards (a second write: 26 queries and ~10 ms more).
        ``partners``: the attendees the booking was made with (the person
        booking among them), for rr_prefer_owner. The caller holds the
        calendar's lock (_lock_for_booking)."""
        self.ensure_one()
        if not self.active:
            raise UserError(_("The group calendar %s is archived: it takes no bookings.") % self.name)
        # Who the members are, with their settings, in one query (the
        # round-robin pick needs them; member_ids would read them again).
        members = self._member_settings()
        if not members:
            raise UserError(_("The group calendar %s has no members yet.") % self.name)
        if self.scheduling_mode == "collective":
            self._check_collective_available(event)
            host = self.primary_user_id or self.member_ids[0]
            partners = self.member_ids.mapped("partner_id")
        else:
            if requested_host:
                self._check_host_available(event, requested_host)
                host = requested_host
            else:
                host = self._pick_round_robin_host(event.start, event.stop, exclude_event_ids=event.ids,
                                                   owner=self._booking_owner(partners), settings=members)
            partners = host.partner_id
        values = {
            "user_id": host.id,
            "partner_ids": [(4, partner.id) for partner in partners],
            "booking_date": fields.Datetime.now(),
        }
        values.update(self._location_values(host))
        return values

    # ------------------------------------------------------------------
    # Who can host, and where a booking meets
    # ------------------------------------------------------------------

    def _hosting_states(self, users):
        """{user id: state} for each of ``users`` as the host of a booking of
        this calendar: HOST_READY; HOST_CAPPED (a Zoom host at Zoom's daily
        limit: they can host, but the meeting waits); HOST_NO_ZOOM or
        HOST_RECONNECT (the booking would be on Zoom and they have no working
        Zoom account): host_state() for each. For the round-robin pick, the
        collective check, the booking page and the calendar form.

        One plain query: a round-robin pick asks this of every member, and
        the ORM would first read each user and each binding in full (~40 ms
        for 200 members)."""
        raise NotImplementedError

    def _member_settings(self, users=None):
        """{user id: MemberSettings} of the active member lines of ``users``,
        by default of every member of the saved calendar (member_ids: active
        lines of active users).

        One plain query: the round-robin pick asks this of every member, and
        reading 200 lines through the ORM (member_line_ids, then each line's
        user) was most of a pick's time (~100 ms of 190 at 200 members)."""
        raise NotImplementedError

    def _booking_stats(self, users):
        """{user id: (bookings counted for fairness, last booking date)}:
        the bookings of the window (rr_window_days) by when they were booked
        or, rr_count_by 'meeting', by when they take place (those still to
        come included).

        Per user, so that the indexes calendar_event_zoom_booking_index and
        calendar_event_zoom_booking_start_index read only the window's
        bookings and one row for the last one, however many bookings the
        calendar has had."""
        self.ensure_one()
        since = self._datetime_value(
            self._as_datetime(fields.Datetime.now()) - timedelta(days=self.rr_window_days))
        when = "e.start >= %(since)s" if self.rr_count_by == "meeting" else "e.booking_date >= %(since)s"
        if self.rr_skip_no_shows:
            when += " AND NOT e.zoom_guests_no_show"
        self._flush_bookings()
        self.env.cr.execute("""
            SELECT u.id, recent.count, extract(epoch FROM latest.last)
              FROM unnest(%(users)s) AS u(id)
             CROSS JOIN LATERAL (
                   SELECT count(*) FROM calendar_event e
                    WHERE e.group_calendar_id = %(group)s AND e.user_id = u.id AND e.active
                      AND e.booking_date IS NOT NULL AND """ + when + """) recent
             CROSS JOIN LATERAL (
                   SELECT max(e.booking_date) AS last FROM calendar_event e
                    WHERE e.group_calendar_id = %(group)s AND e.user_id = u.id AND e.active
                      AND e.booking_date IS NOT NULL) latest
        """, {"users": list(users.ids), "group": self.id, "since": since})
        # The last booking as seconds since the epoch: converting 200 of them
        # is cheaper than parsing the text Odoo 11 reads timestamps as.
        return {user_id: (count, datetime.utcfromtimestamp(last) if last is not None else None)
                for user_id, count, last in self.env.cr.fetchall()}

    def _resolve_location(self, user_location):
        """Where a booking hosted by a user whose own location is
        ``user_location`` meets: the calendar's location, or the host's."""
        self.ensure_one()
        if self.meeting_location == "host":
            return user_location or "zoom"
        return self.meeting_location

    def _location_values(self, host):
        """The location fields of a booking of this calendar hosted by
        ``host``, decided when it is booked (or gets a new host): a host who
        changes their own location later changes their next bookings only."""
        kind = self._resolve_location(host.meeting_location)
        values = {"booking_location": kind}
        if kind != "zoom":
            values["location"] = host._location_text(kind)
        return values

    def _co_host_emails(self, host):
        """The Zoom emails of the members who co-host a collective booking
        hosted by ``host`` (Zoom's alternative hosts: they may start it too).
        Zoom allows it for licensed users of the host's own Zoom account,
        the host licensed too; the other members get the join link."""
        self.ensure_one()
        if self.scheduling_mode != "collective":
            return []
        accounts = self.env["zoom.account"].sudo()
        host_account = accounts.search([("user_id", "=", host.id), ("state", "=", "connected")])
        if host_account.zoom_user_type != "licensed" or not host_account.zoom_account_id:
            return []
        return sorted(accounts.search([
            ("user_id", "in", (self.member_ids - host).ids), ("state", "=", "connected"),
            ("zoom_user_type", "=", "licensed"), ("zoom_account_id", "=", host_account.zoom_account_id),
        ]).mapped("zoom_email"))

    def _check_can_host(self, host):
        """Raises a clear UserError when ``host`` cannot host a booking here."""
        state = self._hosting_states(host)[host.id]
        if state == HOST_NO_ZOOM:
            raise UserError(_("%(user)s meets on Zoom but has no Zoom account connected, so cannot "
                              "host a booking of %(calendar)s.") % {"user": host.name, "calendar": self.name})
        if state == HOST_RECONNECT:
            raise UserError(_("%(user)s meets on Zoom but must reconnect their Zoom account, so cannot "
                              "host a booking of %(calendar)s.") % {"user": host.name, "calendar": self.name})

    def _check_host_available(self, event, host, need_zoom=True):
        if host not in self.member_ids:
            raise UserError(_("%(host)s is not a member of the group calendar %(calendar)s, so cannot host its "
                              "bookings.") % {"host": host.name, "calendar": self.name})
        blockers = self._host_blockers(host, event.start, event.stop, event.ids)[host.id]
        if not need_zoom:
            blockers.pop("zoom", None)
        if "busy" in blockers:
            raise SlotTaken(_("%(host)s is busy %(slot)s.")
                            % {"host": host.name, "slot": self._slot_label(event.start, event.stop)})
        if need_zoom and "zoom" in blockers:
            self._check_can_host(host)
        blockers.pop("zoom", None)
        if blockers:
            raise UserError(_("%(host)s cannot host %(slot)s: %(reasons)s.") % {
                "host": host.name, "slot": self._slot_label(event.start, event.stop),
                "reasons": ", ".join(blockers.values())})

    def _check_collective_available(self, event):
        busy = self._busy_users(self.member_ids, event.start, event.stop, event.ids)
        if busy:
            message = (_("This collective booking needs every member of %(calendar)s, but %(names)s is busy "
                         "%(slot)s.") if len(busy) == 1 else
                       _("This collective booking needs every member of %(calendar)s, but %(names)s are busy "
                         "%(slot)s."))
            raise SlotTaken(message % {"calendar": self.name, "names": ", ".join(busy.mapped("name")),
                                       "slot": self._slot_label(event.start, event.stop)})
        self._check_can_host(self.primary_user_id or self.member_ids[0])

    # --- Who can host, and who hosts (round robin) ------------------------

    def _host_blockers(self, users, start, stop, exclude_event_ids=(), states=None, settings=None):
        """{user id: {reason code: message}}: why each of ``users`` cannot
        host a booking of this calendar in [start, stop) (an empty dict: they
        can). The one place for "who can host" a given slot; codes: ``busy``,
        ``zoom`` (_hosting_states: the booking would be on Zoom and they have
        no working Zoom account), ``max_per_day``. ``states`` and ``settings``:
        what _hosting_states(users) and _member_settings(users) gave, if the
        caller has them (the round-robin pick needs them too)."""
        self.ensure_one()
        blockers = {user_id: {} for user_id in self._user_keys(users)}
        if not users:
            return blockers
        # latest: a booking sees what concurrent ones committed (_busy_rows).
        intervals = self._busy_intervals(users, start, stop, exclude_event_ids, latest=True)
        for user_id, busy in intervals.items():
            if busy:
                blockers[user_id]["busy"] = _("busy at that time")
        for user_id, state in (states or self._hosting_states(users)).items():
            if state == HOST_NO_ZOOM:
                blockers[user_id]["zoom"] = _("meets on Zoom but has no Zoom account connected")
            elif state == HOST_RECONNECT:
                blockers[user_id]["zoom"] = _("meets on Zoom but must reconnect their Zoom account")
        if settings is None:
            settings = self._member_settings(users)
        caps = {user_id: line.max_per_day for user_id, line in settings.items() if line.max_per_day}
        if caps:
            day_counts = self._day_booking_counts(list(caps), start, exclude_event_ids)
            for user_id, cap in caps.items():
                if day_counts.get(user_id, 0) >= cap:
                    blockers[user_id]["max_per_day"] = _(
                        "already %(count)d booking(s) that day (at most %(cap)d)") % {
                        "count": day_counts[user_id], "cap": cap}
        return blockers

    def _slot_stop(self, start):
        """The end of a booking of this calendar starting at ``start`` (a
        naive UTC datetime)."""
        return start + timedelta(minutes=int(round(self.duration * 60)))

    def _local_day_bounds(self, day):
        """The naive UTC start and end of ``day`` (a date) in the calendar's
        timezone: the day max_per_day counts in."""
        zone = pytz.timezone(booking_slots.valid_tz(self.tz))
        return tuple(zone.localize(datetime.combine(each, time(0, 0)), is_dst=False).astimezone(pytz.utc)
                     .replace(tzinfo=None) for each in (day, day + timedelta(days=1)))

    def _day_booking_counts(self, user_ids, start, exclude_event_ids=()):
        """{user id: bookings they host here on the calendar-timezone day of
        ``start`` (a datetime field's value, see _as_datetime)}."""
        zone = pytz.timezone(booking_slots.valid_tz(self.tz))
        local_day = pytz.utc.localize(self._as_datetime(start)).astimezone(zone).date()
        day_start, day_stop = self._local_day_bounds(local_day)
        self._flush_bookings()
        self.env.cr.execute("""
            SELECT user_id, count(*) FROM calendar_event
             WHERE group_calendar_id = %s AND user_id IN %s AND active AND booking_date IS NOT NULL
               AND start >= %s AND start < %s AND id NOT IN %s
             GROUP BY user_id""", (self.id, tuple(user_ids), day_start, day_stop,
                                   tuple(exclude_event_ids) or (0,)))
        return dict(self.env.cr.fetchall())

    def _full_days(self, users, start, stop):
        """{user id: [(start, stop)]}: the calendar-timezone days around
        [start, stop) (datetime field values) on which a member of ``users`` already
        hosts their max_per_day bookings here. The public page counts them as
        busy all day, so that it offers no slot that only capped members
        could take (the booking would then be refused)."""
        caps = {user_id: settings.max_per_day
                for user_id, settings in self._member_settings(users).items() if settings.max_per_day}
        if not caps:
            return {}
        self._flush_bookings()
        self.env.cr.execute("""
            SELECT user_id, (start AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date, count(*)
              FROM calendar_event
             WHERE group_calendar_id = %(group)s AND user_id IN %(users)s AND active
               AND booking_date IS NOT NULL
               AND start >= %(start)s::timestamp - interval '1 day'
               AND start < %(stop)s::timestamp + interval '1 day'
             GROUP BY 1, 2""", {"tz": booking_slots.valid_tz(self.tz), "group": self.id,
                                "users": tuple(caps), "start": start, "stop": stop})
        full = {}
        for user_id, day, count in self.env.cr.fetchall():
            if count >= caps[user_id]:
                full.setdefault(user_id, []).append(self._local_day_bounds(self._as_date(day)))
        return full

    def _booking_owner(self, partners):
        """The salesperson of the person booking (the first attendee who is
        not a member), or of their company, when rr_prefer_owner is on. A
        contact without one is also known by its email: the public page makes
        a new contact when the visitor types another name than the known
        contact's (_public_partner), and the salesperson of the oldest
        contact with that email still hosts them."""
        if not self.rr_prefer_owner or not partners:
            return self.env["res.users"]
        members = self.member_ids.mapped("partner_id")
        for partner in partners.sudo():
            if partner in members:
                continue
            known = partner
            if partner.email and not (partner.user_id or partner.commercial_partner_id.user_id):
                known = partner.search([("email", "=ilike", ilike_exact(partner.email)),
                                        "|", ("user_id", "!=", False),
                                        ("commercial_partner_id.user_id", "!=", False)],
                                       order="id", limit=1) or partner
            owner = known.user_id or known.commercial_partner_id.user_id
            if owner:
                return owner
        return self.env["res.users"]

    def _pick_round_robin_host(self, start, stop, exclude_event_ids=(), owner=None, exclude_users=None,
                               settings=None):
        """The member who hosts a booking in [start, stop): among those who
        can host it (_host_blockers), ranked by zoom_scheduling.round_robin.pick
        (the contact's salesperson, priority, weighted fairness, the least
        recently booked, the lowest id). Zoom's daily cap only demotes a
        member: if every candidate hit it, the booking waits in pending.
        ``exclude_users``: members who may not host (a reassignment);
        ``settings``: _member_settings(), when the caller has it."""
        self.ensure_one()
        # The members as member_ids holds them, read with their settings in
        # one query (the ORM's read of 200 users was a tenth of a pick).
        settings = self._member_settings() if settings is None else settings
        members = self.env["res.users"].browse(sorted(settings)) - (exclude_users or self.env["res.users"])
        settings = {user_id: settings[user_id] for user_id in members.ids}
        states = self._member_hosting_states(members, settings)
        blockers = self._host_blockers(members, start, stop, exclude_event_ids, states, settings)
        # Ids, not records, from here on: 200 members made the ORM's per-record
        # overhead a good part of a pick.
        free = members.browse([user_id for user_id in members.ids if "busy" not in blockers[user_id]])
        if not free:
            raise SlotTaken(_("Every member of %(calendar)s is busy %(slot)s. Please choose another time.")
                            % {"calendar": self.name, "slot": self._slot_label(start, stop)})
        able_ids = [user_id for user_id in free.ids if not blockers[user_id]]
        if not able_ids:
            if all(set(blockers[user.id]) == {"zoom"} for user in free):
                raise UserError(_(
                    "No free member of %(calendar)s can host %(slot)s: %(users)s meet on Zoom and must "
                    "connect Zoom in their Preferences first.") % {
                    "calendar": self.name, "users": ", ".join(free.mapped("name")),
                    "slot": self._slot_label(start, stop)})
            raise UserError(_("No free member of %(calendar)s can host %(slot)s: %(reasons)s.") % {
                "calendar": self.name, "slot": self._slot_label(start, stop),
                "reasons": "; ".join("%s: %s" % (user.name, ", ".join(blockers[user.id].values()))
                                     for user in free)})
        able = members.browse(able_ids)
        stats = self._booking_stats(able)
        candidates = [round_robin.Candidate(
            member_id=user_id, priority=settings[user_id].priority, weight=settings[user_id].weight,
            count=stats.get(user_id, (0, None))[0], last_booking=stats.get(user_id, (0, None))[1],
            free=True, ready=True, demoted=states[user_id] == HOST_CAPPED) for user_id in able_ids]
        owner_id = owner.id if owner else None
        return self.env["res.users"].browse(round_robin.pick(candidates, self.rr_mode, owner_id))

    def _slot_label(self, start, stop):
        start_dt, stop_dt = (fields.Datetime.context_timestamp(self, self._as_datetime(value))
                             for value in (start, stop))
        return _("from %(start)s to %(stop)s") % {"start": start_dt.strftime("%Y-%m-%d %H:%M"),
                                                  "stop": stop_dt.strftime("%H:%M %Z")}

    # ------------------------------------------------------------------
    # Public booking page (controllers/booking.py validates, then calls
    # these with sudo())
    # ------------------------------------------------------------------

    def _working_slots(self, now):
        """The slots of the next DAYS_AHEAD days that start after ``now``
        within the working hours, leaves left out: [(start, stop)], naive
        UTC. Who is free is not asked here (see _public_slots)."""
        self.ensure_one()
        tz = booking_slots.valid_tz(self.tz)
        days = booking_slots.local_days(now, tz)
        intervals, leaves = self._working_intervals(days, tz)
        return booking_slots.candidate_slots(now, tz, self.duration, intervals, leaves)

    @api.model
    def _find_public(self, key):
        """The calendar behind /book/<key> (its id or its slug), archived
        ones included so the page can say so; empty if there is none or its
        page is not public."""
        groups = self.with_context(active_test=False)
        key = (key or "").strip().lower()
        if DIGITS_RE.match(key):
            group = groups.search([("id", "=", int(key))])
        elif key and len(key) <= 64 and SLUG_RE.match(key):
            group = groups.search([("slug", "=", key)], limit=1)
        else:
            group = groups.browse()
        return group.filtered("booking_public")

    def _booking_hosts(self):
        """The members whose calendars make the free slots: for round robin,
        those who can host (_hosting_states); for
        collective, every member, and no one if the host cannot host."""
        self.ensure_one()
        members = self.member_ids
        if self.scheduling_mode == "collective":
            host = self.primary_user_id or members[:1]
            if self._hosting_states(host).get(host.id) not in CAN_HOST:
                return members.browse()
            return members
        states = self._hosting_states(members)
        return members.filtered(lambda user: states[user.id] in CAN_HOST)

    def _public_slots(self, now=None, working_slots=None):
        """The free slots of the next 14 days: [(start, stop)], naive UTC.
        ``working_slots``: what _working_slots(now) gave, if the caller has it."""
        self.ensure_one()
        if not self.active:
            return []
        slots = working_slots
        if slots is None:
            slots = self._working_slots(now or self._as_datetime(fields.Datetime.now()))
        users = self._booking_hosts()
        if not slots or not users:
            return []
        if self.scheduling_mode == "collective":
            busy = self._busy_intervals(users, self._datetime_value(slots[0][0]), self._datetime_value(slots[-1][1]))
            return booking_slots.free_slots(slots, busy, users.ids, need_all=True)
        # Round robin needs one free member a slot: the first few members
        # usually settle every slot, so the others' busy times are read only
        # for the slots still open (a 200-member page then costs about what a
        # 10-member one does).
        free, pending = set(), slots
        for batch in (users[:PAGE_FIRST_MEMBERS], users[PAGE_FIRST_MEMBERS:]):
            if not batch or not pending:
                continue
            start, stop = self._datetime_value(pending[0][0]), self._datetime_value(pending[-1][1])
            busy = self._busy_intervals(batch, start, stop)
            for user_id, days in self._full_days(batch, start, stop).items():
                busy[user_id] = busy[user_id] + days
            free.update(booking_slots.free_slots(pending, busy, batch.ids, need_all=False))
            pending = [slot for slot in pending if slot not in free]
        return [slot for slot in slots if slot in free]

    def _public_partner(self, name, email, tz=None):
        """The visitor's contact: a plain contact with this email and this
        name (the oldest), else a new one. Never the contact of a user
        (internal or portal, archived ones too) nor of a company, and never
        one whose name the visitor did not type: a visitor gets nothing of a
        contact they do not already know (its name would reach the Zoom
        registration and the invitations)."""
        partners = self.env["res.partner"].search([("email", "=ilike", ilike_exact(email))], order="id")
        users = self.env["res.users"].with_context(active_test=False).search(
            [("partner_id", "in", partners.ids)])
        companies = self.env["res.company"].search([])
        wanted = " ".join(name.split()).casefold()
        for partner in partners - users.mapped("partner_id") - companies.mapped("partner_id"):
            if not partner.is_company and " ".join((partner.name or "").split()).casefold() == wanted:
                return partner
        return partners.create({"name": name, "email": email, "tz": tz or self.tz or "UTC",
                                "company_id": self.company_id.id})

    def _book_public(self, slot_start, name, email, note=None, tz=None):
        """Books the slot starting at ``slot_start`` (naive UTC) for a visitor
        whose input the controller validated. Returns the visitor's attendee.
        Raises UserError when the slot is not (or no longer) free."""
        self.ensure_one()
        self._lock_for_booking()
        slot = next((slot for slot in self._public_slots() if slot[0] == slot_start), None)
        if slot is None:
            raise SlotTaken(_("This time was just taken."))
        partner = self._public_partner(name, email, tz)
        hours = (slot[1] - slot[0]).total_seconds() / 3600.0
        event = self.env["calendar.event"].create({
            "name": _("%(calendar)s: %(visitor)s") % {"calendar": self.name, "visitor": name},
            "group_calendar_id": self.id,
            "start": self._datetime_value(slot[0]),
            "stop": self._datetime_value(slot[1]),
            "duration": hours,
            "partner_ids": [(6, 0, partner.ids)],
            "description": note or False,
        })
        return event.attendee_ids.filtered(lambda attendee: attendee.partner_id == partner)[:1]

    def _check_public_limits(self, client_address, email):
        """Raises BookingLimitReached when this client address or this email
        has used up what this calendar allows."""
        self.ensure_one()
        requests = self.env["calendar.public.booking"]
        now = self._as_datetime(fields.Datetime.now())
        if self.booking_limit_per_address and client_address:
            since = self._datetime_value(now - RATE_WINDOW)
            made = requests.search_count([("group_id", "=", self.id),
                                          ("client_address", "=", client_network(client_address)),
                                          ("create_date", ">=", since)])
            if made >= self.booking_limit_per_address:
                raise BookingLimitReached(_(
                    "Too many bookings were made from your network in the last hour. "
                    "Please try again later."))
        if self.booking_limit_per_email:
            now_value = self._datetime_value(now)
            held = requests.search_count([
                ("group_id", "=", self.id), ("visitor_email", "=ilike", ilike_exact(email)),
                "|", "&", ("state", "=", "pending"), ("expires_at", ">", now_value),
                "&", "&", ("state", "=", "booked"), ("event_id.active", "=", True),
                ("event_id.start", ">", now_value)])
            if held >= self.booking_limit_per_email:
                raise BookingLimitReached(_(
                    "This email address already holds %(count)d upcoming bookings on %(calendar)s, "
                    "the most it may hold. Please come back after one of them.")
                    % {"count": held, "calendar": self.name})

    def _request_public_booking(self, slot_start, name, email, note=None, tz=None, client_address=None):
        """A visitor's request for the slot starting at ``slot_start`` (naive
        UTC), whose input the controller validated, within this calendar's
        limits. Returns (request, confirmation page token); the token is None
        when the visitor must confirm their email first: the booking is then
        made by request._confirm_email() once they follow the mailed link."""
        self.ensure_one()
        self._lock_for_booking()  # the counts below see every other request
        self._check_public_limits(client_address, email)
        request = self.env["calendar.public.booking"].create({
            "group_id": self.id, "slot_start": self._datetime_value(slot_start),
            "visitor_name": name, "visitor_email": email, "note": note or False, "tz": tz,
            "client_address": client_network(client_address),
        })
        if self.booking_confirm_email:
            request._send_confirmation_link()
            return request, None
        return request, request._book()
