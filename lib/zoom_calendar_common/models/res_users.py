"""res.users's methods that both addons run as they are: connecting one's
Zoom account, and the location of a booking not on Zoom (each addon's
models/res_users.py keeps the fields, what users may read and write of
themselves and the Zoom state's compute, which differ between the
versions)."""
from odoo.exceptions import UserError

from ..i18n import _
from ..mixin import Mixin


class ResUsersCommon(Mixin):
    """res.users' methods both addons share (see the module's docstring)."""

    __slots__ = ()  # see ..mixin

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
