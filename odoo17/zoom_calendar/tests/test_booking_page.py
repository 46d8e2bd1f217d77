"""The public booking page, /book/<id or slug>, over real HTTP to Odoo's test
server, with the fake Zoom server behind it. The tests both addons run as
they are: lib/zoom_calendar_common/tests/booking_page.py."""
from odoo.tests.common import TransactionCase, tagged
from odoo.tools import html2plaintext

from zoom_calendar_common.tests.booking_page import (  # noqa: F401 (next_monday, utc: other test modules import them)
    BookingPageHelpers, BookingPageTests, BookingSlotsTests, next_monday, utc)
from .common import ZoomHttpCase


@tagged("post_install", "-at_install")
class TestBookingSlots(BookingSlotsTests, TransactionCase):
    """The slot arithmetic alone (zoom_scheduling.booking_slots), as the
    17.0 addon calls it: no database involved, but one of Odoo's test cases
    so that Odoo's runner runs it too."""


class BookingPageCase(BookingPageHelpers, ZoomHttpCase):
    """Two public calendars and a visitor's requests; no test of its own."""

    # The booking page's own script asking the browser for its timezone
    # (17.0's frontend layout has a tz cookie script of its own).
    DETECT_TZ = 'id="o_booking_detect_tz"'

    # -- helpers -----------------------------------------------------------

    def request(self, path, data=None):
        """A visitor's request (anonymous: no session of a user). It sees
        what the test wrote so far; what it wrote is read again after."""
        response = self.url_open(path, data=data)
        self.refresh()
        return response

    def local_path(self, url):
        """``url`` without this server's address (17.0: ``base_url()`` is a method)."""
        return url.replace(self.base_url(), "")

    def stored_datetime(self, value):
        """``value`` as 17.0's Datetime fields hold it: a datetime."""
        return value

    def description_text(self, event):
        """The event's description as text (17.0: an Html field)."""
        return html2plaintext(event.description)


class TestBookingPage(BookingPageTests, BookingPageCase):
    pass
