"""zoom.reassign, declared once for both addons: it reads the same on Odoo
11.0 and 17.0, so neither addon extends it."""
from odoo import api, fields, models

from .. import ADDON


class ZoomReassign(models.TransientModel):
    """Reassign one booking: to a chosen member, or by the calendar's rules."""

    _name = "zoom.reassign"
    _module = ADDON  # see the package's docstring
    _description = "Reassign a Booking"

    event_id = fields.Many2one("calendar.event", string="Booking", required=True, ondelete="cascade")
    group_id = fields.Many2one(related="event_id.group_calendar_id", readonly=True)
    current_user_id = fields.Many2one(related="event_id.user_id", string="Current Host", readonly=True)
    member_ids = fields.Many2many(related="event_id.group_calendar_id.member_ids", readonly=True)
    user_id = fields.Many2one(
        "res.users", string="New Host",
        help="Leave empty to give the booking to the next member by the calendar's rules.")
    reason = fields.Char(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "calendar.event" and "event_id" in fields_list:
            values.setdefault("event_id", self.env.context.get("active_id"))
        return values

    def action_confirm(self):
        self.ensure_one()
        self.event_id.action_zoom_reassign(user_id=self.user_id.id or None, reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
