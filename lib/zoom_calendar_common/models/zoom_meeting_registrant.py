"""zoom.meeting.registrant, declared once for both addons: it reads the same
on Odoo 11.0 and 17.0, so neither addon extends it."""
from odoo import fields, models

from .. import ADDON


class ZoomMeetingRegistrant(models.Model):
    """An external attendee registered to a Zoom meeting: their own link."""

    _name = "zoom.meeting.registrant"
    _module = ADDON  # see the package's docstring
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
