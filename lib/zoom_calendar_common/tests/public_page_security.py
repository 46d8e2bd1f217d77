"""The public booking page played by an attacker (issue 10): the tests that
both addons run as they are (each addon's tests/test_public_page_security.py
inherits them). What each Odoo does its own way stays on the addon's
classes, behind the named helpers these tests call (see each class)."""
import hashlib
import html
import re
import time
from datetime import timedelta

from odoo.exceptions import ValidationError

from odoo.addons.zoom_calendar.models import calendar_public_booking as public_booking
from zoom_calendar_common.tests.booking_page import utc
from zoom_scheduling import form_stamp, visitor_text

MALLORY = "Mallory \u202etxt.exe\u200b"


class VisitorTextTests(object):

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


class ClientNetworkTests(object):

    def test_ipv6_clients_count_by_their_64_network(self):
        self.assertEqual(public_booking.client_network("203.0.113.7"), "203.0.113.7")
        self.assertEqual(public_booking.client_network("2001:db8:1:2::1"), "2001:db8:1:2::/64")
        self.assertEqual(public_booking.client_network("2001:db8:1:2:ffff::9"), "2001:db8:1:2::/64")
        self.assertEqual(public_booking.client_network("::ffff:203.0.113.7"), "203.0.113.7")
        self.assertFalse(public_booking.client_network(None))


class PublicPageInputTests(object):
    """Anonymous HTTP on /book/ with what an attacker sends. Each addon's
    class adds ``assert_note_lines_kept()`` and ``error_message()``."""

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
        self.assert_note_lines_kept(self.bookings(self.round_robin))

    def test_booking_names_refuse_invisible_characters_whatever_creates_them(self):
        with self.assertRaises(ValidationError) as caught, self.cr.savepoint():
            self.round_robin.sudo()._book_public(utc(self.monday, 9), MALLORY, "mallory@example.net")
        self.assertIn("U+202E", self.error_message(caught.exception))
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.book(self.round_robin, name="Call \u202egnp.exe")
        self.assertFalse(self.bookings(self.round_robin))

    def test_confirmation_page_is_neither_cached_nor_referred(self):
        self.submit(self.round_robin, utc(self.monday, 9))
        self.assertIn("/booked/", self.last_url)
        response = self.request(self.local_path(self.last_url))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers.get("Referrer-Policy"), "no-referrer")
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        self.assertIn("You are booked", html.unescape(response.text))
        self.assertTrue(re.search(r'class="o_booking_join_url"', response.text))


class ConfirmationSecretTests(object):
    """Item 2: the confirmation page opens with a secret of its own. Each
    addon's class adds ``self.portal``, the XML-RPC helpers and
    ``requests_as_zoom_administrator()``."""

    def booked(self):
        self.submit(self.round_robin, utc(self.monday, 9, 30))
        event = self.bookings(self.round_robin)
        attendee = event.attendee_ids.filtered(lambda att: att.email == "erin.visitor@example.net")
        prefix = "/book/%s/booked/%s/" % (self.round_robin.id, attendee.id)
        token = self.last_url.split(prefix)[1].split("?")[0]
        return event, attendee, prefix, token

    def test_attendee_access_token_no_longer_opens_the_page(self):
        event, attendee, prefix, token = self.booked()
        self.assertTrue(attendee.access_token)
        self.assertNotIn(attendee.access_token, self.last_url)
        self.assertIn("You are booked", self.page(prefix + token))
        text = self.page(prefix + attendee.access_token, 404)
        self.assertIn("There is no booking at this address", text)

    def test_no_user_reads_the_secret_over_rpc(self):
        event, attendee, prefix, token = self.booked()
        digest = hashlib.sha256(token.encode()).hexdigest()
        records = self.rpc_call(self.carol, "calendar.attendee", "search_read", [("id", "=", attendee.id)])
        self.assertEqual(len(records), 1)  # employees see attendees, not the secret
        for secret in (token, digest):
            self.assertNotIn(secret, str(records))
        self.assert_rpc_denied(self.carol, "calendar.public.booking", "search", [])
        self.assert_rpc_denied(self.portal, "calendar.public.booking", "search", [])
        # Zoom administrators see the requests, without any secret.
        requests = self.requests_as_zoom_administrator()
        self.assertEqual(len(requests), 1)
        for secret in (token, digest):
            self.assertNotIn(secret, str(requests))


