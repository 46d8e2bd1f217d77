"""Zoom's webhook signature, computed the way Zoom does (stdlib only).

Deliberately not imported from zoom_api: the fake must stay independent of
the code it tests, so a bug in one does not hide in the other.
"""
import hashlib
import hmac


def sign(secret, timestamp, raw_body):
    message = b'v0:' + str(timestamp).encode('utf-8') + b':' + raw_body
    return 'v0=' + hmac.new(secret.encode('utf-8'), message, hashlib.sha256).hexdigest()
