"""calendar.group.member, declared once for both addons: its fields and
the methods that read the same on Odoo 11.0 and 17.0. The rotation the calendar's form
shows (_compute_rotation) stays in each addon: 17.0 reads a form's new
records through their saved ones (_origin)."""
from odoo import fields, models

from .. import ADDON
from ..i18n import _


PRIORITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High")]


class CalendarGroupMemberCommon(models.Model):
    """A member of a group calendar, with their round-robin settings."""

    _name = "calendar.group.member"
    _module = ADDON  # see the package's docstring
    _description = "Group Calendar Member"
    _order = "group_id, id"
    _rec_name = "user_id"

    group_id = fields.Many2one("calendar.group", string="Group Calendar", required=True,
                               index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Member", required=True, index=True,
                              ondelete="cascade", domain=[("share", "=", False)])
    active = fields.Boolean(default=True,
                            help="An archived member keeps their settings but hosts and attends nothing.")
    priority = fields.Selection(
        PRIORITIES, required=True, default="medium",
        help="Round robin: in 'availability' mode the free member of highest priority "
             "hosts; in 'equal' mode priority only breaks ties of fairness.")
    weight = fields.Integer(
        required=True, default=100,
        help="Share of the bookings: a member of weight 200 gets twice the bookings "
             "of one of weight 100 over time.")
    max_per_day = fields.Integer(
        string="Max Bookings per Day", default=0,
        help="At most this many bookings a day on this calendar (0: no cap).")
    zoom_state = fields.Selection(related="user_id.zoom_state", readonly=True)
    meeting_location = fields.Selection(related="user_id.meeting_location", readonly=True)
    # What the calendar's form shows of the rotation (computed at read time).
    window_booking_count = fields.Integer(
        string="Bookings in Window", compute="_compute_rotation",
        help="This member's bookings counted for fairness in the calendar's window.")
    booking_share = fields.Float(
        string="Share (%)", compute="_compute_rotation", digits=(16, 1),
        help="This member's part of the bookings counted in the window.")
    weight_share = fields.Float(
        string="Target (%)", compute="_compute_rotation", digits=(16, 1),
        help="The part of the bookings this member's weight entitles them to.")
    host_blocker = fields.Char(
        string="Cannot Host Now Because", compute="_compute_rotation",
        help="Why this member could not host a booking starting now.")
    _sql_constraints = [
        ("group_user_unique", "unique(group_id, user_id)",
         "A user is a member of a group calendar once."),
        ("weight_positive", "CHECK(weight >= 1)", "A member's weight is at least 1."),
        ("max_per_day_positive", "CHECK(max_per_day >= 0)",
         "The maximum of bookings per day cannot be negative (0: no cap)."),
    ]

    def _set_rotation(self, stats, blockers, total_weight, user_id_of):
        """Sets the rotation the calendar's form shows on these lines (of one
        calendar): ``stats`` (_booking_stats) and ``blockers``
        (_host_blockers) are keyed by user id, ``user_id_of(line)``;
        ``total_weight``: that of the calendar's active lines."""
        total = sum(count for count, _last in stats.values())
        for line in self:
            user_id = user_id_of(line)
            count = stats.get(user_id, (0, None))[0]
            line.window_booking_count = count
            line.booking_share = 100.0 * count / total if total else 0.0
            line.weight_share = 100.0 * line.weight / total_weight if line.active else 0.0
            if not line.active:
                line.host_blocker = _("Archived")
            else:
                line.host_blocker = "; ".join(blockers.get(user_id, {}).values())

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
