"""zoom.reassign.all's work, as both addons do it; the wizard's fields stay
in each addon."""
from odoo import fields
from odoo.exceptions import UserError

from ..i18n import _
from ..mixin import Mixin


class ZoomReassignAllCommon(Mixin):
    """Moves a member's upcoming bookings on a calendar to other members, by
    the calendar's rules, and says which could not be moved and why."""

    __slots__ = ()  # see ..mixin

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
