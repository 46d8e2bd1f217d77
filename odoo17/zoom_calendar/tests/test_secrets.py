"""Tokens and secrets stay secret: zoom_calendar_common's tests
(tests/secrets.py), on Odoo 17.0."""
from zoom_calendar_common.tests.secrets import SecretsStaySecretTests
from .common import ZoomCase


class TestSecretsStaySecret(SecretsStaySecretTests, ZoomCase):

    def flush(self, env):
        env.flush_all()

    def as_user(self, records, user):
        return records.with_user(user)
