"""calendar.attendee as both addons extend it: the Zoom fields, the
attendance the host corrects and the one Zoom reports (each addon's
models/calendar_attendee.py keeps the CRUD overrides and the join link's
compute, which differ between the versions)."""
from odoo import fields, models
from odoo.exceptions import AccessError

from .. import ADDON
from ..i18n import _
from .owned_fields import as_owner

ATTENDANCE = [("attended", "Attended"), ("no_show", "No-show")]


class CalendarAttendeeCommon(models.Model):
    """calendar.attendee's part both addons share (see the module's docstring)."""

    _inherit = "calendar.attendee"
    _module = ADDON  # see the package's docstring

    # Odoo leaves both unindexed: every read of an event's attendees, and
    # every availability check of a group calendar, would scan them all.
    event_id = fields.Many2one(index=True)
    partner_id = fields.Many2one(index=True)
    zoom_invited = fields.Boolean(
        readonly=True, copy=False,
        help="The invitation to this booking was queued (with the Zoom link when it existed).")
    zoom_attendance = fields.Selection(
        ATTENDANCE, readonly=True, copy=False,
        help="From Zoom: attended, or a no-show once the meeting ended; empty while unknown.")
    zoom_joined_at = fields.Datetime(string="Joined at", readonly=True, copy=False)
    zoom_minutes = fields.Integer(string="Minutes Present", readonly=True, copy=False)
    zoom_attendance_manual = fields.Boolean(
        string="Corrected by Hand", readonly=True, copy=False,
        help="The host set the attendance: Zoom's notifications leave it as it is.")
    zoom_join_url = fields.Char(
        string="Zoom Join Link", compute="_compute_zoom_join_url",
        help="This attendee's link: their own registrant link if they are an "
             "external guest, else the meeting's link.")

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
