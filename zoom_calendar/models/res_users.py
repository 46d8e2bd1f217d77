# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


ZOOM_SELF_READABLE = ["zoom_account_ids", "zoom_state", "zoom_email", "zoom_user_type", "meeting_location",
                      "meeting_location_custom"]
ZOOM_SELF_WRITEABLE = ["meeting_location", "meeting_location_custom"]


class ResUsers(models.Model):
    _inherit = "res.users"

    zoom_email = fields.Char(compute="_compute_zoom_state")

    def __init__(self, pool, cr):
        """Users may read and change their own Zoom settings in Preferences."""
        init_res = super(ResUsers, self).__init__(pool, cr)
        type(self).SELF_READABLE_FIELDS = list(self.SELF_READABLE_FIELDS) + ZOOM_SELF_READABLE
        type(self).SELF_WRITEABLE_FIELDS = list(self.SELF_WRITEABLE_FIELDS) + ZOOM_SELF_WRITEABLE
        return init_res

    @api.depends("zoom_account_ids.state", "zoom_account_ids.zoom_email", "zoom_account_ids.zoom_user_type")
    def _compute_zoom_state(self):
        # Which Zoom account someone uses is theirs and the Zoom
        # administrators' to know (reading one's own user is done as
        # superuser: SELF_READABLE_FIELDS).
        sees_emails = self.env.user.has_group("zoom_calendar.group_zoom_admin")
        for user in self:
            account = user.sudo().zoom_account_ids[:1]
            user.zoom_state = account.state or "not_connected"
            user.zoom_email = account.zoom_email if sees_emails or user == self.env.user else False
            user.zoom_user_type = account.zoom_user_type
