"""Malformed input, case by case: zoom_calendar_common's tests
(tests/bad_input.py), on Odoo 11.0."""
from odoo.exceptions import UserError, ValidationError

from zoom_calendar_common.tests.bad_input import (BadBookingPageInputTests, BadHttpInputTests,
                                                  BadSecurityInputTests, BadSettingsAndBookingsTests,
                                                  BadZoomResponsesTests)
from .common import ZoomCase, ZoomHttpCase


class Odoo11Helpers(object):
    """What the shared tests read differently on Odoo 11.0."""

    RRULE_MONDAY = "mo"
    BAD_RECORD_ERROR = (UserError, ValidationError)

    def error_text(self, exception):
        return exception.name

    def invalidate(self, records):
        records.invalidate_cache()

    def http(self, path, data=None, timeout=10, **kwargs):
        """Odoo 11's url_open takes neither headers nor allow_redirects."""
        if data is None:
            return self.opener.get(self.base_url + path, timeout=timeout, **kwargs)
        return self.opener.post(self.base_url + path, data=data, timeout=timeout, **kwargs)


class TestBadSettingsAndBookings(BadSettingsAndBookingsTests, Odoo11Helpers, ZoomCase):
    pass


class TestBadZoomResponses(BadZoomResponsesTests, ZoomCase):
    pass


class TestBadHttpInput(BadHttpInputTests, Odoo11Helpers, ZoomHttpCase):
    pass


class TestBadBookingPageInput(BadBookingPageInputTests, ZoomHttpCase):
    pass


class TestBadSecurityInput(BadSecurityInputTests, Odoo11Helpers, ZoomHttpCase):
    pass
