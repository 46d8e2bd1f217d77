# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from zoom_scheduling import visitor_text
from .calendar_group import MAX_DURATION_HOURS, MEETING_LOCATIONS, BookingSlot
from .owned_fields import as_owner, check_owned_fields, is_owner, write_columns

INVITATION = "calendar.calendar_template_meeting_invitation"
LINK_UPDATE = "zoom_calendar.calendar_template_zoom_link"
# Changes of these fields can change what Zoom must know.
ZOOM_FIELDS = {
    "name", "description", "start", "stop", "start_datetime", "stop_datetime", "start_date",
    "stop_date", "duration", "allday", "user_id", "partner_ids", "active", "group_calendar_id",
}
# Set by this addon only (owned_fields.py): an RPC caller setting a booking's
# meeting could read its host's start link and delete it at Zoom.
OWNED_FIELDS = {"zoom_meeting_id", "booking_date", "zoom_invitations_sent", "booking_location",
                "zoom_guests_no_show"}
TIME_FIELDS = {"start", "stop", "start_datetime", "stop_datetime", "start_date", "stop_date",
               "duration", "allday"}


# Indexes for the group calendars' queries (calendar_group.py), which else
# read every event ever made: the events around a slot and the repeating
# ones (BUSY_EVENTS_QUERY), and
# each member's bookings on a calendar (_booking_stats).
EVENT_INDEXES = {
    "calendar_event_zoom_busy_index":
        "USING gist (tsrange(start, greatest(start, stop), '[]')) "
        "WHERE active AND show_as = 'busy' AND NOT recurrency",
    "calendar_event_zoom_recurrent_index": "(start) WHERE recurrency",
    "calendar_event_zoom_booking_index":
        "(group_calendar_id, user_id, booking_date) WHERE active AND booking_date IS NOT NULL",
    # Fairness counted by meeting time (rr_count_by) and caps per day.
    "calendar_event_zoom_booking_start_index":
        "(group_calendar_id, user_id, start) WHERE active AND booking_date IS NOT NULL",
}


def _real_ids(events):
    """Group bookings never repeat; virtual ids ('12-20300101...') belong to
    plain repeating events, which this addon leaves alone."""
    return events.filtered(lambda event: isinstance(event.id, int))


