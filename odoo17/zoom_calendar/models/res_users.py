# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


ZOOM_SELF_READABLE = ["zoom_account_ids", "zoom_state", "zoom_email", "zoom_user_type", "meeting_location",
                      "meeting_location_custom"]
ZOOM_SELF_WRITEABLE = ["meeting_location", "meeting_location_custom"]


class ResUsers(models.Model):
    _inherit = "res.users"

    zoom_email = fields.Char(compute="_compute_zoom_email")

    @property
    def SELF_READABLE_FIELDS(self):
        """Users may read and change their own Zoom settings in Preferences."""
        return super().SELF_READABLE_FIELDS + ZOOM_SELF_READABLE

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ZOOM_SELF_WRITEABLE

    @api.depends("zoom_account_ids.state", "zoom_account_ids.zoom_user_type")
    def _compute_zoom_state(self):
        """The same for every reader (a member line's related field reads it
        as superuser)."""
        for user in self:
            account = user.sudo().zoom_account_ids[:1]
            user.zoom_state = account.state or "not_connected"
            user.zoom_user_type = account.zoom_user_type

    @api.depends("zoom_account_ids.zoom_email")
    @api.depends_context("uid")
    def _compute_zoom_email(self):
        # Which Zoom account someone uses is theirs and the Zoom
        # administrators' to know (reading one's own user is done as
        # superuser: SELF_READABLE_FIELDS).
        sees_emails = self.env.user.has_group("zoom_calendar.group_zoom_admin")
        for user in self:
            account = user.sudo().zoom_account_ids[:1]
            user.zoom_email = account.zoom_email if sees_emails or user == self.env.user else False
