"""zoom.reassign.all, declared once for both addons, and its work."""
from odoo import fields, models
from odoo.exceptions import UserError

from .. import ADDON
from ..i18n import _


class ZoomReassignAllCommon(models.TransientModel):
    """Moves a member's upcoming bookings on a calendar to other members
    (someone who leaves, or goes on leave)."""

    _name = "zoom.reassign.all"
    _module = ADDON  # see the package's docstring
    _description = "Reassign a Member's Bookings"

    group_id = fields.Many2one("calendar.group", string="Group Calendar", required=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Member", required=True, ondelete="cascade")
    reason = fields.Char(required=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft", required=True)
    summary = fields.Text(readonly=True)

    def _upcoming_bookings(self):
        return self.env["calendar.event"].search([
            ("group_calendar_id", "=", self.group_id.id), ("user_id", "=", self.user_id.id),
            ("stop", ">", fields.Datetime.now())], order="start")

    def action_confirm(self):
        self.ensure_one()
        moved, failed = self.env["calendar.event"], []
        for event in self._upcoming_bookings():
            try:
                # One booking that cannot move must not undo the others.
                with self.env.cr.savepoint():
                    event._zoom_reassign(reason=self.reason, exclude_users=self.user_id)
                moved |= event
            except UserError as error:
                failed.append((event, error.args[0]))
        lines = [_("%(count)d booking(s) of %(member)s moved.") % {
            "count": len(moved), "member": self.user_id.name}]
        lines += ["- %s -> %s" % (self._label(event), event.user_id.name) for event in moved]
        if failed:
            lines.append(_("%(count)d booking(s) could not be moved:") % {"count": len(failed)})
            lines += ["- %s: %s" % (self._label(event), why) for event, why in failed]
        self.write({"state": "done", "summary": "\n".join(lines)})
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "new",
        }
