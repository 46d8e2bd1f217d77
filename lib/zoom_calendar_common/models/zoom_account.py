"""zoom.account, declared once for both addons: its fields, the Zoom
settings and API objects, tokens refreshed under a row lock on a cursor of
their own, and the binding's life (bind, disconnect, release).

The addons keep the token columns' creation and what reads or writes the
binding's cached fields, which their ORMs do differently."""
from contextlib import contextmanager

import psycopg2
from psycopg2 import errorcodes

from odoo import api, fields, models, tools
from odoo.addons.zoom_calendar.services.cursors import read_committed_cursor
from odoo.exceptions import AccessError, UserError

from zoom_scheduling.meeting_payload import zoom_user_type
from zoom_scheduling.zoom_api import (ZoomAuthError, ZoomClient, ZoomError, ZoomOAuth, ZoomUnavailable,
                                      base_urls, shared_session)

from .. import ADDON, addon_logger
from ..i18n import _

from ..services import secret_box

_logger = addon_logger("models.zoom_account")

DEFAULT_OAUTH_BASE = "https://zoom.us"
DEFAULT_API_BASE = "https://api.zoom.us/v2"
CONNECT_TIMEOUT = 3.05
DEFAULT_READ_TIMEOUT = 15.0
# Token columns are plain SQL columns, not ORM fields: no read(), search or
# export can reach them, whoever asks (the superuser included).
TOKEN_COLUMNS = ("access_token_enc", "refresh_token_enc", "token_expires_at")
ZOOM_USER_TYPES = [("licensed", "Licensed"), ("basic", "Basic")]
# What a Zoom call reads of the binding, read with its tokens (_access_token).
CALL_FIELDS = ("state", "api_url", "zoom_user_type", "daily_cap_until")


def allowed_base_urls():
    """The extra Zoom base URLs the server's operator allows (base_urls.py),
    from the Odoo configuration file, which the database cannot change."""
    return base_urls.parse_allowed(tools.config.get("zoom_allowed_base_urls"))


def _float(value, default):
    try:
        return float(value) if value else default
    except ValueError:
        return default


