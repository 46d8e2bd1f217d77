# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import json
import time

import werkzeug.exceptions
import werkzeug.utils

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from zoom_scheduling.oauth_state import make_state
from zoom_scheduling.zoom_api import make_pkce_pair, webhooks
from zoom_calendar_common.controllers.main import SESSION_KEY, ZoomControllerCommon

WEBHOOK_PATH = "/zoom/webhook"
MAX_WEBHOOK_BYTES = webhooks.MAX_BODY_BYTES


def _get_request(get_request):
    """Zoom posts its notifications as `application/json`, which Odoo 11
    takes for JSON-RPC: the body is not an RPC envelope, and Zoom's URL
    validation needs a plain JSON answer. Only the webhook path is served
    as a plain HTTP request."""
    def get_request_for_webhooks(self, httprequest):
        if httprequest.path == WEBHOOK_PATH:
            _bound_webhook_body(httprequest)
            return http.HttpRequest(httprequest)
        return get_request(self, httprequest)
    get_request_for_webhooks.zoom_calendar = True
    return get_request_for_webhooks


def _bound_webhook_body(httprequest):
    """A body over MAX_WEBHOOK_BYTES gets a 413 before it is read (by its
    Content-Length), or, chunked (no length), once one byte past the limit
    is read. Runs before Odoo parses a form body, ahead of the route."""
    if webhooks.body_too_large(httprequest.environ, MAX_WEBHOOK_BYTES):
        raise werkzeug.exceptions.RequestEntityTooLarge(
            "A Zoom notification is at most %d bytes." % MAX_WEBHOOK_BYTES)


if not getattr(http.Root.get_request, "zoom_calendar", False):
    http.Root.get_request = _get_request(http.Root.get_request)


class ZoomController(ZoomControllerCommon, http.Controller):

    # ------------------------------------------------------------------
    # OAuth: connect the logged-in user's own Zoom account
    # ------------------------------------------------------------------

    @http.route("/zoom/oauth/start", type="http", auth="user", methods=["GET"])
    def oauth_start(self, **kwargs):
        if not request.env.user.has_group("base.group_user"):
            return self._page(_("Zoom"), _("Only internal users can connect a Zoom account."), 403)
        try:
            oauth = request.env["zoom.account"]._zoom_oauth()
        except UserError as error:
            return self._page(_("Zoom is not configured"), error.name, 503)
        verifier, challenge = make_pkce_pair()
        state, nonce = make_state(self._state_secret(), request.uid, request.session.sid)
        pending = {key: value for key, value in (request.session.get(SESSION_KEY) or {}).items()
                   if value["expires"] > time.time()}
        pending[nonce] = {"verifier": verifier, "expires": time.time() + 600}
        request.session[SESSION_KEY] = pending
        return werkzeug.utils.redirect(oauth.authorize_url(self._redirect_uri(), state, challenge), 303)

    @http.route("/zoom/oauth/callback", type="http", auth="user", methods=["GET"])
    def oauth_callback(self, code=None, state=None, error=None, **kwargs):
        if not request.env.user.has_group("base.group_user"):
            return self._page(_("Zoom"), _("Only internal users can connect a Zoom account."), 403)
        return self._connect_zoom(code, state, error)

    # ------------------------------------------------------------------
    # Webhooks: Zoom's event notifications
    # ------------------------------------------------------------------

    @http.route(WEBHOOK_PATH, type="http", auth="none", methods=["POST"], csrf=False)
    def webhook(self, **kwargs):
        raw = request.httprequest.get_data(cache=True)  # bounded: _bound_webhook_body
        env = request.env(user=1)
        return self._handle_webhook(env, raw)

    @staticmethod
    def _json(body, status):
        response = request.make_response(json.dumps(body), headers=[("Content-Type", "application/json")])
        response.status_code = status
        return response
