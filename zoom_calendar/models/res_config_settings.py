# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from werkzeug.urls import url_parse

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services import secret_box
from .zoom_account import DEFAULT_API_BASE, DEFAULT_OAUTH_BASE

PARAM = "zoom_calendar.%s"


class ResConfigSettings(models.TransientModel):
    """Settings > General Settings > Zoom. The secrets are write-only: the
    form shows whether one is stored, never its value, and the database holds
    them encrypted with the server's key."""

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

    def _compute_zoom_urls(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/")
        for settings in self:
            settings.zoom_redirect_url = base + "/zoom/oauth/callback"
            settings.zoom_webhook_url = base + "/zoom/webhook"

    @api.model
    def get_values(self):
        res = super(ResConfigSettings, self).get_values()
        params = self.env["ir.config_parameter"].sudo()
        res.update(
            zoom_client_id=params.get_param(PARAM % "client_id", ""),
            zoom_client_secret=False,
            zoom_client_secret_set=bool(params.get_param(PARAM % "client_secret_enc")),
            zoom_webhook_secret=False,
            zoom_webhook_secret_set=bool(params.get_param(PARAM % "webhook_secret_enc")),
            zoom_oauth_base_url=params.get_param(PARAM % "oauth_base_url", DEFAULT_OAUTH_BASE),
            zoom_api_base_url=params.get_param(PARAM % "api_base_url", DEFAULT_API_BASE),
        )
        return res

    @api.multi
    def set_values(self):
        res = super(ResConfigSettings, self).set_values()
        params = self.env["ir.config_parameter"].sudo()
        oauth_base = self._clean_url(self.zoom_oauth_base_url, _("Zoom OAuth URL"), DEFAULT_OAUTH_BASE)
        api_base = self._clean_url(self.zoom_api_base_url, _("Zoom API URL"), DEFAULT_API_BASE)
        client_id = (self.zoom_client_id or "").strip()
        if any(char.isspace() for char in client_id):
            raise UserError(_("The Zoom client id cannot contain spaces."))
        for name, value in (("client_secret", self.zoom_client_secret),
                            ("webhook_secret", self.zoom_webhook_secret)):
            value = (value or "").strip()
            if value:
                params.set_param(PARAM % (name + "_enc"), secret_box.encrypt(value))
        if client_id and not params.get_param(PARAM % "client_secret_enc"):
            raise UserError(_("Enter the Zoom app's client secret too: without it no one can connect Zoom."))
        params.set_param(PARAM % "client_id", client_id)
        params.set_param(PARAM % "oauth_base_url", oauth_base)
        params.set_param(PARAM % "api_base_url", api_base)
        return res

    @staticmethod
    def _clean_url(value, label, default):
        value = (value or "").strip().rstrip("/") or default
        parsed = url_parse(value)
        if parsed.scheme not in ("http", "https") or not parsed.host or " " in value:
            raise UserError(_("%(setting)s must be an http(s) address such as %(example)s, not '%(value)s'.")
                            % {"setting": label, "example": default, "value": value})
        if parsed.query or parsed.fragment:
            raise UserError(_("%(setting)s cannot contain a query or a fragment ('%(value)s').")
                            % {"setting": label, "value": value})
        return value
