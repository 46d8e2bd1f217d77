# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

# client_network: also this module's name for it (the controllers and tests use it).
from zoom_scheduling.public_requests import client_network  # noqa: F401  pylint: disable=unused-import
# BookingLimitReached, RATE_WINDOW: also this module's names for them (the
# controllers and tests use them).
from zoom_calendar_common.models.calendar_public_booking import (  # noqa: F401  pylint: disable=unused-import
    RATE_WINDOW, BookingLimitReached, CalendarPublicBookingCommon)


class CalendarPublicBooking(models.Model):
    """calendar.public.booking on Odoo 11.0: what this version does its own way (what both
    versions share is in zoom_calendar_common.models.calendar_public_booking)."""

    _inherit = "calendar.public.booking"

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