class PublicContactsTests(object):
    """Item 4: a visitor never gets a user's contact, nor anything of a
    contact they do not know. Each addon's class adds
    ``decline_invitation()`` (and on 11.0 ``make_portal_user()``)."""

    def test_visitor_with_a_users_email_gets_a_contact_of_their_own(self):
        text = self.submit(self.collective, utc(self.monday, 9), name="Not Bob", email="BOB@example.com")
        event = self.bookings(self.collective)
        visitor = event.partner_ids.filtered(lambda partner: partner.name == "Not Bob")
        self.assertTrue(visitor)
        self.assertNotEqual(visitor, self.bob.partner_id)
        self.assertIn(self.bob.partner_id, event.partner_ids)  # a member of the collective calendar
        self.assertEqual(self.bob.partner_id.name, "Bob Baker")
        self.assertNotIn("Bob Baker", text)
        self.assertIn("BOB@example.com", text)  # what the visitor typed
        bob_attendee = event.attendee_ids.filtered(lambda att: att.partner_id == self.bob.partner_id)
        visitor_attendee = event.attendee_ids.filtered(lambda att: att.partner_id == visitor)
        for attendee in event.attendee_ids:
            self.assertNotIn(attendee.access_token, self.last_url)
        bob_state = bob_attendee.state
        # The visitor's invitation token declines the visitor's attendance, not Bob's.
        self.decline_invitation(visitor_attendee, event)
        self.assertEqual(visitor_attendee.state, "declined")
        self.assertEqual(bob_attendee.state, bob_state)
        self.assertNotEqual(bob_state, "declined")

    def test_visitor_never_gets_the_contact_of_a_portal_or_archived_user(self):
        portal = self.make_portal_user()
        gone = self._make_user("zed", "Zed Zimmer")
        gone.active = False
        for index, user in enumerate((portal, gone)):
            with self.subTest(user=user.name):
                start = utc(self.monday, 9 + index)
                self.submit(self.round_robin, start, name=user.name, email=user.email.upper())
                event = self.bookings(self.round_robin).filtered(
                    lambda event: event.start == self.stored_datetime(start))
                visitor = event.partner_ids.filtered(lambda partner: partner.email == user.email.upper())
                self.assertTrue(visitor)
                self.assertNotIn(user.partner_id, event.partner_ids)


