"""calendar.attendee's methods that both addons run as they are: the
attendance the host corrects and the one Zoom reports (each addon's
models/calendar_attendee.py keeps the fields, the CRUD overrides and the
join link's compute, which differ between the versions)."""
from odoo.exceptions import AccessError

from ..i18n import _
from ..mixin import Mixin
from .owned_fields import as_owner


class CalendarAttendeeCommon(Mixin):
    """calendar.attendee's methods both addons share (see the module's docstring)."""

    __slots__ = ()  # see ..mixin

    def action_zoom_mark_attended(self):
        self._zoom_correct_attendance("attended")
        return True

    def action_zoom_mark_no_show(self):
        self._zoom_correct_attendance("no_show")
        return True

    def _zoom_correct_attendance(self, attendance):
        """The host (or a Zoom administrator) corrects what Zoom said."""
        is_admin = self.env.user.has_group("zoom_calendar.group_zoom_admin")
        for attendee in self:
            if not is_admin and attendee.event_id.user_id != self.env.user:
                raise AccessError(_("Only the host, %(host)s, can correct the attendance of %(booking)s.") % {
                    "host": attendee.event_id.user_id.name, "booking": attendee.event_id.name})
        as_owner(self.sudo()).write({"zoom_attendance": attendance, "zoom_attendance_manual": True})
        self.mapped("event_id")._zoom_note_guests_no_show()

    def _zoom_attendance_from_stays(self, stays, attended=True):
        """Attended, with the first join and the minutes of ``stays``
        (zoom.meeting.participant), unless the host corrected it by hand."""
        for attendee in self.filtered(lambda attendee: not attendee.zoom_attendance_manual):
            mine = stays.filtered(lambda stay: stay.attendee_id == attendee)
            if not mine:
                continue
            as_owner(attendee.sudo()).write({
                "zoom_attendance": "attended",
                "zoom_joined_at": min(mine.mapped("join_time")),
                "zoom_minutes": mine._minutes(),
            })
        self.mapped("event_id")._zoom_note_guests_no_show()
