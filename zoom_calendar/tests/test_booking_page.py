"""The public booking page, /book/<id or slug>, over real HTTP to Odoo's test
server, with the fake Zoom server behind it. The tests both addons run as
they are: lib/zoom_calendar_common/tests/booking_page.py."""
import unittest

from odoo import fields

from zoom_calendar_common.tests.booking_page import (  # noqa: F401 (next_monday: other test modules import it)
    BookingPageHelpers, BookingPageTests, BookingSlotsTests, next_monday, utc)
from .common import ZoomHttpCase


class TestBookingSlots(BookingSlotsTests, unittest.TestCase):
    """The slot arithmetic alone (services/booking_slots.py)."""


class BookingPageCase(BookingPageHelpers, ZoomHttpCase):
    """Two public calendars and a visitor's requests; no test of its own."""

    # The booking page's script asking the browser for its timezone.
    DETECT_TZ = "Intl.DateTimeFormat"

    def setUp(self):
        super().setUp()
        self.checkpoint()

    # -- helpers -----------------------------------------------------------

    def request(self, path, data=None):
        """A visitor's request; what the test wrote so far is kept (each
        request starts by rolling back to the test cursor's last commit)."""
        self.checkpoint()
        response = self.url_open(path, data=data)
        self.env.cache.invalidate()
        return response

    def local_path(self, url):
        """``url`` without this server's address (11.0: ``base_url`` is a string)."""
        return url.replace(self.base_url, "")

    def stored_datetime(self, value):
        """``value`` as 11.0's Datetime fields hold it: a string."""
        return fields.Datetime.to_string(value)

    def description_text(self, event):
        """The event's description as text (11.0: a Text field)."""
        return event.description


class TestBookingPage(BookingPageTests, BookingPageCase):

    def test_refusal_that_is_not_a_taken_slot_gives_a_try_again_page(self):
        """A booking refused for a reason of the calendar's own (here its
        name, which every booking's name carries, holds an invisible
        character) is not the visitor's race to lose: a 503 "try again
        later" page, not "this time was just taken"."""
        self.round_robin.name = "Sales\u00ad Team"
        text = self.submit(self.round_robin, utc(self.monday, 9), status=503)
        self.assertIn("Booking not possible right now", text)
        self.assertIn("cannot take this booking right now. Please try again later.", text)
        self.assertNotIn("This time was just taken", text)
        self.assertFalse(self.bookings(self.round_robin))
