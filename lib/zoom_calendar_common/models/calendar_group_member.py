"""The methods of calendar.group.member (models/calendar_group_member.py)
that read the same on Odoo 11.0 and 17.0. The rotation the calendar's form
shows (_compute_rotation) stays in each addon: 17.0 reads a form's new
records through their saved ones (_origin)."""
from ..mixin import Mixin

PRIORITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High")]


class CalendarGroupMemberCommon(Mixin):
    """calendar.group.member's methods both addons run: a mixin each addon's
    CalendarGroupMember inherits before models.Model."""

    __slots__ = ()  # see ..mixin

    def action_reassign_all(self):
        """Opens the wizard that moves this member's upcoming bookings."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "zoom.reassign.all",
            "view_mode": "form",
            "target": "new",
            "context": {"default_group_id": self.group_id.id, "default_user_id": self.user_id.id},
        }
