# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Zoom's side of the addon over HTTP: the OAuth callback that connects a
user's own Zoom account (PKCE, a state bound to the user and the session,
single-use), and Zoom's signed event notifications (webhooks)."""
import time

import werkzeug.exceptions

from odoo import SUPERUSER_ID, _, http
from odoo.exceptions import UserError
from odoo.http import request

from zoom_scheduling.oauth_state import make_state
from zoom_scheduling.zoom_api import make_pkce_pair, webhooks
from zoom_calendar_common.controllers.main import SESSION_KEY, ZoomControllerCommon

WEBHOOK_PATH = "/zoom/webhook"
MAX_WEBHOOK_BYTES = webhooks.MAX_BODY_BYTES


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


class ZoomController(ZoomControllerCommon, http.Controller):

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
        return self._connect_zoom(code, state, error)

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
        return self._handle_webhook(env, raw)

    @staticmethod
    def _json(body, status):
        return request.make_json_response(body, status=status)
