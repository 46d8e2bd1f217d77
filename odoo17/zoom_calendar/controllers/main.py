# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Zoom's side of the addon over HTTP: the OAuth callback that connects a
user's own Zoom account (PKCE, a state bound to the user and the session,
single-use), and Zoom's signed event notifications (webhooks)."""
import hashlib
import logging
import time

import psycopg2
import werkzeug.exceptions

from odoo import SUPERUSER_ID, _, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import mute_logger

from zoom_scheduling.oauth_state import StateError, check_state, make_state
from zoom_scheduling.zoom_api import WebhookError, ZoomAuthError, ZoomError, make_pkce_pair, webhooks

from .booking import SECRET_PAGE_HEADERS

_logger = logging.getLogger(__name__)

SESSION_KEY = "zoom_oauth_pending"
WEBHOOK_PATH = "/zoom/webhook"
MAX_WEBHOOK_BYTES = webhooks.MAX_BODY_BYTES
HANDLED_EVENTS = {"meeting.started", "meeting.ended", "meeting.deleted", "meeting.updated",
                  "meeting.participant_joined", "meeting.participant_left", "app_deauthorized"}


def bound_webhook_body(rule):
    """A webhook body over MAX_WEBHOOK_BYTES gets a 413 before it is read
    (by its Content-Length), or, chunked (no length), once one byte past
    the limit is read. Called by ir.http._pre_dispatch, before Odoo parses
    a form body: the route's own ``max_content_length`` would make werkzeug
    read (and drop) the whole announced body before its 413."""
    if rule.rule != WEBHOOK_PATH:
        return
    # 17.0 hides the WSGI input from request.httprequest (its environ is a
    # copy without it): this is the environ werkzeug reads the body from.
    environ = request.httprequest._HTTPRequest__environ  # pylint: disable=protected-access
    if webhooks.body_too_large(environ, MAX_WEBHOOK_BYTES):
        raise werkzeug.exceptions.RequestEntityTooLarge(
            "A Zoom notification is at most %d bytes." % MAX_WEBHOOK_BYTES)


class ZoomController(http.Controller):

    # ------------------------------------------------------------------
    # OAuth: connect the logged-in user's own Zoom account
    # ------------------------------------------------------------------

    @http.route("/zoom/oauth/start", type="http", auth="user", methods=["GET"])
    def oauth_start(self, **_params):
        if not request.env.user._is_internal():
            return self._page(_("Zoom"), _("Only internal users can connect a Zoom account."), 403)
        try:
            oauth = request.env["zoom.account"]._zoom_oauth()
        except UserError as error:
            return self._page(_("Zoom is not configured"), error.args[0], 503)
        verifier, challenge = make_pkce_pair()
        state, nonce = make_state(self._state_secret(), request.env.uid, request.session.sid)
        pending = {key: value for key, value in (request.session.get(SESSION_KEY) or {}).items()
                   if value["expires"] > time.time()}
        pending[nonce] = {"verifier": verifier, "expires": time.time() + 600}
        request.session[SESSION_KEY] = pending
        return request.redirect(oauth.authorize_url(self._redirect_uri(), state, challenge), 303, local=False)

    @http.route("/zoom/oauth/callback", type="http", auth="user", methods=["GET"])
    def oauth_callback(self, code=None, state=None, error=None, **_params):
        if not request.env.user._is_internal():
            return self._page(_("Zoom"), _("Only internal users can connect a Zoom account."), 403)
        pending = dict(request.session.get(SESSION_KEY) or {})
        try:
            nonce = check_state(self._state_secret(), state, request.env.uid, request.session.sid)
        except StateError as state_error:
            _logger.info("Zoom OAuth callback refused for uid %s: %s", request.env.uid, state_error)
            return self._page(_("Zoom connection refused"), _(
                "This link is not valid (%s). Start again from your Preferences: "
                "Connect Zoom.", state_error), 400)
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
                message = _("Zoom did not connect your account (%s). Please try again.", str(error)[:100])
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
                "Preferences: Connect Zoom.", zoom_error.message), 400)
        except ZoomError as zoom_error:
            return self._page(_("Zoom not connected"), zoom_error.message, 502)
        return self._page(_("Zoom connected"), _(
            "Your Odoo user is now connected to the Zoom account %s. Bookings you "
            "host will get their own Zoom meeting.", account.zoom_email), 200, success=True)

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

    # type="http" whatever the body's Content-Type: Zoom posts JSON that is
    # no JSON-RPC envelope, and its URL validation wants a plain JSON answer.
    @http.route(WEBHOOK_PATH, type="http", auth="none", methods=["POST"], csrf=False, save_session=False,
                max_content_length=MAX_WEBHOOK_BYTES)
    def webhook(self, **_params):
        raw = request.httprequest.get_data(cache=True)  # bounded: bound_webhook_body
        if len(raw) > MAX_WEBHOOK_BYTES:
            raise werkzeug.exceptions.RequestEntityTooLarge()
        env = request.env(user=SUPERUSER_ID)
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

    @staticmethod
    def _json(body, status):
        return request.make_json_response(body, status=status)
