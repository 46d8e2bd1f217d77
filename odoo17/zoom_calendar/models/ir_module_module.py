# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False):
        """A language installed (or updated) after the addon brings Odoo's
        own translations of the invitation templates, without the attendee's
        Zoom link: it goes into them too (mail.template)."""
        result = super()._load_module_terms(modules, langs, overwrite=overwrite)
        if "calendar" in modules or "zoom_calendar" in modules:
            self.env["mail.template"]._zoom_add_join_link(langs)
        return result
