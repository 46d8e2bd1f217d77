# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .calendar_group import MEETING_LOCATIONS

ZOOM_SELF_READABLE = ["zoom_account_ids", "zoom_state", "zoom_email", "meeting_location",
                      "meeting_location_custom"]
ZOOM_SELF_WRITEABLE = ["meeting_location", "meeting_location_custom"]


class ResUsers(models.Model):
    _inherit = "res.users"

    zoom_account_ids = fields.One2many("zoom.account", "user_id", string="Zoom Account", readonly=True)
    zoom_state = fields.Selection(
        [("not_connected", "Not connected"), ("connected", "Connected"),
         ("reconnect_needed", "Reconnect needed")],
        string="Zoom", compute="_compute_zoom_state")
    zoom_email = fields.Char(compute="_compute_zoom_state")
    meeting_location = fields.Selection(
        MEETING_LOCATIONS, default="zoom",
        help="Where you meet the people who book you: the location of the "
             "bookings you host on group calendars that are not on Zoom.")
    meeting_location_custom = fields.Char(string="Custom Location")

    def __init__(self, pool, cr):
        """Users may read and change their own Zoom settings in Preferences."""
        init_res = super(ResUsers, self).__init__(pool, cr)
        type(self).SELF_READABLE_FIELDS = list(self.SELF_READABLE_FIELDS) + ZOOM_SELF_READABLE
        type(self).SELF_WRITEABLE_FIELDS = list(self.SELF_WRITEABLE_FIELDS) + ZOOM_SELF_WRITEABLE
        return init_res

    @api.depends("zoom_account_ids.state", "zoom_account_ids.zoom_email")
    def _compute_zoom_state(self):
        for user in self:
            account = user.sudo().zoom_account_ids[:1]
            user.zoom_state = account.state or "not_connected"
            user.zoom_email = account.zoom_email

    def _zoom_can_host(self):
        # At most one binding per user (unique); no [:1], whose slice would
        # lose the prefetch: one query per user when called in a loop.
        account = self.sudo().zoom_account_ids
        return account.state == "connected"

    def _zoom_hosts(self):
        """{user id: capped} for those of these users who can host
        (_zoom_can_host), capped when their binding is at Zoom's daily cap
        (zoom.account._is_capped). One plain query: a round-robin pick asks
        this of every member, and the ORM would first read each user and
        each binding in full (~40 ms for 200 members)."""
        if not self:
            return {}
        self.env.cr.execute("SELECT user_id, daily_cap_until FROM zoom_account "
                            "WHERE user_id IN %s AND state = 'connected'", (tuple(self.ids),))
        now = fields.Datetime.now()
        return {user_id: bool(until and until > now) for user_id, until in self.env.cr.fetchall()}

    def _check_is_current_user(self):
        if self != self.env.user:
            raise UserError(_("Only %s can connect their own Zoom account.") % self.name)

    def action_zoom_connect(self):
        self.ensure_one()
        self._check_is_current_user()
        return {"type": "ir.actions.act_url", "url": "/zoom/oauth/start", "target": "self"}

    def action_zoom_disconnect(self):
        self.ensure_one()
        return self.zoom_account_ids.action_disconnect()

    def _location_text(self, kind):
        """The location of a non-Zoom booking this user hosts."""
        if kind == "phone":
            return _("Phone call: %s") % (self.partner_id.phone or self.partner_id.mobile or self.name)
        if kind == "in_person":
            return _("In person with %s") % self.name
        if kind == "custom":
            return self.meeting_location_custom or _("To be agreed with %s") % self.name
        return False
