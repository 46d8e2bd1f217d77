# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class ZoomReassignAll(models.TransientModel):
    """zoom.reassign.all on Odoo 17.0: what this version does its own way (what both
    versions share is in zoom_calendar_common.wizards.zoom_reassign_all)."""

    _inherit = "zoom.reassign.all"

    def _label(self, event):
        start = fields.Datetime.context_timestamp(self, event.start)
        return "%s (%s)" % (event.name, start.strftime("%Y-%m-%d %H:%M"))
