"""Encryption at rest for Zoom tokens and the app's secrets.

The key lives outside the database (Odoo's config file `zoom_token_key`, or
the ZOOM_TOKEN_KEY environment variable), so a database dump alone reveals
no token. Several comma-separated keys may be given: the first encrypts, all
decrypt, which lets an admin rotate the key without reconnecting everyone.
"""
import os

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from odoo import _
from odoo.exceptions import UserError
from odoo.tools import config


def _box():
    keys = config.get("zoom_token_key") or os.environ.get("ZOOM_TOKEN_KEY") or ""
    keys = [key.strip() for key in keys.split(",") if key.strip()]
    if not keys:
        raise UserError(_(
            "Zoom is not set up on this server: the key that encrypts Zoom tokens "
            "is missing. Add 'zoom_token_key' to the Odoo configuration file "
            "(a Fernet key), then restart Odoo."))
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:
        raise UserError(_(
            "The 'zoom_token_key' in the Odoo configuration file is not a valid "
            "Fernet key (32 url-safe base64-encoded bytes)."))


def encrypt(text):
    if not text:
        return None
    return _box().encrypt(text.encode()).decode()


def decrypt(token):
    """Returns the plain text, or None when it cannot be read with the
    configured keys (the key changed): the caller asks the user to reconnect."""
    if not token:
        return None
    try:
        return _box().decrypt(token.encode()).decode()
    except InvalidToken:
        return None
