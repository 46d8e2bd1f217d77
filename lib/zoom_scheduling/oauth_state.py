"""The OAuth `state` parameter: signed, bound to one Odoo user and browser
session, single use, valid for 10 minutes. Plain functions, no ORM."""
import hashlib
import hmac
import re
import secrets
import time

STATE_TTL = 600


class StateError(Exception):
    """The state is missing, forged, expired, reused or someone else's."""


def _signature(secret, payload):
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


def make_state(secret, uid, session_id, now=None):
    """Returns (state, nonce). The caller keeps the nonce in the session:
    popping it on the callback is what makes the state single-use."""
    nonce = secrets.token_urlsafe(16)
    expires = int((now or time.time()) + STATE_TTL)
    payload = "%s.%s.%s" % (uid, nonce, expires)
    session_tag = _signature(secret, "session:%s" % session_id)[:16]
    return "%s.%s" % (payload, _signature(secret, payload + session_tag)), nonce


def check_state(secret, state, uid, session_id, now=None):
    """Returns the nonce of a valid state for this user and session."""
    parts = (state or "").split(".")
    if len(parts) != 4:
        raise StateError("missing or malformed state")
    state_uid, nonce, expires, signature = parts
    payload = "%s.%s.%s" % (state_uid, nonce, expires)
    session_tag = _signature(secret, "session:%s" % session_id)[:16]
    # As bytes: compare_digest refuses a str that is not ASCII (a 500).
    if not hmac.compare_digest(signature.encode(), _signature(secret, payload + session_tag).encode()):
        raise StateError("forged state, or one from another browser session")
    if state_uid != str(uid):
        raise StateError("state of another user")
    if not re.fullmatch("[0-9]{1,12}", expires) or int(expires) < (now or time.time()):
        raise StateError("expired state")
    return nonce