class ZoomAccountCommon(models.Model):
    """The binding between an Odoo user and their own Zoom user.

    Keyed on both ids, never on the email: a Zoom user belongs to at most one
    Odoo user, and an Odoo user has at most one Zoom user."""

    _name = "zoom.account"
    _module = ADDON  # see the package's docstring
    _description = "Zoom Account Binding"
    _rec_name = "zoom_email"
    _order = "user_id"

    user_id = fields.Many2one(
        "res.users", string="Odoo User", required=True, ondelete="cascade",
        index=True, readonly=True)
    zoom_user_id = fields.Char(string="Zoom User ID", required=True, readonly=True)
    zoom_account_id = fields.Char(string="Zoom Account ID", readonly=True)
    zoom_email = fields.Char(readonly=True)
    zoom_user_type = fields.Selection(
        ZOOM_USER_TYPES, string="Zoom Account Type", readonly=True, default="licensed",
        help="Licensed Zoom users' meetings give every attendee a personal link "
             "(Zoom registration); a Basic (free) user's meetings have one link for "
             "all attendees, with a passcode. Read when connecting, and again when "
             "Zoom's answers show it changed.")
    api_url = fields.Char(
        string="Zoom API Base", readonly=True,
        help="The regional API base Zoom returned with the tokens.")
    state = fields.Selection(
        [("connected", "Connected"), ("reconnect_needed", "Reconnect Needed")],
        required=True, default="connected", readonly=True)
    connected_at = fields.Datetime(readonly=True)
    last_error = fields.Char(readonly=True)
    daily_cap_until = fields.Datetime(
        readonly=True,
        help="Zoom's daily limit of meeting creates and updates is reached for "
             "this user until then (00:00 UTC).")
    _sql_constraints = [
        ("zoom_user_id_unique", "unique(zoom_user_id)",
         "This Zoom account is already connected to another Odoo user. "
         "A Zoom account follows the Odoo user id, not the email: an "
         "administrator can release the old binding under Settings > Users > "
         "Zoom Accounts."),
        ("user_id_unique", "unique(user_id)",
         "This Odoo user already has a Zoom account connected."),
    ]

    # ------------------------------------------------------------------
    # Settings and API objects
    # ------------------------------------------------------------------

    def _auto_init(self):
        res = super()._auto_init()
        for column, sql_type in zip(TOKEN_COLUMNS, ("text", "text", "double precision")):
            if not tools.column_exists(self._cr, self._table, column):
                tools.create_column(self._cr, self._table, column, sql_type)
        return res

    @api.model
    def _zoom_settings(self):
        params = self.env["ir.config_parameter"].sudo()
        return {
            "client_id": params.get_param("zoom_calendar.client_id") or "",
            "client_secret": secret_box.decrypt(params.get_param("zoom_calendar.client_secret_enc")) or "",
            "webhook_secret": secret_box.decrypt(params.get_param("zoom_calendar.webhook_secret_enc")) or "",
            "oauth_base": (params.get_param("zoom_calendar.oauth_base_url") or DEFAULT_OAUTH_BASE).rstrip("/"),
            "api_base": (params.get_param("zoom_calendar.api_base_url") or DEFAULT_API_BASE).rstrip("/"),
            # Seconds to wait for Zoom's answer: a booking waits at most this
            # long before it is saved with its meeting pending.
            "read_timeout": _float(params.get_param("zoom_calendar.read_timeout"), DEFAULT_READ_TIMEOUT),
        }

    @api.model
    def _zoom_oauth(self):
        settings = self._zoom_settings()
        if not settings["client_id"] or not settings["client_secret"]:
            raise UserError(_(
                "Zoom is not configured yet: an administrator must enter the Zoom "
                "app's client id and secret under Settings > General Settings > Zoom."))
        try:
            oauth_base = base_urls.check(settings["oauth_base"], "The Zoom OAuth URL", allowed_base_urls())
        except base_urls.BaseUrlError as error:
            raise UserError(error.message)
        return ZoomOAuth(settings["client_id"], settings["client_secret"],
                         oauth_base=oauth_base, session=shared_session(),
                         timeout=(CONNECT_TIMEOUT, settings["read_timeout"]))

    def _zoom_client(self, tokens=None):
        """A client authorised as this binding's Zoom user, with a fresh
        token. ``tokens``: as the addon's _with_tokens just read them (else
        read here)."""
        self.ensure_one()
        settings = self._zoom_settings()
        return self._client_for(self._access_token(tokens), self.api_url, settings)

    @api.model
    def _client_for(self, access_token, api_url, settings):
        api_base = settings["api_base"]
        if api_url and api_base == DEFAULT_API_BASE:
            # Zoom names the user's regional API base; follow it for real Zoom
            # only (a custom base, e.g. the fake server, is taken as given).
            api_base = api_url.rstrip("/") + "/v2"
        # The bearer token goes there: Zoom's own hosts or allowed bases only.
        api_base = base_urls.check(api_base, "The Zoom API URL", allowed_base_urls())
        return ZoomClient(access_token, api_base=api_base, session=shared_session(),
                          timeout=(CONNECT_TIMEOUT, settings["read_timeout"]))

    # ------------------------------------------------------------------
    # Tokens: encrypted SQL columns, refreshed under a row lock
    # ------------------------------------------------------------------

    @contextmanager
    def _token_cursor(self):
        """A cursor on which a token change survives a rollback of the
        caller's transaction: Zoom has already killed the old refresh token,
        so losing the new one would lose the binding. A binding that is not
        committed yet is only visible to the caller's cursor; a rollback would
        drop it anyway, so that cursor is used."""
        # Read committed: after waiting for another worker's lock, see the
        # tokens it wrote (repeatable read would fail on them instead).
        with read_committed_cursor(self.pool) as cr:
            # Never wait long on a row the caller's own transaction may hold.
            cr.execute("SET LOCAL lock_timeout = '10s'")
            cr.execute("SELECT 1 FROM zoom_account WHERE id = %s", (self.id,))
            if cr.rowcount:
                try:
                    yield cr
                except psycopg2.OperationalError as error:
                    # psycopg2.errors (2.8+) is not in stock Odoo 11's 2.7.
                    if error.pgcode != errorcodes.LOCK_NOT_AVAILABLE:
                        raise
                    raise ZoomUnavailable(_("Another Odoo worker is renewing this Zoom "
                                            "connection; please try again."), reason="busy")
                return
        yield self.env.cr

    # The cursor parameters are named neither `cr` nor `cursor`: Odoo 11 takes
    # such a method for an old-API one and logs "Deprecated method".
    def _read_tokens(self, db_cursor, lock=False, also=()):
        """The binding's tokens (ZoomTokens, None without), read on
        ``db_cursor`` (``lock``: locked for update); ``also``: fields of the
        binding read in the same query, into the cache (what a Zoom call
        reads of it, see _access_token). Each addon's, as its ORM caches."""
        raise NotImplementedError

    @staticmethod
    def _write_tokens(cr, account_id, tokens):
        cr.execute(
            "UPDATE zoom_account SET access_token_enc = %s, refresh_token_enc = %s, "
            "token_expires_at = %s WHERE id = %s",
            (secret_box.encrypt(tokens.access_token), secret_box.encrypt(tokens.refresh_token),
             tokens.expires_at, account_id))

    def _access_token(self, tokens=None):
        self.ensure_one()
        if tokens is None:
            # With what the Zoom call reads of the binding: one query, not two.
            tokens = self._read_tokens(self.env.cr, also=CALL_FIELDS)
        if self.state != "connected":
            raise ZoomAuthError(_("The Zoom account of %s must be reconnected.") % self.user_id.name)
        if tokens and not tokens.expires_soon():
            return tokens.access_token
        error = None
        with self._token_cursor() as cr:
            # Another worker may have refreshed while we waited for the lock:
            # re-read under it, and refresh only if still needed.
            tokens = self._read_tokens(cr, lock=True)
            if tokens is None:
                error = ZoomAuthError(_("The Zoom account of %s must be reconnected.") % self.user_id.name)
            elif not tokens.expires_soon():
                return tokens.access_token
            else:
                try:
                    tokens = self._zoom_oauth().refresh(tokens.refresh_token)
                except ZoomAuthError as refused:
                    error = refused
                else:
                    self._write_tokens(cr, self.id, tokens)
                    _logger.info("Zoom token refreshed for binding %s", self.id)
                    return tokens.access_token
            # Leaving the block normally commits the mark with it.
            self._mark_reconnect_needed(cr, error.message)
        raise error

    def _mark_reconnect_needed_durably(self, reason):
        """Marks the binding even if the caller's transaction rolls back."""
        for account in self:
            with account._token_cursor() as cr:
                account._mark_reconnect_needed(cr, reason)
            account.user_id.partner_id.sudo().message_post(body=_(
                "Your Zoom account must be reconnected (%s). Until then your "
                "bookings with Zoom stay pending.") % reason)

    # ------------------------------------------------------------------
    # Binding
    # ------------------------------------------------------------------

    @api.model
    def _bind(self, user, tokens, zoom_user):
        """Binds ``user`` to the Zoom user who authorised ``tokens``.

        :param zoom_user: the answer of GET /users/me
        :raise UserError: that Zoom user is bound to another Odoo user
        """
        zoom_user_id = str(zoom_user.get("id") or "")
        if not zoom_user_id:
            raise UserError(_("Zoom did not say which Zoom user signed in; please try again."))
        other = self.sudo().search([("zoom_user_id", "=", zoom_user_id), ("user_id", "!=", user.id)])
        if other:
            raise UserError(_(
                "The Zoom account %s is already connected to another Odoo user. "
                "A Zoom account can belong to only one Odoo user, and the binding "
                "follows the Odoo user id, not the email address. If that binding "
                "is stale (for example the user was deleted and created again), "
                "ask an administrator to release it.") % (zoom_user.get("email") or zoom_user_id))
        values = {
            "user_id": user.id,
            "zoom_user_id": zoom_user_id,
            "zoom_account_id": zoom_user.get("account_id"),
            "zoom_email": zoom_user.get("email"),
            "zoom_user_type": zoom_user_type(zoom_user),
            "api_url": tokens.api_url,
            "state": "connected",
            "connected_at": fields.Datetime.now(),
            "last_error": False,
            "daily_cap_until": False,
        }
        account = self.sudo().search([("user_id", "=", user.id)])
        if account:
            account.write(values)
        else:
            account = self.sudo().create(values)
        self._write_tokens(self.env.cr, account.id, tokens)
        # Bookings that waited for this user to (re)connect can go now.
        self.env["zoom.meeting"].sudo().search([
            ("host_user_id", "=", user.id), ("status", "=", "pending")])._schedule_retry_now()
        return account

    @api.model
    def _connect_with_code(self, code, redirect_uri, code_verifier):
        """The OAuth callback's work: code -> tokens -> Zoom user -> binding."""
        tokens = self._zoom_oauth().exchange_code(code, redirect_uri, code_verifier)
        zoom_user = self._client_for(tokens.access_token, tokens.api_url, self._zoom_settings()).get_me()
        return self._bind(self.env.user, tokens, zoom_user)

    def _check_may_unbind(self):
        for account in self:
            if account.user_id != self.env.user and not self.env.user.has_group(
                    "zoom_calendar.group_zoom_admin"):
                raise AccessError(_("Only %s or a Zoom administrator can disconnect this Zoom account.")
                                  % account.user_id.name)

    def action_disconnect(self):
        """Disconnects the binding: Zoom's authorisation is revoked too, so the
        app's access ends there as well. Meetings already created stay in Zoom."""
        self._check_may_unbind()
        for account in self.sudo():
            tokens = account._read_tokens(self.env.cr)
            if tokens:
                try:
                    account._zoom_oauth().revoke(tokens.refresh_token)
                except (ZoomError, UserError) as error:
                    # The binding goes anyway: the user asked for it, and the
                    # token dies unused. Say so in the log, without the token.
                    _logger.warning("Zoom revoke failed for binding %s: %s", account.id, error)
            account.unlink()
        return {"type": "ir.actions.client", "tag": "reload"}

    def action_release(self):
        """Admins release a stale binding (its user was deleted and restored,
        say): the Zoom account can then be connected by another Odoo user."""
        if not self.env.user.has_group("zoom_calendar.group_zoom_admin"):
            raise AccessError(_("Only a Zoom administrator can release a Zoom account binding."))
        for account in self.sudo():
            account.user_id.partner_id.message_post(body=_(
                "Your Zoom account %(zoom_email)s was released by %(user)s.")
                % {"zoom_email": account.zoom_email, "user": self.env.user.name})
        self.sudo().unlink()
        return True

    def _refresh_user_type(self, client):
        """Zoom's answers suggest this user's account type changed (no
        registration on their meeting): ask Zoom, store the answer, and tell
        the user once, when it changes. Returns the current type."""
        self.ensure_one()
        try:
            current = zoom_user_type(client.get_me())
        except ZoomError as error:
            _logger.warning("Could not read the Zoom account type of binding %s: %s", self.id, error.message)
            return self.zoom_user_type
        if current != self.zoom_user_type:
            self.sudo().write({"zoom_user_type": current})
            if current == "basic":
                body = _("Your Zoom account is now a Basic (free) account: your Zoom meetings give "
                         "one link for all attendees, with a passcode. Personal links need a "
                         "licensed Zoom account.")
            else:
                body = _("Your Zoom account is now a licensed account: attendees of your next "
                         "bookings get personal Zoom links again.")
            self.user_id.partner_id.sudo().message_post(body=body)
        return current

    def _is_capped(self):
        return bool(self.daily_cap_until and self.daily_cap_until > fields.Datetime.now())
