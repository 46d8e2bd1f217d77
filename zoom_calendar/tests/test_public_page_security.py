"""The public booking page played by an attacker: anonymous HTTP on /book/,
XML-RPC as an employee and as a portal user (issue 10). The tests both
addons run as they are: lib/zoom_calendar_common/tests/public_page_security.py."""
import re
import unittest
import xmlrpc.client
from datetime import timedelta

from zoom_calendar_common.tests.public_page_security import (
    ClientNetworkTests, ConfirmationSecretTests, PublicContactsTests, PublicPageInputTests, SpamAndFloodingTests,
    VisitorTextTests)
from .test_booking_page import BookingPageCase, utc


class TestVisitorText(VisitorTextTests, unittest.TestCase):
    pass


class TestClientNetwork(ClientNetworkTests, unittest.TestCase):
    pass


class TestPublicPageInput(PublicPageInputTests, BookingPageCase):

    def assert_note_lines_kept(self, event):
        """The booking's description holds the note's two lines as typed (11.0: text)."""
        self.assertEqual(event.description, "First line\r\nSecond line")

    def error_message(self, error):
        """An Odoo exception's message (11.0: its name)."""
        return error.name


class RpcMixin(object):

    def rpc_call(self, user, model, method, *args, **kwargs):
        proxy = xmlrpc.client.ServerProxy(self.base_url + "/xmlrpc/2/object", allow_none=True)
        return proxy.execute_kw(self.cr.dbname, user.id, user.login, model, method, list(args), kwargs)

    def assert_rpc_denied(self, user, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc_call(user, model, method, *args, **kwargs)
        message = caught.exception.faultString
        self.assertTrue("security restrictions" in message or "not allowed" in message, message)


class TestConfirmationSecret(ConfirmationSecretTests, RpcMixin, BookingPageCase):

    def setUp(self):
        super(TestConfirmationSecret, self).setUp()
        self.portal = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Paula Portal", "login": "test_portal", "password": "test_portal",
            "email": "paula@example.org", "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        self.checkpoint()

    def requests_as_zoom_administrator(self):
        """The booking requests the administrator (11.0: base.user_root) reads
        over XML-RPC."""
        admin = self.env.ref("base.user_root")
        admin.sudo().password = "admin-test-pw"
        self.checkpoint()
        proxy = xmlrpc.client.ServerProxy(self.base_url + "/xmlrpc/2/object", allow_none=True)
        return proxy.execute_kw(self.cr.dbname, admin.id, "admin-test-pw",
                                "calendar.public.booking", "search_read", [[]], {})

    def test_portal_users_read_no_other_attendee_of_a_group_booking(self):
        event, attendee, prefix, token = self.booked()
        self.assert_rpc_denied(self.portal, "calendar.attendee", "read", [attendee.id], ["access_token"])
        self.assertEqual(self.rpc_call(self.portal, "calendar.attendee", "search",
                                       [("event_id", "=", event.id)]), [])
        # A portal user invited to a group booking reads their own attendee only.
        shared = self.book(self.collective, start=utc(self.monday + timedelta(days=1), 9),
                           partners=self.portal.partner_id)
        self.checkpoint()
        own = shared.attendee_ids.filtered(lambda att: att.partner_id == self.portal.partner_id)
        others = shared.attendee_ids - own
        self.assertTrue(others)
        self.assertEqual(self.rpc_call(self.portal, "calendar.attendee", "search",
                                       [("event_id", "=", shared.id)]), own.ids)
        self.assert_rpc_denied(self.portal, "calendar.attendee", "read", others[:1].ids, ["access_token"])
        # Employees still read every attendee of a booking.
        self.assertEqual(set(self.rpc_call(self.carol, "calendar.attendee", "search",
                                           [("event_id", "=", shared.id)])), set(shared.attendee_ids.ids))


class TestPublicContacts(PublicContactsTests, BookingPageCase):

    def make_portal_user(self):
        """A portal user (without a password: this one never signs in)."""
        return self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Paula Portal", "login": "test_portal", "email": "paula@example.org",
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})

    def decline_invitation(self, attendee, event):
        """Follows ``attendee``'s invitation link that declines ``event``
        (11.0's, with the database in its query), as the visitor."""
        self.checkpoint()
        self.opener.get(self.base_url + "/calendar/meeting/decline", params={
            "db": self.cr.dbname, "token": attendee.access_token, "action": "", "id": event.id},
            timeout=20)
        self.env.cache.invalidate()


class TestSpamAndFlooding(SpamAndFloodingTests, BookingPageCase):

    def execute_sql(self, query):
        """Runs ``query`` in the test's transaction (11.0's ORM writes at
        once: nothing to flush first)."""
        self.env.cr.execute(query)

    def fail_the_next_booking_once(self):
        """The next booking's first try meets a concurrent transaction:
        PostgreSQL refuses its event with a serialization failure, once (a
        trigger; the sequence counts the tries, as nextval() survives the
        rollback). All of it goes with the test's transaction."""
        self.cr.execute("""
            CREATE SEQUENCE zoom_test_booking_tries;
            CREATE FUNCTION zoom_test_concurrent_once() RETURNS trigger AS $$
            BEGIN
                IF nextval('zoom_test_booking_tries') = 1 THEN
                    RAISE EXCEPTION 'could not serialize access due to concurrent update'
                          USING ERRCODE = 'serialization_failure';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER zoom_test_concurrent_once BEFORE INSERT ON calendar_event
                FOR EACH ROW EXECUTE PROCEDURE zoom_test_concurrent_once()""")

    def booking_tries(self):
        self.cr.execute("SELECT last_value FROM zoom_test_booking_tries")
        return self.cr.fetchone()[0]

    def test_a_booking_that_meets_a_concurrent_one_is_retried(self):
        self.fail_the_next_booking_once()
        text = self.submit(self.round_robin, utc(self.monday, 9, 30))
        self.assertIn("You are booked", text)
        self.assertEqual(self.booking_tries(), 2)  # refused once, then booked
        self.assertEqual(len(self.bookings(self.round_robin)), 1)

    def test_a_confirmation_that_meets_a_concurrent_booking_is_retried(self):
        """The emailed link books as the page does: a serialization failure
        is tried again, never shown as "taken"."""
        self.round_robin.booking_confirm_email = True
        self.submit(self.round_robin, utc(self.monday, 9, 30))
        _mail, link = self.confirm_link()
        path = link.replace(self.base_url, "")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', self.page(path)).group(1)
        self.fail_the_next_booking_once()
        response = self.request(path, data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("You are booked", response.text)
        self.assertEqual(self.booking_tries(), 2)
        event = self.bookings(self.round_robin)
        self.assertEqual(len(event), 1)
        self.assertEqual(event.zoom_meeting_id.status, "scheduled")
