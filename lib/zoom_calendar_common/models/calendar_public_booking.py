"""calendar.public.booking, declared once for both addons: its fields, the
visitor's secrets (kept as hashes only), the booking a request becomes, its
emailed confirmation link and the clean-up of the expired ones.

Datetime fields hold strings on 11.0 and datetimes on 17.0: each addon's
model converts them (``_datetime_of`` and ``_datetime_field_value``)."""
import secrets
from datetime import timedelta
from email.utils import formataddr
from html import escape

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import consteq

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from zoom_scheduling import booking_slots
from zoom_scheduling.public_requests import token_digest

from .. import ADDON
from ..i18n import _


# The visitor's secrets, as sha256 hex digests in columns the ORM does not
# know: no user reads them over RPC, and the database holds no usable link.
# page: the confirmation page /book/<key>/booked/<attendee>/<token>;
# confirm: the one-time link mailed when visitors confirm their email first.
SECRET_COLUMNS = ("page_token_hash", "confirm_token_hash")
CONFIRM_TTL = timedelta(minutes=30)
RATE_WINDOW = timedelta(hours=1)
# Expired requests are kept this long after their link expired, then deleted
# (they no longer count towards any limit).
EXPIRED_KEPT = timedelta(days=1)


class BookingLimitReached(UserError):
    """A client address or an email reached its calendar's booking limit
    (the page answers 429)."""


def _check_column(column):
    # The column's name goes into SQL: one of ours only.
    if column not in SECRET_COLUMNS:
        raise ValueError("not a secret column: %r" % column)


