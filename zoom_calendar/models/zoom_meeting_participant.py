# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from zoom_scheduling import attendance

from odoo import fields, models


class ZoomMeetingParticipant(models.Model):
    """One stay of one person in a Zoom meeting, from Zoom's
    meeting.participant_joined to meeting.participant_left: a person who
    drops and rejoins has several."""

    _name = "zoom.meeting.participant"
    _description = "Zoom Meeting Participant"
    _order = "join_time, id"
    _rec_name = "name"

    meeting_id = fields.Many2one("zoom.meeting", required=True, ondelete="cascade", index=True, readonly=True)
    host_user_id = fields.Many2one(related="meeting_id.host_user_id", store=True, readonly=True)
    attendee_id = fields.Many2one("calendar.attendee", string="Attendee", ondelete="set null",
                                  index=True, readonly=True)
    zoom_participant_id = fields.Char(string="In-meeting ID", required=True, readonly=True)
    name = fields.Char(readonly=True)
    email = fields.Char(readonly=True)
    registrant_id = fields.Char(string="Zoom Registrant ID", readonly=True)
    join_time = fields.Datetime(required=True, readonly=True)
    leave_time = fields.Datetime(readonly=True)

    def _minutes(self, until=None):
        """Minutes present over these stays (an open one counts up to
        ``until``, a naive UTC datetime, when given)."""
        as_datetime = fields.Datetime.from_string
        return attendance.minutes_present(
            [(as_datetime(stay.join_time), as_datetime(stay.leave_time)) for stay in self], until)
