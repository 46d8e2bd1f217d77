"""The public booking page played by an attacker: anonymous HTTP on /book/,
XML-RPC as an employee and as a portal user (issue 10). The tests both
addons run as they are: lib/zoom_calendar_common/tests/public_page_security.py."""
import xmlrpc.client
from datetime import timedelta

from odoo.tests import tagged
from odoo.tests.common import BaseCase, Transport

from zoom_calendar_common.tests.public_page_security import (
    ClientNetworkTests, ConfirmationSecretTests, PublicContactsTests, PublicPageInputTests, SpamAndFloodingTests,
    VisitorTextTests)
from .test_booking_page import BookingPageCase, utc


@tagged("post_install", "-at_install")
class TestVisitorText(VisitorTextTests, BaseCase):
    pass


@tagged("post_install", "-at_install")
class TestClientNetwork(ClientNetworkTests, BaseCase):
    pass


@tagged("post_install", "-at_install")
class TestPublicPageInput(PublicPageInputTests, BookingPageCase):

    def assert_note_lines_kept(self, event):
        """The booking's description holds the note's two lines."""
        description = event.description
        # 17.0's description is HTML: the two lines stay two lines.
        self.assertRegex(str(description), r"First line(\r?\n|<br\s*/?>)+\s*Second line")

    def error_message(self, error):
        """An Odoo exception's message (17.0: the exception as text)."""
        return str(error)


class RpcMixin:

    def rpc_call(self, user, model, method, *args, password=None, **kwargs):
        proxy = xmlrpc.client.ServerProxy(self.xmlrpc_url + "object", transport=Transport(self.cr),
                                          allow_none=True)
        return proxy.execute_kw(self.env.cr.dbname, user.id, password or user.login, model, method,
                                list(args), kwargs)

    def assert_rpc_denied(self, user, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc_call(user, model, method, *args, **kwargs)
        message = caught.exception.faultString
        self.assertTrue("security restrictions" in message or "not allowed" in message
                        or "You do not have enough rights" in message or "AccessError" in message, message)


@tagged("post_install", "-at_install")
class TestConfirmationSecret(ConfirmationSecretTests, RpcMixin, BookingPageCase):

    def setUp(self):
        super().setUp()
        self.portal = self.make_portal_user()

    def requests_as_zoom_administrator(self):
        """The booking requests the administrator (17.0: base.user_admin)
        reads over XML-RPC."""
        admin = self.env.ref("base.user_admin")
        admin.password = "admin-test-pw"
        return self.rpc_call(admin, "calendar.public.booking", "search_read", [], password="admin-test-pw")

    def portal_attendees(self, domain):
        """The attendees the portal user finds: 17.0's calendar gives portal
        users no access to attendees at all (a denial finds none); where they
        have some, their own only."""
        try:
            return self.rpc_call(self.portal, "calendar.attendee", "search", domain)
        except xmlrpc.client.Fault as denied:
            self.assertIn("not allowed to access", denied.faultString)
            return []

    def test_portal_users_read_no_other_attendee_of_a_group_booking(self):
        event, attendee, prefix, token = self.booked()
        self.assert_rpc_denied(self.portal, "calendar.attendee", "read", [attendee.id], ["access_token"])
        self.assertEqual(self.portal_attendees([("event_id", "=", event.id)]), [])
        # A portal user invited to a group booking reads their own attendee at most.
        shared = self.book(self.collective, start=utc(self.monday + timedelta(days=1), 9),
                           partners=self.portal.partner_id)
        own = shared.attendee_ids.filtered(lambda att: att.partner_id == self.portal.partner_id)
        others = shared.attendee_ids - own
        self.assertTrue(others)
        self.assertLessEqual(set(self.portal_attendees([("event_id", "=", shared.id)])), set(own.ids))
        self.assert_rpc_denied(self.portal, "calendar.attendee", "read", others[:1].ids, ["access_token"])
        # Employees still read every attendee of a booking.
        self.assertEqual(set(self.rpc_call(self.carol, "calendar.attendee", "search",
                                           [("event_id", "=", shared.id)])), set(shared.attendee_ids.ids))


@tagged("post_install", "-at_install")
class TestPublicContacts(PublicContactsTests, BookingPageCase):

    def decline_invitation(self, attendee, event):
        """Follows ``attendee``'s invitation link that declines ``event``
        (17.0's invitation link, anonymous), as the visitor."""
        self.request("/calendar/meeting/decline?token=%s&id=%s" % (attendee.access_token, event.id))


@tagged("post_install", "-at_install")
class TestSpamAndFlooding(SpamAndFloodingTests, BookingPageCase):

    def execute_sql(self, query):
        """Runs ``query`` in the test's transaction: what the ORM holds goes
        to the database first, and is read again after (17.0 writes when
        it flushes)."""
        self.env.flush_all()
        self.env.cr.execute(query)
        self.env.invalidate_all()
