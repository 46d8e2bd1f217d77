# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from psycopg2 import sql

from odoo import fields, models

from zoom_scheduling.meeting_life import naive_utc
from zoom_scheduling.zoom_api import ZoomTokens
from zoom_calendar_common.models.zoom_account import (  # noqa: F401 (the addon's names for them)
    CALL_FIELDS, DEFAULT_API_BASE, DEFAULT_OAUTH_BASE, TOKEN_COLUMNS, ZOOM_USER_TYPES, ZoomAccountCommon,
    allowed_base_urls)
from zoom_calendar_common.services import secret_box


class ZoomAccount(models.Model):
    """zoom.account on Odoo 11.0: what this version does its own way (what both
    versions share is in zoom_calendar_common.models.zoom_account)."""

    _inherit = "zoom.account"

    # ------------------------------------------------------------------
    # Tokens and the binding's cached fields (ZoomAccountCommon has the rest)
    # ------------------------------------------------------------------

    def _read_tokens(self, db_cursor, lock=False, also=()):
        db_cursor.execute(sql.SQL(
            "SELECT access_token_enc, refresh_token_enc, token_expires_at{} FROM zoom_account WHERE id = %s"
            + (" FOR UPDATE" if lock else "")).format(
                sql.SQL("").join(sql.SQL(", {}").format(sql.Identifier(name)) for name in also)),
            (self.id,))
        row = db_cursor.fetchone()
        if row and also:
            self._cache.update(self._convert_to_cache(dict(zip(also, row[3:])), validate=False))
        if not row or not row[0]:
            return None
        access_token, refresh_token = secret_box.decrypt(row[0]), secret_box.decrypt(row[1])
        if not access_token or not refresh_token:
            return None
        return ZoomTokens(access_token=access_token, refresh_token=refresh_token,
                          expires_at=row[2] or 0.0, scope=None, api_url=self.api_url)

    def _mark_reconnect_needed(self, db_cursor, reason):
        db_cursor.execute("UPDATE zoom_account SET state = 'reconnect_needed', last_error = %s, "
                          "access_token_enc = NULL, refresh_token_enc = NULL WHERE id = %s",
                          (reason, self.id))
        self.invalidate_cache(["state", "last_error"], self.ids)

    def _note_daily_cap(self, retry_at):
        """Remembers Zoom's answer even if the booking's transaction rolls back."""
        retry_at = naive_utc(retry_at)  # Zoom's answers are aware; Odoo stores naive UTC
        until = fields.Datetime.to_string(retry_at)
        for account in self:
            with account._token_cursor() as cr:
                cr.execute("UPDATE zoom_account SET daily_cap_until = %s WHERE id = %s", (until, account.id))
        self.invalidate_cache(["daily_cap_until"], self.ids)
