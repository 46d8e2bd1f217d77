# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, fields, models

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from zoom_calendar_common.models.calendar_group_member import PRIORITIES, CalendarGroupMemberCommon


class CalendarGroupMember(CalendarGroupMemberCommon, models.Model):
    """A member of a group calendar, with their round-robin settings."""

    _name = "calendar.group.member"
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

    def _compute_rotation(self):
        for group in self.group_id:
            lines = self.filtered(lambda line: line.group_id == group)
            active = group.member_line_ids.filtered("active")
            # What the database holds (in a form, the calendar and its
            # members are new records standing for their saved ones).
            saved, users = group._origin, active.user_id._origin
            stats = saved._booking_stats(users) if saved else {}
            total = sum(count for count, _last in stats.values())
            total_weight = sum(active.mapped("weight")) or 1
            start = fields.Datetime.now()
            blockers = saved._host_blockers(users, start, saved._slot_stop(start)) if saved else {}
            for line in lines:
                user_id = line.user_id._origin.id
                count = stats.get(user_id, (0, None))[0]
                line.window_booking_count = count
                line.booking_share = 100.0 * count / total if total else 0.0
                line.weight_share = 100.0 * line.weight / total_weight if line.active else 0.0
                if not line.active:
                    line.host_blocker = _("Archived")
                else:
                    line.host_blocker = "; ".join(blockers.get(user_id, {}).values())
