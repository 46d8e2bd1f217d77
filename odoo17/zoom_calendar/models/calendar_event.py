# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from zoom_calendar_common.models.calendar_group import BookingSlot
from .owned_fields import as_owner, check_owned_fields, is_owner, write_columns

CHANGE_DATE = "calendar.calendar_template_meeting_changedate"
# Changes of these fields can change what Zoom must know.
ZOOM_FIELDS = {
    "name", "description", "start", "stop", "start_date", "stop_date", "duration", "allday",
    "user_id", "partner_ids", "active", "group_calendar_id",
}
# Set by this addon only (owned_fields.py): an RPC caller setting a booking's
# meeting could read its host's start link and delete it at Zoom.
OWNED_FIELDS = {"zoom_meeting_id", "booking_date", "zoom_invitations_sent", "booking_location",
                "zoom_guests_no_show"}
TIME_FIELDS = {"start", "stop", "start_date", "stop_date", "duration", "allday"}
# Odoo's video call of an event: on a Zoom booking, the Zoom join link, which
# this addon alone sets (a Discuss call is not offered there).
VIDEOCALL_FIELDS = ("videocall_location", "access_token", "videocall_channel_id")


# Indexes for the group calendars' queries (calendar_group.py), which else
# read every event ever made: the events around a slot (BUSY_EVENTS_QUERY;
# 17.0's repeating events are real events, one per occurrence), and each
# member's bookings on a calendar (_booking_stats).
EVENT_INDEXES = {
    "calendar_event_zoom_busy_index":
        "USING gist (tsrange(start, greatest(start, stop), '[]')) "
        "WHERE active AND show_as = 'busy'",
    "calendar_event_zoom_booking_index":
        "(group_calendar_id, user_id, booking_date) WHERE active AND booking_date IS NOT NULL",
    # Fairness counted by meeting time (rr_count_by) and caps per day.
    "calendar_event_zoom_booking_start_index":
        "(group_calendar_id, user_id, start) WHERE active AND booking_date IS NOT NULL",
}
# What the 11.0 addon also made (a database upgraded from it): dropped on
# uninstall with the others.
LEGACY_EVENT_INDEXES = ("calendar_event_zoom_recurrent_index",)


def _partner_ids(commands):
    """The partner ids of ``commands`` as written to partner_ids on a
    create: ids, (6, 0, ids) and (4, id)."""
    ids = []
    if commands and not isinstance(commands[0], (list, tuple)):
        commands = [(6, 0, commands)]
    for command in commands or []:
        if command[0] == 6:
            ids = list(command[2])
        elif command[0] == 4:
            ids.append(command[1])
        elif command[0] in (3, 2):
            ids = [pid for pid in ids if pid != command[1]]
        elif command[0] == 5:
            ids = []
    return list(dict.fromkeys(ids))


