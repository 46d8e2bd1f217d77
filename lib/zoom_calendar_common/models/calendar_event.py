"""calendar.event as both addons extend it: the booking's fields and the
methods that read the same (each addon's models/calendar_event.py keeps the
CRUD overrides and the Zoom sync, which differ between the versions).

Each addon implements ``_zoom_real_events()``: the events this addon deals
with (11.0 leaves out the virtual occurrences of repeating events).
"""
from psycopg2 import sql

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from zoom_scheduling import visitor_text

from .. import ADDON
from ..i18n import _

from .calendar_group import MAX_DURATION_HOURS, MEETING_LOCATIONS
from .owned_fields import as_owner

INVITATION = "calendar.calendar_template_meeting_invitation"
LINK_UPDATE = "zoom_calendar.calendar_template_zoom_link"


class CalendarEventCommon(models.Model):
    """calendar.event's part both addons share (see the module's docstring)."""

    _inherit = "calendar.event"
    _module = ADDON  # see the package's docstring

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

    # {name: definition} of the indexes the addon adds to calendar_event:
    # each addon's, for what its version searches.
    _zoom_event_indexes = {}

    def _auto_init(self):
        res = super()._auto_init()
        for name, definition in self._zoom_event_indexes.items():
            # The definitions are the addon's constants, not input.
            self.env.cr.execute(sql.SQL("CREATE INDEX IF NOT EXISTS {} ON calendar_event {}").format(
                sql.Identifier(name), sql.SQL(definition)))
        return res

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

    @api.depends("group_calendar_id", "booking_location", "active", "allday")
    def _compute_zoom_needs_meeting(self):
        for event in self:
            event.zoom_needs_meeting = bool(
                event.group_calendar_id and event.booking_location == "zoom" and event.active
                and not event.allday)

    @api.constrains("group_calendar_id", "booking_location", "recurrency", "allday", "duration", "start",
                    "stop")
    def _check_group_booking(self):
        for event in self._zoom_real_events().filtered("group_calendar_id"):
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
        for event in self._zoom_real_events().filtered("group_calendar_id"):
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

    def _zoom_note_guests_no_show(self):
        """zoom_guests_no_show: every external attendee (not an employee,
        not declined) was a no-show."""
        for event in self._zoom_real_events():
            guests = event.attendee_ids.filtered(lambda attendee: attendee.state != "declined" and not any(
                not user.share for user in attendee.partner_id.sudo().user_ids))
            no_show = bool(guests) and all(attendee.zoom_attendance == "no_show" for attendee in guests)
            if event.zoom_guests_no_show != no_show:
                as_owner(event.sudo().with_context(zoom_skip_sync=True, mail_notrack=True)).write(
                    {"zoom_guests_no_show": no_show})

    # ------------------------------------------------------------------
    # Reassignment
    # ------------------------------------------------------------------

    def _zoom_reassign(self, new_host=None, reason=None, exclude_users=None):
        self.ensure_one()
        if not self._zoom_real_events() or not self.group_calendar_id:
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

    def _compute_zoom_start_url(self):
        """From the meeting's own host (zoom.meeting._start_url_for), never
        from the booking's responsible user. Each addon's override says what
        it depends on."""
        for event in self:
            meeting = event._zoom_own_meetings()
            event.zoom_is_host = bool(meeting) and meeting.host_user_id == self.env.user
            event.zoom_start_url = meeting._start_url_for(self.env.user) if meeting else False

    def _zoom_after_write(self, bookings, hosts_before, rescheduled, host_chosen):
        """What follows a write of these events: those that became bookings
        (not among ``bookings``, the bookings before it) get their host;
        the bookings ``rescheduled`` or given a new host (``host_chosen``)
        are checked against the calendar's rules (``hosts_before``: {event
        id: host before the write}); and Zoom follows."""
        newly_grouped = self._zoom_real_events().filtered("group_calendar_id") - bookings
        for event in newly_grouped:
            event.group_calendar_id._assign_booking(event.with_context(no_mail_to_attendees=True))
        if rescheduled or host_chosen:
            for event in bookings.filtered(lambda event: event.active and event.group_calendar_id):
                event._check_booking_still_possible(hosts_before[event.id], host_chosen=host_chosen)
        (bookings | newly_grouped)._zoom_sync()
        newly_grouped.filtered(lambda event: not event.zoom_meeting_id)._zoom_send_invitations()

    def _zoom_sync(self, new_bookings=False):
        """Records what Zoom must hold for each booking: its meeting to
        create, update, move to the new host, or delete. Only the database
        changes here; the Zoom calls run after commit (zoom.meeting's
        _zoom_push_after_commit), so a Zoom failure never undoes the booking
        and a booking rolled back never reached Zoom. ``new_bookings``: these
        bookings were created in this transaction (create())."""
        to_push = self.env["zoom.meeting"].sudo()
        for event in self._zoom_real_events():
            meeting = event._zoom_own_meetings()
            if not event.zoom_needs_meeting:
                if meeting:
                    to_push |= meeting._zoom_plan_delete()
                    event._zoom_write(dict(
                        event._zoom_without_link(), zoom_meeting_id=False,
                        location=event.group_calendar_id and event.user_id._location_text(event.booking_location)))
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
            # The link follows once Zoom made the meeting (_zoom_link_ready).
            event._zoom_write(dict(event._zoom_link_to_follow(), zoom_meeting_id=meeting.id))
            to_push |= meeting
        to_push.with_context(zoom_author_uid=self.env.uid)._zoom_push_after_commit()

    def _zoom_link_ready(self, meeting):
        """Called once the meeting exists at Zoom: its join link goes on the
        booking (_zoom_write_link). Invitations sent before it did (Zoom was
        down) are followed by one with the link."""
        self.ensure_one()
        self._zoom_write_link(meeting.join_url)
        if self.zoom_invitations_sent:
            meeting._zoom_sync_registrants()
            invited = self.attendee_ids.filtered(lambda att: att.zoom_invited and att.state != "declined")
            self._zoom_notify(invited, LINK_UPDATE)
            self.message_post(body=_("The Zoom meeting is ready: %s") % meeting.join_url)

    def _zoom_link_gone(self, meeting):
        """Zoom says the meeting was deleted there (not by this addon)."""
        self._zoom_write_link(False)
        self.message_post(
            body=_("The Zoom meeting of this booking was deleted in Zoom: the link no longer works."),
            partner_ids=self.user_id.partner_id.ids)

    def _zoom_send_invitations(self, but=None):
        """The invitations held back by create(), with the Zoom link when it
        exists (each external attendee's own), to every attendee not invited
        yet (``but``: partners left for later). Each attendee's flag is
        written in the transaction that queues their mail: however often
        this runs, nobody is invited twice."""
        # Like Odoo's own invitations, none to the one who made the booking.
        author = self.env["res.users"].sudo().browse(self.env.context.get("zoom_author_uid") or self.env.uid)
        for event in self:
            waiting = event._zoom_uninvited(but or self.env["res.partner"])
            if not waiting:
                continue
            event._zoom_notify(waiting, INVITATION, author)
            # Flags of this addon's own (OWNED_FIELDS), which nothing tracks
            # or depends on: one statement for both rather than ORM writes
            # (6 queries each on 11.0).
            self.env.cr.execute("""
                WITH invited AS (UPDATE calendar_attendee SET zoom_invited = true WHERE id IN %s)
                UPDATE calendar_event SET zoom_invitations_sent = true
                 WHERE id = %s AND zoom_invitations_sent IS NOT TRUE""", (tuple(waiting.ids), event.id))
            # What was written stays in the cache, as after the ORM's write:
            # invalidating it would read the booking and its attendees again
            # at the next invitations (those that waited for personal links).
            event._zoom_cache_invited(waiting)

    def _zoom_own_meetings(self):
        """These bookings' meetings, as superuser, but only those whose
        booking (event_id) is one of them: nothing done to a booking ever
        shows, moves or deletes a meeting made for another one."""
        return self._zoom_real_events().mapped("zoom_meeting_id").sudo().filtered(
            lambda meeting: meeting.event_id in self)

    def _zoom_report_failure(self, meeting, operation, error, permanent):
        what = {"create": _("created"), "update": _("updated")}.get(operation, operation)
        if permanent:
            body = _("The Zoom meeting could not be %(done)s: %(error)s") % {"done": what, "error": error.message}
        else:
            body = _("The Zoom meeting could not be %(done)s yet: %(error)s It will be retried automatically.") % {
                "done": what, "error": error.message}
        self.sudo().message_post(body=body, partner_ids=self.user_id.partner_id.ids)

    def action_zoom_retry(self):
        self.ensure_one()
        meeting = self._zoom_own_meetings()
        if meeting:
            meeting.action_retry()
        else:
            self._zoom_sync()
        return True
