# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import timedelta

from odoo import api, fields, models


class ZoomWebhookDelivery(models.Model):
    """zoom.webhook.delivery on Odoo 11.0: what this version does its own way (what both
    versions share is in zoom_calendar_common.models.zoom_webhook_delivery)."""

    _inherit = "zoom.webhook.delivery"

    @api.model
    def _gc_deliveries(self):
        """Zoom stops retrying after about 90 minutes: a week is plenty."""
        limit = fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=7))
        self.search([("create_date", "<", limit)]).unlink()
        return True
