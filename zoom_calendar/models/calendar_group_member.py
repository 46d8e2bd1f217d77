# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)


class CalendarGroupMember(models.Model):
    """calendar.group.member on Odoo 11.0: what this version does its own way (what both
    versions share is in zoom_calendar_common.models.calendar_group_member)."""

    _inherit = "calendar.group.member"

    def _compute_rotation(self):
        for group in self.mapped("group_id"):
            lines = self.filtered(lambda line: line.group_id == group)
            active = group.member_line_ids.filtered("active")
            stats = group._booking_stats(active.mapped("user_id"))
            start = fields.Datetime.from_string(fields.Datetime.now())
            blockers = group._host_blockers(
                active.mapped("user_id"), fields.Datetime.to_string(start),
                fields.Datetime.to_string(group._slot_stop(start)))
            lines._set_rotation(stats, blockers, sum(active.mapped("weight")) or 1, lambda line: line.user_id.id)
