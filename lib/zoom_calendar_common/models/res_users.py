"""res.users as both addons extend it: the Zoom fields, connecting one's
Zoom account, and the location of a booking not on Zoom (each addon's
models/res_users.py keeps what users may read and write of themselves and
the Zoom state's compute, which differ between the versions)."""
from odoo import fields, models
from odoo.exceptions import UserError

from .. import ADDON
from ..i18n import _
from .calendar_group import MEETING_LOCATIONS
from .zoom_account import ZOOM_USER_TYPES


class ResUsersCommon(models.Model):
    """res.users' part both addons share (see the module's docstring)."""

    _inherit = "res.users"
    _module = ADDON  # see the package's docstring

    zoom_account_ids = fields.One2many("zoom.account", "user_id", string="Zoom Account", readonly=True)
    zoom_state = fields.Selection(
        [("not_connected", "Not connected"), ("connected", "Connected"),
         ("reconnect_needed", "Reconnect needed")],
        string="Zoom", compute="_compute_zoom_state")
    zoom_user_type = fields.Selection(ZOOM_USER_TYPES, string="Zoom Account Type",
                                      compute="_compute_zoom_state")
    meeting_location = fields.Selection(
        MEETING_LOCATIONS, default="zoom",
        help="Where you meet the people who book you on group calendars set to "
             "each host's own location: on Zoom, each booking gets a Zoom meeting "
             "of your connected Zoom account. Changing it changes your next "
             "bookings, not those already made.")
    meeting_location_custom = fields.Char(string="Custom Location")

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
