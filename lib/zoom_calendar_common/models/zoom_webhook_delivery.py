"""zoom.webhook.delivery, declared once for both addons; each addon's model
clears the old ones, with a date its ORM holds its own way."""
from odoo import fields, models

from .. import ADDON


class ZoomWebhookDeliveryCommon(models.Model):
    """Zoom retries a notification it thinks was lost: each one is applied
    once, recognised by the hash of its body."""

    _name = "zoom.webhook.delivery"
    _module = ADDON  # see the package's docstring
    _description = "Zoom Webhook Delivery"
    _order = "id desc"

    key = fields.Char(required=True, index=True)
    event = fields.Char()
    result = fields.Char()

    _sql_constraints = [("key_unique", "unique(key)", "This Zoom notification was already received.")]
