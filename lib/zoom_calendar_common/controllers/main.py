"""Zoom's side of the addon over HTTP, what both addons run as it is: the
OAuth callback's checks and answers once the user is known to be internal,
and a webhook's handling once its body is read. The routes, and reading the
request the way each Odoo version offers it, stay in each addon's
controllers/main.py."""
import hashlib
import time

import psycopg2

from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import mute_logger

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from zoom_scheduling.oauth_state import StateError, check_state
from zoom_scheduling.zoom_api import WebhookError, ZoomAuthError, ZoomError, webhooks

from .. import addon_logger
from ..i18n import _
from .booking import SECRET_PAGE_HEADERS

_logger = addon_logger("controllers.main")

SESSION_KEY = "zoom_oauth_pending"
HANDLED_EVENTS = {"meeting.started", "meeting.ended", "meeting.deleted", "meeting.updated",
                  "meeting.participant_joined", "meeting.participant_left", "app_deauthorized"}


class ZoomControllerCommon:
    """The helpers of the addons' ZoomController that read the same in both."""

    @staticmethod
    def _json(body, status):
        """The JSON answer ``body`` with HTTP ``status``."""
        raise NotImplementedError

    # ------------------------------------------------------------------
    # OAuth: connect the logged-in user's own Zoom account
    # ------------------------------------------------------------------

    def _connect_zoom(self, code, state, error):
        """The OAuth callback's page for an internal user: the state must be
        theirs, of this session and not used yet; then Zoom's ``error``, or
        its ``code`` exchanged for the user's own Zoom account."""
        pending = dict(request.session.get(SESSION_KEY) or {})
        try:
            nonce = check_state(self._state_secret(), state, request.env.uid, request.session.sid)
        except StateError as state_error:
            _logger.info("Zoom OAuth callback refused for uid %s: %s", request.env.uid, state_error)
            return self._page(_("Zoom connection refused"), _(
                "This link is not valid (%s). Start again from your Preferences: "
                "Connect Zoom.") % state_error, 400)
        entry = pending.pop(nonce, None)
        request.session[SESSION_KEY] = pending
        if entry is None or entry["expires"] < time.time():
            return self._page(_("Zoom connection refused"), _(
                "This connection link was already used or has expired. Start again "
                "from your Preferences: Connect Zoom."), 400)
        if error:
            if error == "access_denied":
                message = _("You declined to give Odoo access to your Zoom account, so it "
                            "is not connected. You can connect it any time from your Preferences.")
            else:
                message = _("Zoom did not connect your account (%s). Please try again.") % str(error)[:100]
            return self._page(_("Zoom not connected"), message, 400)
        if not code:
            return self._page(_("Zoom not connected"), _("Zoom sent no authorization code."), 400)
        try:
            with request.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                account = request.env["zoom.account"]._connect_with_code(
                    str(code)[:512], self._redirect_uri(), entry["verifier"])
        except UserError as user_error:
            return self._page(_("Zoom not connected"), user_error.args[0], 409)
        except psycopg2.IntegrityError:
            # Someone else bound the same Zoom user at the same moment.
            return self._page(_("Zoom not connected"), request.env["zoom.account"]._sql_constraints[0][2], 409)
        except ZoomAuthError as zoom_error:
            # A wrong, used or expired code, or a PKCE mismatch: the link, not Zoom.
            return self._page(_("Zoom not connected"), _(
                "Zoom did not accept this sign-in (%s) Start again from your "
                "Preferences: Connect Zoom.") % zoom_error.message, 400)
        except ZoomError as zoom_error:
            return self._page(_("Zoom not connected"), zoom_error.message, 502)
        return self._page(_("Zoom connected"), _(
            "Your Odoo user is now connected to the Zoom account %s. Bookings you "
            "host will get their own Zoom meeting.") % account.zoom_email, 200, success=True)

    @staticmethod
    def _redirect_uri():
        base = request.env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/")
        return base + "/zoom/oauth/callback"

    @staticmethod
    def _state_secret():
        return request.env["ir.config_parameter"].sudo().get_param("database.secret")

    @staticmethod
    def _page(title, message, status, success=False):
        """The OAuth pages: the callback's address holds Zoom's one-time code
        and the state, which neither a Referer nor a cache may keep."""
        return request.render("zoom_calendar.oauth_result_page", {
            "title": title, "message": message, "success": success},
            status=status, headers=list(SECRET_PAGE_HEADERS.items()))

    # ------------------------------------------------------------------
    # Webhooks: Zoom's event notifications
    # ------------------------------------------------------------------

    def _handle_webhook(self, env, raw):
        """The answer to Zoom's notification whose body is ``raw`` (read,
        and bounded, by the route): its signature checked, Zoom's URL
        validation answered, a handled event applied once as ``env`` (the
        superuser's)."""
        secret = env["zoom.account"]._zoom_settings()["webhook_secret"]
        if not secret:
            return self._json({"error": "the webhook secret token is not configured"}, 503)
        try:
            data = webhooks.verify(secret, request.httprequest.headers, raw)
        except WebhookError as error:
            _logger.info("Zoom webhook rejected: %s", error.reason)
            return self._json({"error": error.reason}, 400 if "JSON" in error.reason else 401)
        event = data.get("event") if isinstance(data, dict) else None
        payload = data.get("payload") if isinstance(data, dict) else None
        if not isinstance(event, str) or not isinstance(payload, dict):
            return self._json({"error": "a notification needs an event and a payload object"}, 400)
        if event == "endpoint.url_validation":
            plain_token = payload.get("plainToken")
            if not isinstance(plain_token, str) or not plain_token:
                return self._json({"error": "plainToken is missing"}, 400)
            return self._json(webhooks.url_validation_response(secret, plain_token), 200)
        if event not in HANDLED_EVENTS:
            _logger.info("Zoom webhook %s ignored: not an event this addon uses", event[:64])
            return self._json({"status": "ignored", "reason": "unsupported event"}, 200)
        key = hashlib.sha256(raw).hexdigest()
        try:
            with env.cr.savepoint(), mute_logger("odoo.sql_db"):
                delivery = env["zoom.webhook.delivery"].create({"key": key, "event": event})
        except psycopg2.IntegrityError:
            return self._json({"status": "duplicate"}, 200)
        result = env["zoom.meeting"]._apply_webhook(event, payload)
        delivery.result = result
        _logger.info("Zoom webhook %s: %s", event, result)
        return self._json({"status": "ok", "result": result}, 200)
