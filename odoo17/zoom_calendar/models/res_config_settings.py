# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

from zoom_calendar_common.models.res_config_settings import ResConfigSettingsCommon
from zoom_calendar_common.models.zoom_account import DEFAULT_API_BASE, DEFAULT_OAUTH_BASE


class ResConfigSettings(ResConfigSettingsCommon, models.TransientModel):
    """Settings > General Settings > Zoom (ResConfigSettingsCommon reads,
    checks and stores them)."""

    _inherit = "res.config.settings"

    zoom_client_id = fields.Char(string="Zoom Client ID")
    zoom_client_secret = fields.Char(
        help="Leave empty to keep the stored secret.")
    zoom_client_secret_set = fields.Boolean(string="Client secret stored", readonly=True)
    zoom_webhook_secret = fields.Char(
        string="Zoom Webhook Secret Token",
        help="The app's 'Secret Token' (Feature > Event Subscriptions). Leave empty to keep the stored one.")
    zoom_webhook_secret_set = fields.Boolean(string="Webhook secret stored", readonly=True)
    zoom_oauth_base_url = fields.Char(string="Zoom OAuth URL", default=DEFAULT_OAUTH_BASE)
    zoom_api_base_url = fields.Char(string="Zoom API URL", default=DEFAULT_API_BASE)
    zoom_redirect_url = fields.Char(
        string="Redirect URL for OAuth", readonly=True, compute="_compute_zoom_urls",
        help="Register this URL in the Zoom app (OAuth redirect URL and allow list).")
    zoom_webhook_url = fields.Char(
        string="Event notification endpoint URL", readonly=True, compute="_compute_zoom_urls")
