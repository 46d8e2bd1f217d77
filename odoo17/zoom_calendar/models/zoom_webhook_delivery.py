# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import timedelta

from odoo import api, fields, models


class ZoomWebhookDelivery(models.Model):
    """Zoom retries a notification it thinks was lost: each one is applied
    once, recognised by the hash of its body."""

    _name = "zoom.webhook.delivery"
    _description = "Zoom Webhook Delivery"
    _order = "id desc"

    key = fields.Char(required=True, index=True)
    event = fields.Char()
    result = fields.Char()

    _sql_constraints = [("key_unique", "unique(key)", "This Zoom notification was already received.")]

    @api.model
    def _gc_deliveries(self):
        """Zoom stops retrying after about 90 minutes: a week is plenty."""
        limit = fields.Datetime.now() - timedelta(days=7)
        self.search([("create_date", "<", limit)]).unlink()
        return True