class CalendarPublicBookingCommon(models.Model):
    """A visitor's request on a public booking page: who asked (client
    address, email), which slot, and the booking it became. The page's
    limits count these records, in the database, so that every Odoo process
    agrees."""

    _name = "calendar.public.booking"
    _module = ADDON  # see the package's docstring
    _description = "Public Booking Request"
    _order = "id desc"

    group_id = fields.Many2one("calendar.group", string="Group Calendar", required=True,
                               index=True, ondelete="cascade", readonly=True)
    state = fields.Selection(
        [("pending", "Waiting for the visitor's email confirmation"), ("booked", "Booked")],
        required=True, default="pending", readonly=True)
    slot_start = fields.Datetime(required=True, readonly=True)
    visitor_name = fields.Char(required=True, readonly=True)
    visitor_email = fields.Char(required=True, readonly=True, index=True)
    note = fields.Text(readonly=True)
    tz = fields.Char(string="Visitor's Timezone", readonly=True)
    client_address = fields.Char(readonly=True, help="The address the request came from (for IPv6, "
                                                     "its /64 network).")
    expires_at = fields.Datetime(readonly=True, help="The emailed confirmation link works until then.")
    event_id = fields.Many2one("calendar.event", string="Booking", readonly=True, ondelete="set null")
    attendee_id = fields.Many2one("calendar.attendee", string="Visitor's Attendee", readonly=True,
                                  index=True, ondelete="set null")

    # ------------------------------------------------------------------
    # What each addon's model implements
    # ------------------------------------------------------------------

    def _auto_init(self):
        res = super()._auto_init()
        self._init_secret_columns()
        return res

    @staticmethod
    def _datetime_of(value):
        """A Datetime field's value (or ``fields.Datetime.now()``) as a
        naive UTC datetime."""
        raise NotImplementedError

    @staticmethod
    def _datetime_field_value(value):
        """What this Odoo version's ORM writes and searches a Datetime field
        with, for the naive UTC datetime ``value``."""
        raise NotImplementedError

    def _mail_company(self):
        """The company whose name and email send the confirmation link."""
        raise NotImplementedError

    # ------------------------------------------------------------------
    # Secrets
    # ------------------------------------------------------------------

    def _init_secret_columns(self):
        """The secrets' columns, which the ORM does not know, and the index
        the page's limits count requests with; for each addon's _auto_init."""
        for column in SECRET_COLUMNS:
            if not tools.column_exists(self._cr, self._table, column):
                tools.create_column(self._cr, self._table, column, "varchar(64)")
        self._cr.execute("CREATE INDEX IF NOT EXISTS calendar_public_booking_rate_index "
                         "ON calendar_public_booking (group_id, client_address, create_date)")

    def _new_secret(self, column):
        """A fresh random token for this request; only its hash is kept."""
        _check_column(column)
        self.ensure_one()
        token = secrets.token_urlsafe(32)
        self.env.cr.execute("UPDATE calendar_public_booking SET %s = %%s WHERE id = %%s" % column,
                            (token_digest(token), self.id))
        return token

    def _has_secret(self, column, token):
        _check_column(column)
        self.ensure_one()
        self.env.cr.execute("SELECT %s FROM calendar_public_booking WHERE id = %%s" % column, (self.id,))
        row = self.env.cr.fetchone()
        return bool(row and row[0] and isinstance(token, str) and consteq(row[0], token_digest(token)))

    @api.model
    def _find_booked(self, attendee_id, token):
        """The booked request behind a confirmation page's address, or none."""
        requests = self.search([("attendee_id", "=", attendee_id), ("state", "=", "booked")])
        return requests.filtered(lambda request: request._has_secret("page_token_hash", token))[:1]

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------

    def _book(self):
        """Makes the booking (host, meeting, invitations) and returns the
        token of its confirmation page. Raises UserError when the slot is
        not (or no longer) free."""
        self.ensure_one()
        attendee = self.group_id._book_public(self._datetime_of(self.slot_start),
                                              self.visitor_name, self.visitor_email, self.note, self.tz)
        self.write({"state": "booked", "event_id": attendee.event_id.id,
                    "attendee_id": attendee.id, "expires_at": False})
        return self._new_secret("page_token_hash")

    def _send_confirmation_link(self):
        """Mails the visitor a one-time link, valid for 30 minutes, that
        makes the booking. The mail holds no text the visitor typed (neither
        their name nor their note): whoever typed someone else's address
        cannot write to them through it."""
        self.ensure_one()
        now = self._datetime_of(fields.Datetime.now())
        self.write({"expires_at": self._datetime_field_value(now + CONFIRM_TTL)})
        token = self._new_secret("confirm_token_hash")
        group = self.group_id
        start = self._datetime_of(self.slot_start)
        stop = start + timedelta(minutes=int(round(group.duration * 60)))
        values = {
            "calendar": escape(group.name),
            "slot": escape(booking_slots.describe(start, stop, self.tz, self.env.lang or "en_US")),
            "url": escape("%s/confirm/%s/%s" % (group.booking_url, self.id, token)),
            "minutes": int(CONFIRM_TTL.total_seconds() // 60),
        }
        body = "".join([
            "<p>", _("Someone, hopefully you, asked to book %(calendar)s on %(slot)s.") % values, "</p>",
            "<p>", _("To confirm this booking, open this link within %(minutes)d minutes:") % values, "</p>",
            '<p><a href="%(url)s">%(url)s</a></p>' % values,
            "<p>", _("If you did not ask for it, ignore this email: nothing is booked.") % values, "</p>",
        ])
        company = self._mail_company()
        self.env["mail.mail"].create({
            "subject": _("Confirm your booking: %(calendar)s") % {"calendar": group.name},
            "email_to": self.visitor_email,
            "email_from": company.email and formataddr((company.name, company.email)) or False,
            "body_html": body,
            "auto_delete": True,
        })
        return token

    @api.model
    def _find_by_confirmation_link(self, request_id, token):
        """The request behind an emailed link, whatever its state, or none."""
        request = self.browse(request_id).exists() if 0 < request_id < 2 ** 31 else self.browse()
        if request and request._has_secret("confirm_token_hash", token):
            return request
        return self.browse()

    def _link_problem(self):
        """Why this request's emailed link can no longer book, or None."""
        self.ensure_one()
        if self.state == "booked":
            return _("This link was already used: your booking is made. Its confirmation "
                     "was sent to you by email.")
        if not self.expires_at or self.expires_at <= fields.Datetime.now():
            return _("This link has expired: links are valid for %(minutes)d minutes. "
                     "Please book again.") % {"minutes": int(CONFIRM_TTL.total_seconds() // 60)}
        return None

    @api.model
    def _gc_expired(self):
        """Deletes the requests whose emailed link expired a day ago and
        that were never confirmed."""
        limit = self._datetime_of(fields.Datetime.now()) - EXPIRED_KEPT
        self.search([("state", "=", "pending"),
                     ("expires_at", "<", self._datetime_field_value(limit))]).unlink()
