"""Zoom webhook signatures: signing, verification and URL validation.

Zoom sends `x-zm-request-timestamp` (Unix time in seconds) and
`x-zm-signature` = "v0=" + hex(HMAC-SHA256(secret, "v0:{timestamp}:{raw body}")).
The signature covers the raw bytes, so verify before parsing the JSON.
"""
import hashlib
import hmac
import io
import json
import re
import time

from .errors import WebhookError

SIGNATURE_HEADER = 'x-zm-signature'
TIMESTAMP_HEADER = 'x-zm-request-timestamp'
# A timestamp this large can only be in milliseconds (year 5138 in seconds).
_MILLISECONDS_FROM = 10 ** 11
_TIMESTAMP_RE = re.compile('[0-9]{1,16}')
# Zoom's notifications are a few KiB; anything larger is refused unread.
MAX_BODY_BYTES = 64 * 1024


def _bytes(value):
    return value if isinstance(value, bytes) else str(value).encode('utf-8')


def _hmac_hex(secret, message):
    return hmac.new(_bytes(secret), _bytes(message), hashlib.sha256).hexdigest()


def sign(secret, timestamp, raw_body):
    """The `x-zm-signature` value Zoom would send for this body."""
    message = b'v0:' + _bytes(timestamp) + b':' + _bytes(raw_body)
    return 'v0=' + _hmac_hex(secret, message)


def _header(headers, name):
    """Case-insensitive lookup that works on dicts and Werkzeug headers."""
    value = headers.get(name)
    if value is None:
        for key, item in headers.items():
            if key.lower() == name:
                return item
    return value


def verify_signature(secret, timestamp, signature, raw_body, now=None, tolerance=300):
    """Raise WebhookError unless the signature and timestamp are good."""
    if not secret:
        raise WebhookError("no webhook secret configured")
    if not timestamp or not signature:
        raise WebhookError("missing signature headers")
    # Digits only: float() took 'nan' (which every comparison lets through),
    # 'inf' and '1e9'; str.isdigit() takes '²'.
    if not isinstance(timestamp, str) or not _TIMESTAMP_RE.fullmatch(timestamp):
        raise WebhookError("malformed timestamp")
    seconds = float(int(timestamp))
    if seconds >= _MILLISECONDS_FROM:
        seconds /= 1000.0  # be lenient: some senders use milliseconds
    expected = sign(secret, timestamp, raw_body)
    if not hmac.compare_digest(_bytes(expected), _bytes(signature)):
        raise WebhookError("bad signature")
    now = time.time() if now is None else now
    if now - seconds > tolerance:
        raise WebhookError("stale timestamp")
    if seconds - now > tolerance:
        raise WebhookError("timestamp in the future")


def verify(secret, headers, raw_body, now=None, tolerance=300):
    """Check a webhook request and return its parsed JSON body.

    `headers` is any mapping of the request headers. Raises WebhookError
    (with `reason`) for missing headers, a bad signature, a stale or future
    timestamp, or a body that is not a JSON object.
    """
    verify_signature(secret, _header(headers, TIMESTAMP_HEADER),
                     _header(headers, SIGNATURE_HEADER), raw_body,
                     now=now, tolerance=tolerance)
    try:
        data = json.loads(_bytes(raw_body).decode('utf-8'))
    except ValueError:
        raise WebhookError("body is not JSON")
    if not isinstance(data, dict):
        raise WebhookError("body is not a JSON object")
    return data


def url_validation_response(secret, plain_token):
    """The answer to Zoom's `endpoint.url_validation` challenge."""
    return {'plainToken': plain_token,
            'encryptedToken': _hmac_hex(secret, plain_token)}


def body_too_large(environ, limit=MAX_BODY_BYTES):
    """Whether the body of the request in this WSGI ``environ`` is over
    ``limit`` bytes, found without reading it when it announces its length
    (``CONTENT_LENGTH``), or, chunked (``wsgi.input_terminated``: no
    length), once one byte past the limit is read; a chunked body within
    the limit is then kept in ``environ['wsgi.input']`` for the framework
    to read as usual. Call it before anything parses the body."""
    try:
        length = int(environ.get('CONTENT_LENGTH') or 0)
    except ValueError:
        length = 0
    if length > limit:
        return True
    if environ.get('wsgi.input_terminated'):  # chunked: a framework would read it all
        body = b''
        while len(body) <= limit:
            chunk = environ['wsgi.input'].read(limit + 1 - len(body))
            if not chunk:
                break
            body += chunk
        if len(body) > limit:
            return True
        environ['wsgi.input'] = io.BytesIO(body)
    return False
