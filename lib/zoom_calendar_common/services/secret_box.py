"""The addon's side of zoom_scheduling.secret_box: where the key is
configured, and the messages when it is missing or wrong."""
import os

from odoo.exceptions import UserError
from odoo.tools import config

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from zoom_scheduling import secret_box

from ..i18n import _


def _box():
    try:
        return secret_box.box(config.get("zoom_token_key") or os.environ.get("ZOOM_TOKEN_KEY"))
    except secret_box.KeyMissing:
        raise UserError(_(
            "Zoom is not set up on this server: the key that encrypts Zoom tokens "
            "is missing. Add 'zoom_token_key' to the Odoo configuration file "
            "(a Fernet key), then restart Odoo."))
    except secret_box.KeyInvalid:
        raise UserError(_(
            "The 'zoom_token_key' in the Odoo configuration file is not a valid "
            "Fernet key (32 url-safe base64-encoded bytes)."))


def encrypt(text):
    return secret_box.encrypt(_box(), text) if text else None


def decrypt(token):
    """The plain text, or None when the configured keys cannot read it."""
    return secret_box.decrypt(_box(), token) if token else None
