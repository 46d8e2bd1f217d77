"""The public booking page played by an attacker: anonymous HTTP on /book/,
XML-RPC as an employee and as a portal user (issue 10)."""
import html
import re
import unittest

from odoo.exceptions import ValidationError

from ..services import visitor_text
from .test_booking_page import BookingPageCase, utc

MALLORY = "Mallory \u202etxt.exe\u200b"


class TestVisitorText(unittest.TestCase):

    def test_names_refuse_control_format_and_separator_characters(self):
        for text, expected in [
                (MALLORY, ["U+202E", "U+200B"]),
                ("Erin\x00", ["U+0000"]),
                ("Erin\nBcc", ["U+000A"]),
                ("Line\u2028Para\u2029", ["U+2028", "U+2029"]),
                ("Soft\u00adhyphen\u200d", ["U+00AD", "U+200D"]),
                ("Zoë Ünal-Łukasz 王秀英", []),
        ]:
            self.assertEqual(visitor_text.forbidden_characters(text), expected, text)

    def test_notes_keep_their_line_breaks_only(self):
        self.assertEqual(visitor_text.forbidden_characters("Hello\r\n\tworld", multiline=True), [])
        self.assertEqual(visitor_text.forbidden_characters("a\u202eb\n", multiline=True), ["U+202E"])


class TestPublicPageInput(BookingPageCase):

    def test_non_ascii_digit_keys_are_not_found(self):
        for key in ("%C2%B2", "%D9%A3", "1%C2%B2", "%EF%BC%91", "%E2%91%A0"):
            for path in ("/book/%s", "/book/%s/slot?slot=2031-03-03T09:00Z"):
                with self.subTest(key=key, path=path):
                    text = self.page(path % key, 404)
                    self.assertIn("There is no booking page at this address", text)

    def test_names_with_invisible_characters_are_refused(self):
        start = utc(self.monday, 9)
        for name in (MALLORY, "Erin\u2028Visitor", "\u2066Erin\u2069"):
            with self.subTest(name=name):
                text = self.submit(self.round_robin, start, status=400, name=name)
                self.assertIn("invisible or control characters", text)
        text = self.submit(self.round_robin, start, status=400, note="Hi\u202e there")
        self.assertIn("Your note contains invisible or control characters", text)
        self.assertFalse(self.bookings(self.round_robin))
        # A note keeps its line breaks.
        self.submit(self.round_robin, start, note="First line\r\nSecond line")
        self.assertEqual(self.bookings(self.round_robin).description, "First line\r\nSecond line")

    def test_booking_names_refuse_invisible_characters_whatever_creates_them(self):
        with self.assertRaises(ValidationError) as caught, self.cr.savepoint():
            self.round_robin.sudo()._book_public(utc(self.monday, 9), MALLORY, "mallory@example.net")
        self.assertIn("U+202E", caught.exception.name)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.book(self.round_robin, name="Call \u202egnp.exe")
        self.assertFalse(self.bookings(self.round_robin))

    def test_confirmation_page_is_neither_cached_nor_referred(self):
        self.submit(self.round_robin, utc(self.monday, 9))
        self.assertIn("/booked/", self.last_url)
        response = self.request(self.last_url.replace(self.base_url, ""))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers.get("Referrer-Policy"), "no-referrer")
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        self.assertIn("You are booked", html.unescape(response.text))
        self.assertTrue(re.search(r'class="o_booking_join_url"', response.text))
