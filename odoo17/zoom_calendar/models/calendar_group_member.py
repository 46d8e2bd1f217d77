# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)


class CalendarGroupMember(models.Model):
    """calendar.group.member on Odoo 17.0: what this version does its own way (what both
    versions share is in zoom_calendar_common.models.calendar_group_member)."""

    _inherit = "calendar.group.member"

    def _compute_rotation(self):
        for group in self.group_id:
            lines = self.filtered(lambda line: line.group_id == group)
            active = group.member_line_ids.filtered("active")
            # What the database holds (in a form, the calendar and its
            # members are new records standing for their saved ones).
            saved, users = group._origin, active.user_id._origin
            stats = saved._booking_stats(users) if saved else {}
            start = fields.Datetime.now()
            blockers = saved._host_blockers(users, start, saved._slot_stop(start)) if saved else {}
            lines._set_rotation(stats, blockers, sum(active.mapped("weight")) or 1,
                                lambda line: line.user_id._origin.id)
