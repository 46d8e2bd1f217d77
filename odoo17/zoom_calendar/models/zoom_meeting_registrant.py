# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class ZoomMeetingRegistrant(models.Model):
    """An external attendee registered to a Zoom meeting: their own link."""

    _name = "zoom.meeting.registrant"
    _description = "Zoom Meeting Registrant"
    _rec_name = "email"

    meeting_id = fields.Many2one("zoom.meeting", required=True, ondelete="cascade", index=True)
    host_user_id = fields.Many2one(related="meeting_id.host_user_id", store=True, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Attendee", ondelete="set null")
    email = fields.Char(required=True)
    registrant_id = fields.Char(string="Zoom Registrant ID", required=True)
    join_url = fields.Char(string="Personal Join Link", required=True)
    state = fields.Selection([("active", "Active"), ("cancelled", "Cancelled")],
                             required=True, default="active")
