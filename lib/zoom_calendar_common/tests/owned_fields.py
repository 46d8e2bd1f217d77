"""Fields the addon owns on a booking, attacked over XML-RPC by a colleague:
nothing is saved, the caller gets a clear error. The tests both addons run.

Each addon's test class inherits these first, beside its version's helpers:
``call(user, model, method, *args, **kwargs)`` and ``assert_refused(...)``
(its ``RpcMixin``: XML-RPC as that user), ``drop_cached(records)`` (what the
cache holds of the records, dropped after a request changed them) and
``execute_sql(query, params)`` (a raw SQL write the next request sees, the
test's records read again after it).

``ZoomEmailOverRpcTests`` needs ``make_portal_user()``,
``admin_with_password()`` (an administrator given a password, and that
password) and ``call_with_password(user, password, model, method, *args,
**kwargs)`` (an XML-RPC call as that user)."""
import contextlib
import xmlrpc.client
from datetime import datetime

from odoo.addons.zoom_calendar.tests.common import MONDAY, dt

FORGED = datetime(2000, 1, 1)


class OwnedFieldsOverRpcTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.booking = self.book(self.round_robin, host=self.alice, partners=self.erin)
        self.meeting = self.booking.zoom_meeting_id
        self.assertTrue(self.meeting.start_url_private)

    def plain_event(self, user):
        return self.call(user, "calendar.event", "create", {
            "name": "Mine", "start": dt(MONDAY), "stop": dt(MONDAY.replace(hour=10)), "duration": 1.0})

    def test_a_colleague_cannot_attach_another_hosts_meeting(self):
        mine = self.plain_event(self.carol)
        message = self.assert_refused(self.carol, "calendar.event", "write", [mine],
                                      {"zoom_meeting_id": self.meeting.id})
        self.assertIn("set by the Zoom Calendar addon only", message)
        self.assert_refused(self.carol, "calendar.event", "create", {
            "name": "Mine too", "start": dt(MONDAY), "stop": dt(MONDAY.replace(hour=10)),
            "duration": 1.0, "zoom_meeting_id": self.meeting.id})
        self.assert_refused(self.carol, "calendar.event", "copy", self.booking.id,
                            {"zoom_meeting_id": self.meeting.id})
        values = self.call(self.carol, "calendar.event", "read", [mine], ["zoom_meeting_id", "zoom_start_url"])
        self.assertEqual(values[0]["zoom_meeting_id"], False)
        self.assertFalse(values[0]["zoom_start_url"])
        self.assertEqual(self.env["calendar.event"].search_count([("zoom_meeting_id", "=", self.meeting.id)]), 1)

    def test_a_colleague_cannot_forge_the_booking_date_or_the_invitations_flag(self):
        before = self.booking.booking_date
        for values in ({"booking_date": dt(FORGED)}, {"zoom_invitations_sent": False},
                       {"name": "Renamed", "booking_date": False}):
            with self.subTest(values=values):
                self.assert_refused(self.carol, "calendar.event", "write", [self.booking.id], values)
        self.drop_cached(self.booking)
        self.assertEqual(self.booking.booking_date, before)
        self.assertTrue(self.booking.zoom_invitations_sent)
        self.assertEqual(self.booking.name, "Demo call")

    def test_the_start_link_is_the_meeting_hosts_never_the_bookings_users(self):
        # 11.0's code once let `zoom_skip_sync` in the context skip the booking
        # rules: carol became the booking's user, kept alice's meeting and
        # read its start link.
        self.connect(self.carol)
        self.checkpoint()
        alice_start = self.meeting.start_url_private
        with contextlib.suppress(xmlrpc.client.Fault):  # refused or not, the link must not leak
            self.call(self.carol, "calendar.event", "write", [self.booking.id], {"user_id": self.carol.id},
                      context={"zoom_skip_sync": True})
        values = self.call(self.carol, "calendar.event", "read", [self.booking.id], ["zoom_start_url"])[0]
        self.assertNotEqual(values["zoom_start_url"], alice_start)
        self.drop_cached(self.booking)
        meeting = self.booking.zoom_meeting_id
        self.assertEqual(meeting.host_user_id, self.booking.user_id)

    def test_a_booking_pointing_at_another_bookings_meeting_shows_and_deletes_nothing(self):
        # The state such a hole would leave behind: carol's event points at alice's meeting.
        mine = self.plain_event(self.carol)
        self.execute_sql("UPDATE calendar_event SET zoom_meeting_id = %s WHERE id = %s", (self.meeting.id, mine))
        values = self.call(self.carol, "calendar.event", "read", [mine], ["zoom_start_url", "zoom_is_host"])[0]
        self.assertFalse(values["zoom_start_url"])
        self.assertFalse(values["zoom_is_host"])
        self.call(self.carol, "calendar.event", "unlink", [mine])
        self.drop_cached(self.meeting)
        self.assertEqual(self.meeting.status, "scheduled")
        self.assertTrue(self.zoom_meeting(self.booking))


class ZoomEmailOverRpcTests(object):

    def test_a_zoom_email_is_for_its_user_and_zoom_admins_only(self):
        self.connect(self.alice, zoom_email="alice.private@example.net")
        portal = self.make_portal_user()
        admin, admin_password = self.admin_with_password()
        self.checkpoint()
        for reader in (self.carol, portal):
            with self.subTest(reader=reader.login):
                try:
                    values = self.call(reader, "res.users", "read", [self.alice.id], ["zoom_email"])
                except xmlrpc.client.Fault:
                    continue
                self.assertFalse(values[0]["zoom_email"])
        for reader, password in ((self.alice, self.alice.login), (admin, admin_password)):
            with self.subTest(reader=reader.login):
                values = self.call_with_password(reader, password, "res.users", "read", [self.alice.id],
                                                 ["zoom_email"])
                self.assertEqual(values[0]["zoom_email"], "alice.private@example.net")
