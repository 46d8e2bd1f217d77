# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

# client_network: also this module's name for it (the controllers and tests use it).
from zoom_scheduling.public_requests import client_network  # noqa: F401  pylint: disable=unused-import
# BookingLimitReached, RATE_WINDOW: also this module's names for them (the
# controllers and tests use them).
from zoom_calendar_common.models.calendar_public_booking import (  # noqa: F401  pylint: disable=unused-import
    RATE_WINDOW, BookingLimitReached, CalendarPublicBookingCommon)


class CalendarPublicBooking(CalendarPublicBookingCommon, models.Model):
    """A visitor's request on a public booking page: who asked (client
    address, email), which slot, and the booking it became. The page's
    limits count these records, in the database, so that every Odoo process
    agrees."""

    _name = "calendar.public.booking"
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

    @api.model_cr
    def _auto_init(self):
        res = super(CalendarPublicBooking, self)._auto_init()
        self._init_secret_columns()
        return res

    # ------------------------------------------------------------------
    # What CalendarPublicBookingCommon asks of 11.0
    # ------------------------------------------------------------------

    @staticmethod
    def _datetime_of(value):
        return fields.Datetime.from_string(value)

    @staticmethod
    def _datetime_field_value(value):
        return fields.Datetime.to_string(value)

    def _mail_company(self):
        return self.env.user.company_id
