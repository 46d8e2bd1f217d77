"""Encryption at rest for Zoom tokens and the app's secrets.

The key lives outside the database (Odoo's config file `zoom_token_key`, or
the ZOOM_TOKEN_KEY environment variable), so a database dump alone reveals
no token. Several comma-separated keys may be given: the first encrypts, all
decrypt, which lets an admin rotate the key without reconnecting everyone.
The addons read the setting and turn the two errors below into messages.
"""
from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class KeyMissing(ValueError):
    """No key is configured."""


class KeyInvalid(ValueError):
    """A configured key is not a Fernet key."""


def box(keys_setting):
    """The MultiFernet for a comma-separated list of keys."""
    keys = [key.strip() for key in (keys_setting or "").split(",") if key.strip()]
    if not keys:
        raise KeyMissing()
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:
        raise KeyInvalid()


def encrypt(box_, text):
    if not text:
        return None
    return box_.encrypt(text.encode()).decode()


def decrypt(box_, token):
    """Returns the plain text, or None when it cannot be read with the
    configured keys (the key changed): the caller asks the user to reconnect."""
    if not token:
        return None
    try:
        return box_.decrypt(token.encode()).decode()
    except InvalidToken:
        return None