class CalendarEvent(models.Model):
    _inherit = "calendar.event"
    _zoom_event_indexes = EVENT_INDEXES

    @api.depends("zoom_meeting_id.event_id", "zoom_meeting_id.host_user_id")
    @api.depends_context("uid")
    def _compute_zoom_start_url(self):
        return super()._compute_zoom_start_url()

    def _zoom_real_events(self):
        """All of them: 17.0's repeating events are real events, one per
        occurrence (11.0 leaves out its virtual ones)."""
        return self

    @api.depends("videocall_source", "access_token", "booking_location", "group_calendar_id")
    def _compute_videocall_location(self):
        """A booking meeting on Zoom has the Zoom link (set by this addon
        once the meeting exists), never a Discuss call."""
        zoom = self.filtered(lambda event: event.group_calendar_id and event.booking_location == "zoom")
        return super(CalendarEvent, self - zoom)._compute_videocall_location()

    def _set_discuss_videocall_location(self):
        if self.group_calendar_id and self.booking_location == "zoom":
            return
        return super()._set_discuss_videocall_location()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        default_group = self.env.context.get("default_group_calendar_id")
        if default_group:
            # A default (the calendar's "Bookings" button) books as much as
            # a value does: the booking rules must see it.
            vals_list = [vals if "group_calendar_id" in vals else dict(vals, group_calendar_id=default_group)
                         for vals in vals_list]
        for vals in vals_list:
            check_owned_fields(self, vals, OWNED_FIELDS)
        if not any(vals.get("group_calendar_id") for vals in vals_list):
            return super().create(vals_list)
        # Plain events are created together, as Odoo does; each booking on
        # its own, under its calendar's lock (_create_booking). In order.
        events = []
        plain = [vals for vals in vals_list if not vals.get("group_calendar_id")]
        plain_events = iter(super().create(plain) if plain else [])
        for vals in vals_list:
            if vals.get("group_calendar_id"):
                events.append(self._create_booking(vals).id)
            else:
                events.append(next(plain_events).id)
        return self.browse(events)

    def _create_booking(self, vals):
        """One booking on a group calendar: its host picked under the
        calendar's lock, its Zoom meeting recorded as pending (made at Zoom
        after commit), its invitations held until the link exists."""
        group = self.env["calendar.group"].browse(vals["group_calendar_id"])
        # The lock that serialises bookings into the calendar, held until
        # commit: the host is picked under it (_booking_values).
        if not group._lock_for_booking():
            raise UserError(_("This group calendar does not exist (any more)."))
        requested_host = self.env["res.users"].browse(vals["user_id"]) if vals.get("user_id") else None
        vals = dict(vals)
        if not is_owner(self):
            for name in VIDEOCALL_FIELDS:
                vals.pop(name, None)  # the Zoom link, or the host's own location
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
            partner_ids = _partner_ids(vals.get("partner_ids"))
            values = group._booking_values(slot, requested_host, self.env["res.partner"].browse(partner_ids))
            partner_ids += [partner_id for _op, partner_id in values["partner_ids"] if partner_id not in partner_ids]
            values["partner_ids"] = [(6, 0, partner_ids)]
            event = super(CalendarEvent, quiet).create([dict(vals, **values)])
        else:
            event = super(CalendarEvent, quiet).create([dict(vals, user_id=vals.get("user_id") or self.env.uid)])
            group.with_context(zoom_skip_sync=True)._assign_booking(event, requested_host)
        event = self.browse(event.id)
        # The meeting is recorded as pending here, and made at Zoom after
        # commit; the invitations follow it (_zoom_push).
        event._zoom_sync()
        if not event.zoom_meeting_id:
            event._zoom_send_invitations()
        return event

    def write(self, vals):
        check_owned_fields(self, vals, OWNED_FIELDS)
        owner = is_owner(self)
        if not owner and any(name in vals for name in VIDEOCALL_FIELDS):
            zoom = self.filtered(lambda event: event.group_calendar_id and event.booking_location == "zoom")
            if zoom:
                # Odoo's form sends the video call back on every save: a Zoom
                # booking keeps the addon's (its meeting's join link).
                others = self - zoom
                if others:
                    others.write(vals)
                vals = {key: value for key, value in vals.items() if key not in VIDEOCALL_FIELDS}
                self = zoom
                if not vals:
                    return True
        # zoom_skip_sync from an RPC caller would skip the booking rules.
        if (self.env.context.get("zoom_skip_sync") and owner) or not ZOOM_FIELDS & set(vals):
            return super().write(vals)
        bookings = self.filtered("group_calendar_id")
        hosts_before = {event.id: event.user_id for event in bookings}
        # New attendees of a booking with a Zoom meeting get their personal
        # link in their invitation: it waits for their registrant, made after
        # commit (_zoom_push sends it). Odoo's date-change mail still goes to
        # those who were invited.
        with_link = bookings.filtered(
            lambda event: event._zoom_own_meetings().status not in (False, "deleted")) \
            if "partner_ids" in vals and not self.env.context.get("no_mail_to_attendees") \
            else self.browse()
        if with_link:
            previous = {event.id: event.attendee_ids for event in with_link}
            others = self - with_link
            res = super(CalendarEvent, with_link.with_context(no_mail_to_attendees=True)).write(dict(vals))
            if others:
                res = super(CalendarEvent, others).write(dict(vals))
            self._zoom_date_changed_mail(with_link, previous, vals)
            changed = with_link.filtered(lambda event: event.attendee_ids - previous[event.id])
            changed._zoom_own_meetings()._zoom_plan_update().with_context(
                zoom_author_uid=self.env.uid)._zoom_push_after_commit()
        else:
            res = super().write(vals)
        self._zoom_after_write(bookings, hosts_before, bool(TIME_FIELDS & set(vals)), "user_id" in vals)
        return res

    def _zoom_date_changed_mail(self, events, previous, vals):
        """Odoo's date-change mail, which the write that also added attendees
        held back, to the attendees who were already invited."""
        if "start" not in vals or self.env.context.get("is_calendar_event_new"):
            return
        start = fields.Datetime.to_datetime(vals["start"])
        if not start or start < fields.Datetime.now():
            return
        for event in events.filtered("active"):
            (event.attendee_ids & previous[event.id]).with_context(
                calendar_template_ignore_recurrence=True)._send_mail_to_attendees(
                self.env.ref(CHANGE_DATE, raise_if_not_found=False))

    def unlink(self):
        # The meetings outlive their bookings: they are deleted at Zoom after
        # commit, and only if the deletion commits.
        meetings = self._zoom_own_meetings()._zoom_plan_delete()
        res = super().unlink()
        meetings._zoom_push_after_commit()
        return res

    # ------------------------------------------------------------------
    # Booking rules on change
    # ------------------------------------------------------------------

    def _zoom_recount_attendance(self):
        """The attendance counts of these bookings' meetings, after their
        attendees' attendance changed or an attendee went (see
        zoom.meeting._compute_attendance)."""
        meetings = self.env["zoom.meeting"].sudo().search([("event_id", "in", self.ids)]) if self else None
        if meetings:
            for name in ("attended_count", "no_show_count", "host_attended"):
                self.env.add_to_compute(meetings._fields[name], meetings)

    # ------------------------------------------------------------------
    # Reassignment
    # ------------------------------------------------------------------

    # ------------------------------------------------------------------
    # Zoom
    # ------------------------------------------------------------------

    def _zoom_write(self, values):
        """Writes the fields this addon keeps on the booking, without
        tracking (a chatter message per link costs ~35 queries and says
        nothing the invitations do not) nor syncing again. The owned fields
        (OWNED_FIELDS) and a Zoom booking's video call are written here and
        in _zoom_write_link, nowhere else."""
        as_owner(self.with_context(zoom_skip_sync=True, mail_notrack=True)).write(values)

    def _zoom_write_link(self, url):
        """The booking's video call once its meeting exists at Zoom (or is
        gone there), after the booking committed: one UPDATE
        (owned_fields.write_columns). The ORM's write would re-read the
        booking's attendees and activities (calendar.event.write) for a
        field that nothing tracks nor syncs to Google or Outlook. Its
        location was cleared when the meeting was planned (_zoom_sync)."""
        write_columns(self, {"videocall_location": url})

    # ------------------------------------------------------------------
    # What CalendarEventCommon's Zoom methods ask of Odoo 17.0
    # ------------------------------------------------------------------

    @staticmethod
    def _zoom_without_link():
        """The link fields of a booking without meeting: no video call."""
        return {"videocall_location": False}

    @staticmethod
    def _zoom_link_to_follow():
        return {"location": False, "videocall_location": False}

    def _zoom_uninvited(self, later):
        """This booking's attendees not invited yet, but those of ``later``
        (partners)."""
        return self.attendee_ids.filtered(lambda att: not att.zoom_invited and att.partner_id not in later)

    def _zoom_cache_invited(self, attendees):
        self.env.cache.update(attendees, attendees._fields["zoom_invited"], [True] * len(attendees))
        self.env.cache.update(self, self._fields["zoom_invitations_sent"], [True])

    def _zoom_notify(self, attendees, template_xmlid, author=None):
        """Sends Odoo's calendar mail to ``attendees`` (calendar.attendee's
        _send_mail_to_attendees). As superuser: each mail holds its attendee's
        personal Zoom link, which only the host, the attendee and Zoom admins may
        read; as ``author`` (Odoo notifies everyone but the current user:
        _should_notify_attendee); and without the context key that held the
        invitations back while the Zoom meeting was being made."""
        if not attendees:
            return
        template = attendees.env.ref(template_xmlid, raise_if_not_found=False)
        if author:
            attendees = attendees.with_user(author)
        attendees.sudo().with_context(no_mail_to_attendees=False)._send_mail_to_attendees(template)

    def action_zoom_start(self):
        self.ensure_one()
        meeting = self._zoom_own_meetings()
        if not meeting:
            raise UserError(_("This booking has no Zoom meeting."))
        return meeting.with_user(self.env.user).action_start()
