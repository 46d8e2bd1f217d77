# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models

from ..controllers.main import bound_webhook_body


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        bound_webhook_body(rule)  # raises 413 for a too-large /zoom/webhook body, before it is read
        return super()._pre_dispatch(rule, args)
