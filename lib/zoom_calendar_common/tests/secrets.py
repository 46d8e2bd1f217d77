"""Tokens and secrets appear in no log line, message or error.

The addon's test class inherits these beside its ZoomCase, and provides
what its Odoo does differently: ``flush(env)`` (pending writes to the
database) and ``as_user(records, user)`` (the records as ``user`` sees
them)."""
import logging
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.addons.zoom_calendar.tests.common import WEBHOOK_SECRET


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


class SecretsStaySecretTests(object):
    """Tokens and secrets appear in no log line, message or error, at any
    log level, through connect, booking, refresh, failure and disconnect."""

    def test_no_secret_in_logs_messages_or_errors(self):
        handler = _Collect()
        root = logging.getLogger()
        old_level = root.level
        root.addHandler(handler)
        root.setLevel(logging.DEBUG)
        seen_tokens = []
        try:
            account = self.connect(self.alice)
            seen_tokens.append(account._read_tokens(self.env.cr))
            event = self.book(self.collective, partners=self.erin)
            with freeze_time(datetime.utcnow() + timedelta(seconds=3500)):
                self.book(self.collective, start=datetime(2031, 3, 4, 9))
            seen_tokens.append(account._read_tokens(self.env.cr))
            self.fake.control.fault(path="/v2/meetings/*", method="PATCH", count=1, status=401,
                                    body={"code": 124, "message": "Invalid access token."})
            event.name = "Renamed"
            self.flush(self.env)
            self.connect(self.alice)
            seen_tokens.append(account._read_tokens(self.env.cr))
            self.as_user(account, self.alice).action_disconnect()
            self.flush(self.env)
        finally:
            root.removeHandler(handler)
            root.setLevel(old_level)
        secrets = {"demo-client-secret", WEBHOOK_SECRET}
        for tokens in seen_tokens:
            secrets |= {tokens.access_token, tokens.refresh_token}
        self.assertGreater(len(handler.lines), 10)
        texts = {
            "logs": "\n".join(handler.lines),
            "messages": " ".join(self.env["mail.message"].search([]).mapped(lambda m: str(m.body or ""))),
            "errors": " ".join(self.env["zoom.meeting"].search([]).mapped(lambda m: m.last_error or "")),
            "bindings": " ".join(self.env["zoom.account"].search([]).mapped(lambda a: a.last_error or "")),
            "parameters": " ".join(self.env["ir.config_parameter"].search([]).mapped("value")),
        }
        for where, text in texts.items():
            for secret in secrets:
                self.assertNotIn(secret, text, "a secret in the %s" % where)
