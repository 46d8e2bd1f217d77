"""zoom.meeting.participant, declared once for both addons; each addon's
model counts the minutes present, from datetimes its ORM holds its own way."""
from odoo import fields, models

from .. import ADDON


class ZoomMeetingParticipantCommon(models.Model):
    """One stay of one person in a Zoom meeting, from Zoom's
    meeting.participant_joined to meeting.participant_left: a person who
    drops and rejoins has several."""

    _name = "zoom.meeting.participant"
    _module = ADDON  # see the package's docstring
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
