# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models


class IrTranslation(models.Model):
    _inherit = "ir.translation"

    @api.model_cr_context
    def load_module_terms(self, modules, langs):
        """A language installed (or updated) after the addon brings Odoo's
        own translations of the invitation templates, without the Zoom
        link: it goes into them too."""
        result = super(IrTranslation, self).load_module_terms(modules, langs)
        if "calendar" in modules or "zoom_calendar" in modules:
            self.env["mail.template"]._zoom_add_join_link(langs)
        return result