def _notify(attendees, template_xmlid):
    """Sends Odoo's calendar mail to ``attendees``. As superuser: each mail
    holds its attendee's personal Zoom link, which only the host, the
    attendee and Zoom admins may read; and without the context key that held
    the invitations back while the Zoom meeting was being made."""
    attendees.sudo().with_context(no_mail_to_attendees=False)._send_mail_to_attendees(template_xmlid)


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    group_calendar_id = fields.Many2one(
        "calendar.group", string="Group Calendar", index=True, ondelete="restrict",
        help="Book on a team calendar: the host is picked by its scheduling mode.")
    booking_date = fields.Datetime(
        readonly=True, copy=False,
        help="When the booking was assigned on its group calendar (round-robin fairness).")
    booking_location = fields.Selection(
        MEETING_LOCATIONS, readonly=True, copy=False,
        help="Where this booking meets: its calendar's location, or its host's own "
             "(decided when it was booked or got a new host).")
    zoom_needs_meeting = fields.Boolean(
        compute="_compute_zoom_needs_meeting", store=True,
        help="A booking on a group calendar that meets on Zoom gets its own Zoom meeting.")
    zoom_meeting_id = fields.Many2one("zoom.meeting", string="Zoom Meeting", readonly=True,
                                      copy=False, ondelete="set null")
    zoom_join_url = fields.Char(related="zoom_meeting_id.join_url", string="Zoom Join Link",
                                readonly=True)
    zoom_meeting_status = fields.Selection(related="zoom_meeting_id.status", string="Zoom Status",
                                           readonly=True)
    zoom_last_error = fields.Char(related="zoom_meeting_id.last_error", string="Zoom Problem",
                                  readonly=True)
    zoom_personal_links = fields.Boolean(related="zoom_meeting_id.personal_links", readonly=True)
    zoom_start_url = fields.Char(compute="_compute_zoom_start_url", string="Zoom Start Link")
    zoom_is_host = fields.Boolean(compute="_compute_zoom_start_url")
    zoom_invitations_sent = fields.Boolean(readonly=True, copy=False)
    # Set by the attendance code (calendar_attendee.py), not a stored
    # compute on attendee_ids: Odoo's calendar gives repeating events
    # virtual ids, which a recompute triggered by their attendees would
    # try to write.
    zoom_guests_no_show = fields.Boolean(
        string="Guests Did Not Show", readonly=True, copy=False,
        help="Every external attendee was a no-show (Zoom attendance).")

    @api.model_cr
    def _auto_init(self):
        res = super(CalendarEvent, self)._auto_init()
        for name, definition in EVENT_INDEXES.items():
            # The definitions are this module's constants, not input.
            self.env.cr.execute(sql.SQL("CREATE INDEX IF NOT EXISTS {} ON calendar_event {}").format(
                sql.Identifier(name), sql.SQL(definition)))
        return res

    @api.depends("group_calendar_id", "booking_location", "active", "allday")
    def _compute_zoom_needs_meeting(self):
        for event in self:
            event.zoom_needs_meeting = bool(
                event.group_calendar_id and event.booking_location == "zoom" and event.active
                and not event.allday)

    @api.depends("zoom_meeting_id")
    def _compute_zoom_start_url(self):
        """From the meeting's own host (zoom.meeting._start_url_for), never
        from the booking's responsible user."""
        for event in self:
            meeting = event._zoom_own_meetings()
            event.zoom_is_host = bool(meeting) and meeting.host_user_id == self.env.user
            event.zoom_start_url = meeting._start_url_for(self.env.user) if meeting else False

    @api.constrains("group_calendar_id", "booking_location", "recurrency", "allday", "duration", "start",
                    "stop")
    def _check_group_booking(self):
        for event in _real_ids(self).filtered("group_calendar_id"):
            if event.recurrency:
                raise ValidationError(_("A booking on a group calendar cannot repeat: "
                                        "book each occurrence on its own."))
            if event.allday and event.booking_location == "zoom":
                raise ValidationError(_("A Zoom booking needs a start and end time: it cannot last "
                                        "all day."))
            if not event.allday and event.stop <= event.start:
                raise ValidationError(_("A booking must end after it starts."))
            if not event.allday and event.duration > MAX_DURATION_HOURS:
                raise ValidationError(_("A booking on a group calendar lasts at most %d hours.")
                                      % MAX_DURATION_HOURS)

    @api.constrains("group_calendar_id", "name")
    def _check_booking_name(self):
        """A booking's name becomes mail subjects and the Zoom topic, and
        public bookings carry a visitor's name in it (zoom_scheduling.visitor_text)."""
        for event in _real_ids(self).filtered("group_calendar_id"):
            bad = visitor_text.forbidden_characters(event.name)
            if bad:
                raise ValidationError(_(
                    "The name of a booking cannot hold invisible or control characters "
                    "(found: %(characters)s).") % {"characters": ", ".join(bad)})

    @api.onchange("group_calendar_id")
    def _onchange_group_calendar_id(self):
        """Round robin picks the host when the booking is saved; collective
        bookings are hosted by the primary owner."""
        group = self.group_calendar_id
        if not group:
            return
        self.duration = group.duration
        if group.scheduling_mode == "round_robin":
            self.user_id = False
        else:
            self.user_id = group.primary_user_id or group.member_ids[:1]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model
    def create(self, vals):
        check_owned_fields(self, vals, OWNED_FIELDS)
        if not vals.get("group_calendar_id"):
            return super(CalendarEvent, self).create(vals)
        group = self.env["calendar.group"].browse(vals["group_calendar_id"])
        # The lock that serialises bookings into the calendar, held until
        # commit: the host is picked under it (_booking_values).
        if not group._lock_for_booking():
            raise UserError(_("This group calendar does not exist (any more)."))
        requested_host = self.env["res.users"].browse(vals["user_id"]) if vals.get("user_id") else None
        # Invitations wait until the booking has its host and its Zoom link.
        # As the addon's own code: vals were checked above; these add the
        # booking date and stop write() from syncing before the event exists.
        quiet = as_owner(self.with_context(no_mail_to_attendees=True, zoom_skip_sync=True))
        if vals.get("start") and vals.get("stop") and not vals.get("allday"):
            # The usual case (booking page, calendar view): the host is picked
            # first, so the event is created with its host and attendees at
            # once, as a plain event is, instead of being written again.
            slot = BookingSlot(*(self._fields[name].convert_to_cache(vals[name], self)
                                 for name in ("start", "stop")), ids=())
            partners = vals.get("partner_ids") or []
            if partners and not isinstance(partners[0], (list, tuple)):
                partners = [(6, 0, partners)]
            values = group._booking_values(slot, requested_host, self._fields["partner_ids"].convert_to_record(
                self._fields["partner_ids"].convert_to_cache(partners, self), self))
            values["partner_ids"] = list(partners) + values["partner_ids"]
            event = super(CalendarEvent, quiet).create(dict(vals, **values))
        else:
            event = super(CalendarEvent, quiet).create(dict(vals, user_id=vals.get("user_id") or self.env.uid))
            group.with_context(zoom_skip_sync=True)._assign_booking(event, requested_host)
        event = self.browse(event.id)
        # The meeting is recorded as pending here, and made at Zoom after
        # commit; the invitations follow it (_zoom_push).
        event._zoom_sync(new_bookings=True)
        if not event.zoom_meeting_id:
            event._zoom_send_invitations()
        return event

    @api.multi
    def write(self, vals):
        check_owned_fields(self, vals, OWNED_FIELDS)
        # zoom_skip_sync from an RPC caller would skip the booking rules.
        if (self.env.context.get("zoom_skip_sync") and is_owner(self)) or not ZOOM_FIELDS & set(vals):
            return super(CalendarEvent, self).write(vals)
        bookings = _real_ids(self).filtered("group_calendar_id")
        hosts_before = {event.id: event.user_id for event in bookings}
        res = super(CalendarEvent, self).write(vals)
        newly_grouped = _real_ids(self).filtered("group_calendar_id") - bookings
        for event in newly_grouped:
            event.group_calendar_id._assign_booking(event.with_context(no_mail_to_attendees=True))
        if TIME_FIELDS & set(vals) or "user_id" in vals:
            for event in bookings.filtered(lambda event: event.active and event.group_calendar_id):
                event._check_booking_still_possible(hosts_before[event.id], host_chosen="user_id" in vals)
        (bookings | newly_grouped)._zoom_sync()
        newly_grouped.filtered(lambda event: not event.zoom_meeting_id)._zoom_send_invitations()
        return res

    @api.multi
    def unlink(self, can_be_deleted=True):
        # The meetings outlive their bookings: they are deleted at Zoom after
        # commit, and only if the deletion commits.
        meetings = self._zoom_own_meetings()._zoom_plan_delete()
        res = super(CalendarEvent, self).unlink(can_be_deleted=can_be_deleted)
        meetings._zoom_push_after_commit()
        return res

    @api.multi
    def create_attendees(self):
        """Attendees added to a booking with a Zoom meeting get their personal
        link in their invitation: it waits for their registrant, made after
        commit (_zoom_push sends it)."""
        zoom_events = _real_ids(self).filtered(
            lambda event: event._zoom_own_meetings().status not in (False, "deleted"))
        if not zoom_events or self.env.context.get("no_mail_to_attendees"):
            return super(CalendarEvent, self).create_attendees()
        result = super(CalendarEvent, self.with_context(no_mail_to_attendees=True)).create_attendees()
        changed = zoom_events.filtered(lambda event: result.get(event.id, {}).get("new_attendees"))
        changed._zoom_own_meetings()._zoom_plan_update().with_context(
            zoom_author_uid=self.env.uid)._zoom_push_after_commit()
        return result

    # ------------------------------------------------------------------
    # Booking rules on change
    # ------------------------------------------------------------------

    def _check_booking_still_possible(self, host_before, host_chosen=False):
        """A moved booking must still fit its host (every member, for a
        collective calendar); a new host must be a free member. A round-robin
        booking moved to a time its host cannot take (and no host chosen)
        goes to another member by the calendar's rules."""
        group = self.group_calendar_id
        if group.scheduling_mode == "collective":
            if self.user_id != (group.primary_user_id or group.member_ids[:1]):
                raise UserError(_("Bookings on the collective calendar %(calendar)s are hosted by its primary "
                                  "owner, %(owner)s.") % {"calendar": group.name, "owner": group.primary_user_id.name})
            group._check_collective_available(self)
        elif not host_chosen:
            blockers = self._zoom_reschedule_blockers()
            if blockers:
                new_host = group._pick_round_robin_host(
                    self.start, self.stop, exclude_event_ids=self.ids,
                    owner=group._booking_owner(self.partner_ids), exclude_users=self.user_id)
                self._zoom_set_host(new_host, _("%(host)s cannot host at the new time (%(reasons)s).") % {
                    "host": self.user_id.name, "reasons": ", ".join(blockers.values())})
                return
        else:
            # A host who lost Zoom meanwhile may still move their booking (its
            # meeting waits in pending); a new host must be able to host.
            group._check_host_available(self, self.user_id, need_zoom=self.user_id != host_before)
        if self.user_id != host_before:
            # A new host: the booking meets where this host meets.
            as_owner(self.with_context(zoom_skip_sync=True)).write(dict(
                group._location_values(self.user_id), partner_ids=[(4, self.user_id.partner_id.id)]))

    def _zoom_reschedule_blockers(self):
        """Why this booking's host cannot keep it at its (new) time: Zoom
        left out (a host who lost Zoom meanwhile may still move their
        booking; its meeting waits in pending)."""
        group = self.group_calendar_id
        if self.user_id not in group.member_ids:
            return {"member": _("no longer a member of %(calendar)s") % {"calendar": group.name}}
        blockers = group._host_blockers(self.user_id, self.start, self.stop, self.ids)[self.user_id.id]
        blockers.pop("zoom", None)
        return blockers

    def _zoom_recount_attendance(self):
        """The attendance counts of these bookings' meetings, after their
        attendees' attendance changed or an attendee went (see
        zoom.meeting._compute_attendance)."""
        meetings = self.env["zoom.meeting"].sudo().search([("event_id", "in", _real_ids(self).ids)])
        if meetings:
            for name in ("attended_count", "no_show_count", "host_attended"):
                self.env.add_todo(meetings._fields[name], meetings)
            meetings.recompute()

    def _zoom_note_guests_no_show(self):
        """zoom_guests_no_show: every external attendee (not an employee,
        not declined) was a no-show."""
        for event in _real_ids(self):
            guests = event.attendee_ids.filtered(lambda attendee: attendee.state != "declined" and not any(
                not user.share for user in attendee.partner_id.sudo().user_ids))
            no_show = bool(guests) and all(attendee.zoom_attendance == "no_show" for attendee in guests)
            if event.zoom_guests_no_show != no_show:
                as_owner(event.sudo().with_context(zoom_skip_sync=True, mail_notrack=True)).write(
                    {"zoom_guests_no_show": no_show})

    # ------------------------------------------------------------------
    # Reassignment
    # ------------------------------------------------------------------

    @api.multi
    def action_zoom_reassign(self, user_id=None, reason=None):
        """Gives each of these bookings a new host: ``user_id``, a member
        who can host it, or with none the next member by the calendar's
        rules (the current host left out). The meeting moves to the new
        host's Zoom account and the attendees get the new link; the chatter
        says who did it, from whom to whom, and why."""
        new_host = self.env["res.users"].browse(user_id) if user_id else None
        if new_host is not None and not new_host.exists():
            raise UserError(_("This user does not exist (any more)."))
        for event in self:
            event._zoom_reassign(new_host, reason)
        return True

    def _zoom_reassign(self, new_host=None, reason=None, exclude_users=None):
        self.ensure_one()
        if not isinstance(self.id, int) or not self.group_calendar_id:
            raise UserError(_("Only a booking on a group calendar can be reassigned."))
        group = self.group_calendar_id
        if group.scheduling_mode != "round_robin":
            raise UserError(_("Bookings on the collective calendar %(calendar)s are hosted by its "
                              "primary owner: they cannot be reassigned.") % {"calendar": group.name})
        if not self.active or self.stop <= fields.Datetime.now():
            raise UserError(_("%(booking)s is over or cancelled: it cannot be reassigned.")
                            % {"booking": self.name})
        group._lock_for_booking()
        if new_host:
            if new_host == self.user_id:
                raise UserError(_("%(host)s already hosts %(booking)s.") % {
                    "host": new_host.name, "booking": self.name})
            group._check_host_available(self, new_host)
        else:
            new_host = group._pick_round_robin_host(
                self.start, self.stop, exclude_event_ids=self.ids,
                owner=group._booking_owner(self.partner_ids),
                exclude_users=self.user_id | (exclude_users or self.env["res.users"]))
        self._zoom_set_host(new_host, reason)
        self._zoom_sync()

    def _zoom_set_host(self, new_host, reason=None):
        """Makes ``new_host`` the host (and an attendee, in place of the
        old host), and says so in the chatter. The caller syncs Zoom: a new
        host gets a new meeting on their account (_zoom_sync), whose link
        goes to every attendee (_zoom_link_ready)."""
        old_host = self.user_id
        commands = [(4, new_host.partner_id.id)]
        if old_host.partner_id != new_host.partner_id:
            commands.insert(0, (3, old_host.partner_id.id))
        # No invitation now: the new link follows once the meeting exists.
        # The booking meets where the new host meets (booking_location).
        as_owner(self.with_context(zoom_skip_sync=True, no_mail_to_attendees=True)).write(dict(
            self.group_calendar_id._location_values(new_host), user_id=new_host.id, partner_ids=commands))
        self.message_post(body=_(
            "Reassigned by %(who)s from %(old)s to %(new)s. Reason: %(reason)s") % {
            "who": self.env.user.name, "old": old_host.name, "new": new_host.name,
            "reason": reason or _("none given")},
            partner_ids=(old_host | new_host).mapped("partner_id").ids)

    # ------------------------------------------------------------------
    # Zoom
    # ------------------------------------------------------------------

    def _zoom_own_meetings(self):
        """These bookings' meetings, as superuser, but only those whose
        booking (event_id) is one of them: nothing done to a booking ever
        shows, moves or deletes a meeting made for another one."""
        return _real_ids(self).mapped("zoom_meeting_id").sudo().filtered(
            lambda meeting: meeting.event_id in self)

    def _zoom_sync(self, new_bookings=False):
        """Records what Zoom must hold for each booking: its meeting to
        create, update, move to the new host, or delete. Only the database
        changes here; the Zoom calls run after commit (zoom.meeting's
        _zoom_push_after_commit), so a Zoom failure never undoes the booking
        and a booking rolled back never reached Zoom. ``new_bookings``: these
        bookings were created in this transaction (create())."""
        to_push = self.env["zoom.meeting"].sudo()
        for event in _real_ids(self):
            meeting = event._zoom_own_meetings()
            if not event.zoom_needs_meeting:
                if meeting:
                    to_push |= meeting._zoom_plan_delete()
                    event._zoom_write({
                        "zoom_meeting_id": False,
                        "location": event.group_calendar_id and event.user_id._location_text(
                            event.booking_location),
                    })
                continue
            if meeting and (meeting.host_user_id != event.user_id or meeting.status == "deleted"):
                # A meeting belongs to its host's Zoom account: a new host
                # gets a new meeting and the old one goes.
                to_push |= meeting._zoom_plan_delete()
                meeting = meeting.browse()
            if meeting:
                to_push |= meeting._zoom_plan_update()
                continue
            meeting = meeting._zoom_plan_create(event, new_booking=new_bookings)
            event._zoom_write({"zoom_meeting_id": meeting.id, "location": _("Zoom (link to follow)")})
            to_push |= meeting
        to_push.with_context(zoom_author_uid=self.env.uid)._zoom_push_after_commit()

    def _zoom_write(self, values):
        """Writes what this addon keeps on the booking about its meeting
        (zoom_meeting_id, and the location that shows its link), here and
        nowhere else: one UPDATE (owned_fields.write_columns). The ORM's
        write would add only tracking, which is not wanted (a chatter
        message per link costs ~35 queries and says nothing the invitations
        do not), calendar.event's own write (alarms, activities: ~5 queries
        of re-reads) and a sync of the meeting, which is what calls this."""
        write_columns(_real_ids(self), values)

    def _zoom_location(self, meeting):
        return _("Zoom: %s") % meeting.join_url

    def _zoom_link_ready(self, meeting):
        """Called once the meeting exists at Zoom. Invitations sent before it
        did (Zoom was down) are followed by one with the link."""
        self.ensure_one()
        self._zoom_write({"location": self._zoom_location(meeting)})
        if self.zoom_invitations_sent:
            meeting._zoom_sync_registrants()
            invited = self.attendee_ids.filtered(lambda att: att.zoom_invited and att.state != "declined")
            _notify(invited, LINK_UPDATE)
            self.message_post(body=_("The Zoom meeting is ready: %s") % meeting.join_url)

    def _zoom_link_gone(self, meeting):
        """Zoom says the meeting was deleted there (not by this addon)."""
        as_owner(self.with_context(zoom_skip_sync=True)).write({"location": False})
        self.message_post(
            body=_("The Zoom meeting of this booking was deleted in Zoom: the link no longer works."),
            partner_ids=self.user_id.partner_id.ids)

    def _zoom_report_failure(self, meeting, operation, error, permanent):
        what = {"create": _("created"), "update": _("updated")}.get(operation, operation)
        if permanent:
            body = _("The Zoom meeting could not be %(done)s: %(error)s") % {"done": what, "error": error.message}
        else:
            body = _("The Zoom meeting could not be %(done)s yet: %(error)s It will be retried automatically.") % {
                "done": what, "error": error.message}
        self.sudo().message_post(body=body, partner_ids=self.user_id.partner_id.ids)

    def _zoom_send_invitations(self, but=None):
        """The invitations held back by create(), with the Zoom link when it
        exists (each external attendee's own), to every attendee not invited
        yet (``but``: partners left for later). Each attendee's flag is
        written in the transaction that queues their mail: however often
        this runs, nobody is invited twice."""
        # Like Odoo's own invitations, none to the one who made the booking.
        author = self.env["res.users"].sudo().browse(self.env.context.get("zoom_author_uid") or self.env.uid)
        for event in self:
            # A search rather than attendee_ids: the mails of the previous
            # invitations (those that went while Zoom made personal links)
            # dropped the booking from the cache.
            waiting = self.env["calendar.attendee"].search([
                ("event_id", "=", event.id), ("zoom_invited", "=", False),
                ("partner_id", "not in", (but or self.env["res.partner"]).ids)])
            if not waiting:
                continue
            _notify(waiting.filtered(lambda att: att.email != author.email), INVITATION)
            # Flags of this addon's own (OWNED_FIELDS), which nothing tracks
            # or depends on: one statement for both rather than ORM writes
            # (6 queries each).
            self.env.cr.execute("""
                WITH invited AS (UPDATE calendar_attendee SET zoom_invited = true WHERE id IN %s)
                UPDATE calendar_event SET zoom_invitations_sent = true
                 WHERE id = %s AND zoom_invitations_sent IS NOT TRUE""", (tuple(waiting.ids), event.id))
            # What was written stays in the cache, as after the ORM's write:
            # invalidating it would read the booking and its attendees again
            # at the next invitations (those that waited for personal links).
            for attendee in waiting:
                attendee._cache["zoom_invited"] = True
            event._cache["zoom_invitations_sent"] = True

    def action_zoom_start(self):
        self.ensure_one()
        meeting = self._zoom_own_meetings()
        if not meeting:
            raise UserError(_("This booking has no Zoom meeting."))
        return meeting.sudo(self.env.user).action_start()

    def action_zoom_retry(self):
        self.ensure_one()
        meeting = self._zoom_own_meetings()
        if meeting:
            meeting.action_retry()
        else:
            self._zoom_sync()
        return True