class SpamAndFloodingTests(object):
    """Item 3: limits per client address and per email, a honeypot, a
    minimum fill time, and the optional email confirmation. Each addon's
    class adds ``execute_sql()``."""

    def requests(self, group):
        return self.env["calendar.public.booking"].search([("group_id", "=", group.id)])

    def test_honeypot_refuses_the_booking(self):
        text = self.submit(self.round_robin, utc(self.monday, 9), status=400, homepage="http://spam.example")
        self.assertIn("could not be sent", text)
        self.assertFalse(self.bookings(self.round_robin))
        form = self.page("/book/%s/slot?slot=%s" % (self.round_robin.id, self.key(utc(self.monday, 9))))
        self.assertRegex(form, r'<div class="o_booking_trap" aria-hidden="true">')

    def test_form_sent_too_fast_is_refused_until_the_minimum_has_passed(self):
        self.round_robin.booking_min_fill_seconds = 30
        start = utc(self.monday, 9)
        text = self.submit(self.round_robin, start, status=400)
        self.assertIn("sent very fast", text)
        sent = self.form_stamp
        self.assertIn('name="form_stamp" value="%s"' % sent, text)  # the time taken keeps counting
        self.assertIn('value="Erin Visitor"', text)
        self.assertFalse(self.bookings(self.round_robin))
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        for forged in ("", "123.abc", "9999999999." + "0" * 32, "%s.%s" % (int(time.time()) - 60, sent[-32:]),
                       form_stamp.make_stamp(secret, self.collective.id, time.time() - 60)):
            with self.subTest(stamp=forged):
                text = self.submit(self.round_robin, start, status=400, form_stamp=forged)
                self.assertIn("could not be checked", text)
        self.submit(self.round_robin, start, form_stamp=form_stamp.make_stamp(
            secret, self.round_robin.id, time.time() - 31))
        self.assertEqual(len(self.bookings(self.round_robin)), 1)

    def test_bookings_per_client_address_are_limited(self):
        self.round_robin.booking_limit_per_address = 2
        for hour, email in ((9, "one@example.net"), (10, "two@example.net")):
            self.submit(self.round_robin, utc(self.monday, hour), email=email)
        text = self.submit(self.round_robin, utc(self.monday, 11), status=429, email="three@example.net")
        self.assertIn("Too many bookings", text)
        self.assertEqual(len(self.bookings(self.round_robin)), 2)
        self.assertEqual(set(self.requests(self.round_robin).mapped("client_address")), {"127.0.0.1"})
        # Per calendar; and an hour later the address may book again.
        self.submit(self.collective, utc(self.monday, 11), email="three@example.net")
        self.execute_sql("UPDATE calendar_public_booking SET create_date = create_date - interval '61 minutes'")
        self.submit(self.round_robin, utc(self.monday + timedelta(days=1), 9), email="three@example.net")
        self.assertEqual(len(self.bookings(self.round_robin)), 3)

    def test_upcoming_bookings_per_email_are_limited(self):
        self.round_robin.booking_limit_per_email = 2
        self.submit(self.round_robin, utc(self.monday, 9), email="vera@example.net")
        self.submit(self.round_robin, utc(self.monday, 10), email="Vera@Example.NET")
        text = self.submit(self.round_robin, utc(self.monday, 11), status=429, email="VERA@example.net")
        self.assertIn("already holds 2 upcoming bookings", text)
        self.submit(self.round_robin, utc(self.monday, 11), email="other@example.net")
        # A cancelled booking frees its place.
        self.bookings(self.round_robin).filtered(
            lambda event: event.start == self.stored_datetime(utc(self.monday, 10))).active = False
        self.submit(self.round_robin, utc(self.monday, 11, 30), email="vera@example.net")
        self.assertEqual(len(self.bookings(self.round_robin)), 3)

    def confirm_link(self, email="erin.visitor@example.net"):
        mail = self.env["mail.mail"].search([("email_to", "=", email)], order="id desc", limit=1)
        self.assertTrue(mail, "a confirmation link was mailed")
        return mail, html.unescape(re.search(r'href="([^"]+/confirm/[^"]+)"', mail.body_html).group(1))

    def test_visitors_confirm_their_email_first(self):
        self.round_robin.booking_confirm_email = True
        start = utc(self.monday, 9, 30)
        text = self.submit(self.round_robin, start, note="Buy cheap pills at spam.example")
        self.assertIn("Check your email", text)
        self.assertFalse(self.bookings(self.round_robin))
        self.assertEqual(self.zoom_meetings(), [])
        mail, link = self.confirm_link()
        self.assertNotIn("spam.example", mail.body_html)  # nothing the visitor typed
        self.assertNotIn("Erin Visitor", mail.body_html)
        self.assertNotIn(self.alice.email, mail.email_from or "")
        path = self.local_path(link)
        # The link opens a page with a button: a mail scanner opening it books nothing.
        response = self.request(path)
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertEqual(response.headers.get("Referrer-Policy"), "no-referrer")
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        self.assertIn("Confirm my booking", response.text)
        self.assertFalse(self.bookings(self.round_robin))
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)
        response = self.request(path, data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("You are booked", response.text)
        self.assertIn("/booked/", response.url)
        event = self.bookings(self.round_robin)
        self.assertEqual(len(event), 1)
        self.assertEqual(event.zoom_meeting_id.status, "scheduled")
        # Used: a clear 410, and nothing booked twice.
        for data in (None, {"csrf_token": csrf}):
            response = self.request(path, data=data)
            self.assertEqual(response.status_code, 410)
            self.assertIn("already used", response.text)
        self.assertEqual(len(self.bookings(self.round_robin)), 1)
        # A wrong token is not found.
        self.assertEqual(self.request(path[:-4] + "AAAA").status_code, 404)

    def test_expired_or_taken_confirmation_links_book_nothing(self):
        self.round_robin.booking_confirm_email = True
        start = utc(self.monday, 10)
        self.submit(self.round_robin, start)
        _mail, link = self.confirm_link()
        path = self.local_path(link)
        self.requests(self.round_robin).sudo().write({"expires_at": "2000-01-01 00:00:00"})
        response = self.request(path)
        self.assertEqual(response.status_code, 410)
        self.assertIn("expired", response.text)
        # The slot is checked again when the visitor confirms.
        self.submit(self.round_robin, start, email="late@example.net")
        _mail, link = self.confirm_link("late@example.net")
        path = self.local_path(link)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', self.page(path)).group(1)
        self.busy(self.alice, start, hours=0.5)
        self.busy(self.bob, start, hours=0.5)
        response = self.request(path, data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 409)
        self.assertIn("This time was just taken", response.text)
        self.assertFalse(self.bookings(self.round_robin))

    def test_pending_requests_count_towards_the_limits(self):
        self.round_robin.write({"booking_confirm_email": True, "booking_limit_per_address": 2})
        self.submit(self.round_robin, utc(self.monday, 9), email="a@example.net")
        self.submit(self.round_robin, utc(self.monday, 9), email="b@example.net")
        self.submit(self.round_robin, utc(self.monday, 9), status=429, email="c@example.net")
        self.assertEqual(len(self.env["mail.mail"].search([("email_to", "like", "@example.net")])), 2)

    def test_expired_requests_are_forgotten(self):
        self.round_robin.booking_confirm_email = True
        self.submit(self.round_robin, utc(self.monday, 9), email="old@example.net")
        self.submit(self.round_robin, utc(self.monday, 9), email="new@example.net")
        old = self.requests(self.round_robin).filtered(lambda req: req.visitor_email == "old@example.net")
        old.write({"expires_at": "2000-01-01 00:00:00"})
        self.env["calendar.public.booking"]._gc_expired()
        self.assertEqual(self.requests(self.round_robin).mapped("visitor_email"), ["new@example.net"])
