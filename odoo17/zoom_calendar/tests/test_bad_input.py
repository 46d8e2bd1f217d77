"""Malformed input, case by case: zoom_calendar_common's tests
(tests/bad_input.py), on Odoo 17.0."""
from odoo.exceptions import UserError

from zoom_calendar_common.tests.bad_input import (BadBookingPageInputTests, BadHttpInputTests,
                                                  BadSecurityInputTests, BadSettingsAndBookingsTests,
                                                  BadZoomResponsesTests)
from .common import ZoomCase, ZoomHttpCase


class Odoo17Helpers(object):
    """What the shared tests read differently on Odoo 17.0."""

    RRULE_MONDAY = "mon"
    BAD_RECORD_ERROR = UserError  # a ValidationError is one

    def error_text(self, exception):
        return str(exception)

    def invalidate(self, records):
        records.invalidate_recordset()

    def http(self, path, data=None, **kwargs):
        return self.url_open(path, data=data, **kwargs)


class TestBadSettingsAndBookings(BadSettingsAndBookingsTests, Odoo17Helpers, ZoomCase):
    pass


class TestBadZoomResponses(BadZoomResponsesTests, ZoomCase):
    pass


class TestBadHttpInput(BadHttpInputTests, Odoo17Helpers, ZoomHttpCase):
    pass


class TestBadBookingPageInput(BadBookingPageInputTests, ZoomHttpCase):
    pass


class TestBadSecurityInput(BadSecurityInputTests, Odoo17Helpers, ZoomHttpCase):
    pass
