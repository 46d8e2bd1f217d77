"""Settings > General Settings > Zoom, as both addons read and check them.
Each addon's view lays the fields out in its version's settings page."""
from werkzeug.urls import url_parse

from odoo import api, fields, models
from odoo.exceptions import UserError

from zoom_scheduling.zoom_api import base_urls

from .. import ADDON
from ..i18n import _

from ..services import secret_box
from .zoom_account import DEFAULT_API_BASE, DEFAULT_OAUTH_BASE, allowed_base_urls

PARAM = "zoom_calendar.%s"
# Settings stored as typed (once checked): field -> (parameter, default).
# Not `config_parameter=` fields (Odoo 11 has none; on 17.0 set_values
# checks them all together first): get_values/set_values read and write
# them in one loop each.
PLAIN_PARAMS = {
    "zoom_client_id": (PARAM % "client_id", ""),
    "zoom_oauth_base_url": (PARAM % "oauth_base_url", DEFAULT_OAUTH_BASE),
    "zoom_api_base_url": (PARAM % "api_base_url", DEFAULT_API_BASE),
}
# Write-only: stored encrypted, never read back; the form shows `<field>_set`.
SECRET_PARAMS = {
    "zoom_client_secret": PARAM % "client_secret_enc",
    "zoom_webhook_secret": PARAM % "webhook_secret_enc",
}


class ResConfigSettingsCommon(models.TransientModel):
    """The secrets are write-only: the form shows whether one is stored,
    never its value, and the database holds them encrypted with the
    server's key."""

    _inherit = "res.config.settings"
    _module = ADDON  # see the package's docstring

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

    @api.depends("company_id")
    def _compute_zoom_urls(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/")
        for settings in self:
            settings.zoom_redirect_url = base + "/zoom/oauth/callback"
            settings.zoom_webhook_url = base + "/zoom/webhook"

    @api.model
    def get_values(self):
        res = super().get_values()
        params = self.env["ir.config_parameter"].sudo()
        res.update({name: params.get_param(key, default) for name, (key, default) in PLAIN_PARAMS.items()})
        for name, key in SECRET_PARAMS.items():
            res[name] = False
            res[name + "_set"] = bool(params.get_param(key))
        return res

    def set_values(self):
        res = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        values = {
            "zoom_client_id": (self.zoom_client_id or "").strip(),
            "zoom_oauth_base_url": self._clean_url(self.zoom_oauth_base_url, _("Zoom OAuth URL"),
                                                   DEFAULT_OAUTH_BASE),
            "zoom_api_base_url": self._clean_url(self.zoom_api_base_url, _("Zoom API URL"), DEFAULT_API_BASE),
        }
        if any(char.isspace() for char in values["zoom_client_id"]):
            raise UserError(_("The Zoom client id cannot contain spaces."))
        secrets = {name: (self[name] or "").strip() for name in SECRET_PARAMS}
        moved = [name for name in ("zoom_oauth_base_url", "zoom_api_base_url")
                 if values[name] != params.get_param(*PLAIN_PARAMS[name]).rstrip("/")]
        if moved and params.get_param(SECRET_PARAMS["zoom_client_secret"]) \
                and not secrets["zoom_client_secret"]:
            # The secret is sent to the OAuth address, and the tokens it gets
            # to the API address: whoever moves them must know the secret.
            raise UserError(_("You changed the Zoom addresses: enter the Zoom app's client secret "
                              "again to confirm them."))
        for name, value in secrets.items():
            if value:
                params.set_param(SECRET_PARAMS[name], secret_box.encrypt(value))
        if values["zoom_client_id"] and not params.get_param(SECRET_PARAMS["zoom_client_secret"]):
            raise UserError(_("Enter the Zoom app's client secret too: without it no one can connect Zoom."))
        for name, value in values.items():
            params.set_param(PLAIN_PARAMS[name][0], value)
        # The typed secrets do not stay in this (transient) record's table.
        self.write({name: False for name in SECRET_PARAMS})
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
        if not base_urls.is_allowed(value, allowed_base_urls()):
            raise UserError(_(
                "%(label)s must be an https:// address on zoom.us or zoom.com, not '%(url)s'. The "
                "server's operator can allow other addresses in the Odoo configuration file "
                "(zoom_allowed_base_urls).") % {"label": label, "url": value})
        return value
