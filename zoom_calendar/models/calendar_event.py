# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, models
from odoo.exceptions import UserError

from zoom_calendar_common.models.calendar_group import BookingSlot
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


def _notify(attendees, template_xmlid):
    """Sends Odoo's calendar mail to ``attendees``. As superuser: each mail
    holds its attendee's personal Zoom link, which only the host, the
    attendee and Zoom admins may read; and without the context key that held
    the invitations back while the Zoom meeting was being made."""
    attendees.sudo().with_context(no_mail_to_attendees=False)._send_mail_to_attendees(template_xmlid)


class CalendarEvent(models.Model):
    _inherit = "calendar.event"
    _zoom_event_indexes = EVENT_INDEXES

    @api.depends("zoom_meeting_id")
    def _compute_zoom_start_url(self):
        """From the meeting's own host (zoom.meeting._start_url_for), never
        from the booking's responsible user."""
        for event in self:
            meeting = event._zoom_own_meetings()
            event.zoom_is_host = bool(meeting) and meeting.host_user_id == self.env.user
            event.zoom_start_url = meeting._start_url_for(self.env.user) if meeting else False

    def _zoom_real_events(self):
        """Group bookings never repeat; virtual ids ('12-20300101...') belong to
        plain repeating events, which this addon leaves alone."""
        return self.filtered(lambda event: isinstance(event.id, int))

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
        bookings = self._zoom_real_events().filtered("group_calendar_id")
        hosts_before = {event.id: event.user_id for event in bookings}
        res = super(CalendarEvent, self).write(vals)
        newly_grouped = self._zoom_real_events().filtered("group_calendar_id") - bookings
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
        zoom_events = self._zoom_real_events().filtered(
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

    def _zoom_recount_attendance(self):
        """The attendance counts of these bookings' meetings, after their
        attendees' attendance changed or an attendee went (see
        zoom.meeting._compute_attendance)."""
        meetings = self.env["zoom.meeting"].sudo().search([("event_id", "in", self._zoom_real_events().ids)])
        if meetings:
            for name in ("attended_count", "no_show_count", "host_attended"):
                self.env.add_todo(meetings._fields[name], meetings)
            meetings.recompute()

    # ------------------------------------------------------------------
    # Reassignment
    # ------------------------------------------------------------------

    # ------------------------------------------------------------------
    # Zoom
    # ------------------------------------------------------------------

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
        write_columns(self._zoom_real_events(), values)

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
