# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

from zoom_calendar_common.wizards.zoom_reassign_all import ZoomReassignAllCommon


class ZoomReassignAll(ZoomReassignAllCommon, models.TransientModel):
    """Moves a member's upcoming bookings on a calendar to other members
    (someone who leaves, or goes on leave): see ZoomReassignAllCommon."""

    _name = "zoom.reassign.all"
    _description = "Reassign a Member's Bookings"

    group_id = fields.Many2one("calendar.group", string="Group Calendar", required=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Member", required=True, ondelete="cascade")
    reason = fields.Char(required=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft", required=True)
    summary = fields.Text(readonly=True)

    def _label(self, event):
        start = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(event.start))
        return "%s (%s)" % (event.name, start.strftime("%Y-%m-%d %H:%M"))
