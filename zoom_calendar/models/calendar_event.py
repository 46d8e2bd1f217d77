# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, models
from odoo.exceptions import UserError

from zoom_calendar_common.models.calendar_group import BookingSlot
from .owned_fields import as_owner, check_owned_fields, is_owner, write_columns

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


class CalendarEvent(models.Model):
    _inherit = "calendar.event"
    _zoom_event_indexes = EVENT_INDEXES

    @api.depends("zoom_meeting_id")
    def _compute_zoom_start_url(self):
        return super(CalendarEvent, self)._compute_zoom_start_url()

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
        self._zoom_after_write(bookings, hosts_before, bool(TIME_FIELDS & set(vals)), "user_id" in vals)
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

    def _zoom_write(self, values):
        """Writes what this addon keeps on the booking about its meeting
        (zoom_meeting_id, and the location that shows its link), here and
        nowhere else: one UPDATE (owned_fields.write_columns). The ORM's
        write would add only tracking, which is not wanted (a chatter
        message per link costs ~35 queries and says nothing the invitations
        do not), calendar.event's own write (alarms, activities: ~5 queries
        of re-reads) and a sync of the meeting, which is what calls this."""
        write_columns(self._zoom_real_events(), values)

    # ------------------------------------------------------------------
    # What CalendarEventCommon's Zoom methods ask of Odoo 11.0
    # ------------------------------------------------------------------

    @staticmethod
    def _zoom_without_link():
        """The link fields of a booking without meeting: its location alone."""
        return {}

    @staticmethod
    def _zoom_link_to_follow():
        return {"location": _("Zoom (link to follow)")}

    def _zoom_write_link(self, url):
        """The booking's location shows its meeting's join link (one UPDATE,
        _zoom_write); once Zoom deleted the meeting, none."""
        if url:
            self._zoom_write({"location": _("Zoom: %s") % url})
        else:
            as_owner(self.with_context(zoom_skip_sync=True)).write({"location": False})

    def _zoom_uninvited(self, later):
        """This booking's attendees not invited yet, but those of ``later``
        (partners). A search rather than attendee_ids: the mails of the
        previous invitations (those that went while Zoom made personal
        links) dropped the booking from the cache."""
        return self.env["calendar.attendee"].search([
            ("event_id", "=", self.id), ("zoom_invited", "=", False), ("partner_id", "not in", later.ids)])

    def _zoom_cache_invited(self, attendees):
        for attendee in attendees:
            attendee._cache["zoom_invited"] = True
        self._cache["zoom_invitations_sent"] = True

    def _zoom_notify(self, attendees, template_xmlid, author=None):
        """Sends Odoo's calendar mail to ``attendees`` but ``author``. As
        superuser: each mail holds its attendee's personal Zoom link, which
        only the host, the attendee and Zoom admins may read; and without the
        context key that held the invitations back while the Zoom meeting
        was being made."""
        if author:
            attendees = attendees.filtered(lambda att: att.email != author.email)
        attendees.sudo().with_context(no_mail_to_attendees=False)._send_mail_to_attendees(template_xmlid)

    def action_zoom_start(self):
        self.ensure_one()
        meeting = self._zoom_own_meetings()
        if not meeting:
            raise UserError(_("This booking has no Zoom meeting."))
        return meeting.sudo(self.env.user).action_start()
