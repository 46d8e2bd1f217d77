"""Fields the addon owns on a booking, attacked over XML-RPC and JSON-RPC by
a colleague (and by the administrator): nothing is saved, the caller gets a
clear error."""
import contextlib
import json
import xmlrpc.client
from datetime import datetime

from odoo.tests import tagged
from odoo.tests.common import Transport

from .common import MONDAY, ZoomHttpCase

FORGED = datetime(2000, 1, 1)


class RpcMixin:
    """XML-RPC and JSON-RPC as a given user, with their password (the test
    users' password is their login)."""

    def rpc_proxy(self):
        return xmlrpc.client.ServerProxy(self.xmlrpc_url + "object", transport=Transport(self.cr),
                                         allow_none=True)

    def call(self, user, model, method, *args, **kwargs):
        return self.rpc_proxy().execute_kw(self.env.cr.dbname, user.id, user.login, model, method,
                                           list(args), kwargs)

    def assert_refused(self, user, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.call(user, model, method, *args, **kwargs)
        return caught.exception.faultString

    def json_call(self, user, model, method, *args, **kwargs):
        """What 17.0's web client sends (/web/dataset/call_kw), logged in as
        ``user``: the decoded answer, result or error."""
        self.authenticate(user.login, user.login)
        response = self.url_open("/web/dataset/call_kw/%s/%s" % (model, method), data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "id": 1,
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        }), headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 200)
        return response.json()


@tagged("post_install", "-at_install")
class TestOwnedFieldsOverRpc(RpcMixin, ZoomHttpCase):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.booking = self.book(self.round_robin, host=self.alice, partners=self.erin)
        self.meeting = self.booking.zoom_meeting_id
        self.assertTrue(self.meeting.start_url_private)

    def plain_event(self, user):
        return self.call(user, "calendar.event", "create", {
            "name": "Mine", "start": str(MONDAY), "stop": str(MONDAY.replace(hour=10)), "duration": 1.0})

    def test_a_colleague_cannot_attach_another_hosts_meeting(self):
        mine = self.plain_event(self.carol)
        message = self.assert_refused(self.carol, "calendar.event", "write", [mine],
                                      {"zoom_meeting_id": self.meeting.id})
        self.assertIn("set by the Zoom Calendar addon only", message)
        self.assert_refused(self.carol, "calendar.event", "create", {
            "name": "Mine too", "start": str(MONDAY), "stop": str(MONDAY.replace(hour=10)),
            "duration": 1.0, "zoom_meeting_id": self.meeting.id})
        self.assert_refused(self.carol, "calendar.event", "copy", self.booking.id,
                            {"zoom_meeting_id": self.meeting.id})
        values = self.call(self.carol, "calendar.event", "read", [mine], ["zoom_meeting_id", "zoom_start_url"])
        self.assertEqual(values[0]["zoom_meeting_id"], False)
        self.assertFalse(values[0]["zoom_start_url"])
        self.assertEqual(self.env["calendar.event"].search_count([("zoom_meeting_id", "=", self.meeting.id)]), 1)

    def test_the_web_clients_save_cannot_attach_a_meeting_either(self):
        # 17.0's form view saves with web_save over JSON-RPC.
        mine = self.plain_event(self.carol)
        answer = self.json_call(self.carol, "calendar.event", "web_save", [mine],
                                {"zoom_meeting_id": self.meeting.id}, specification={"zoom_meeting_id": {}})
        self.assertIn("error", answer, answer)
        self.assertIn("set by the Zoom Calendar addon only", answer["error"]["data"]["message"])
        answer = self.json_call(self.carol, "calendar.event", "web_save", [], {
            "name": "Mine too", "start": str(MONDAY), "stop": str(MONDAY.replace(hour=10)),
            "zoom_meeting_id": self.meeting.id}, specification={})
        self.assertIn("error", answer, answer)
        self.assertEqual(self.env["calendar.event"].search_count([("zoom_meeting_id", "=", self.meeting.id)]), 1)

    def test_a_colleague_cannot_forge_the_booking_date_or_the_invitations_flag(self):
        before = self.booking.booking_date
        for values in ({"booking_date": str(FORGED)}, {"zoom_invitations_sent": False},
                       {"name": "Renamed", "booking_date": False}):
            with self.subTest(values=values):
                self.assert_refused(self.carol, "calendar.event", "write", [self.booking.id], values)
        self.booking.invalidate_recordset()
        self.assertEqual(self.booking.booking_date, before)
        self.assertTrue(self.booking.zoom_invitations_sent)
        self.assertEqual(self.booking.name, "Demo call")

    def test_no_context_lets_an_rpc_caller_in_not_even_the_administrator(self):
        admin = self.env.ref("base.user_admin")
        admin.password = "admin-test-pw"
        for context in ({}, {"zoom_calendar_owner": True}, {"zoom_calendar_owner": {}},
                        {"zoom_skip_sync": True}):
            with self.subTest(context=context), self.assertRaises(xmlrpc.client.Fault):
                self.rpc_proxy().execute_kw(self.env.cr.dbname, admin.id, "admin-test-pw", "calendar.event",
                                            "write", [[self.booking.id], {"booking_date": str(FORGED)}],
                                            {"context": context})
        self.booking.invalidate_recordset()
        self.assertNotEqual(self.booking.booking_date, FORGED)

    def test_the_start_link_is_the_meeting_hosts_never_the_bookings_users(self):
        # 11.0's code once let `zoom_skip_sync` in the context skip the booking
        # rules: carol became the booking's user, kept alice's meeting and
        # read its start link.
        self.connect(self.carol)
        alice_start = self.meeting.start_url_private
        with contextlib.suppress(xmlrpc.client.Fault):  # refused or not, the link must not leak
            self.call(self.carol, "calendar.event", "write", [self.booking.id], {"user_id": self.carol.id},
                      context={"zoom_skip_sync": True})
        values = self.call(self.carol, "calendar.event", "read", [self.booking.id], ["zoom_start_url"])[0]
        self.assertNotEqual(values["zoom_start_url"], alice_start)
        self.booking.invalidate_recordset()
        meeting = self.booking.zoom_meeting_id
        self.assertEqual(meeting.host_user_id, self.booking.user_id)

    def test_a_booking_pointing_at_another_bookings_meeting_shows_and_deletes_nothing(self):
        # The state such a hole would leave behind: carol's event points at alice's meeting.
        mine = self.plain_event(self.carol)
        self.env.flush_all()
        self.cr.execute("UPDATE calendar_event SET zoom_meeting_id = %s WHERE id = %s", (self.meeting.id, mine))
        self.env.invalidate_all()
        values = self.call(self.carol, "calendar.event", "read", [mine], ["zoom_start_url", "zoom_is_host"])[0]
        self.assertFalse(values["zoom_start_url"])
        self.assertFalse(values["zoom_is_host"])
        self.call(self.carol, "calendar.event", "unlink", [mine])
        self.meeting.invalidate_recordset()
        self.assertEqual(self.meeting.status, "scheduled")
        self.assertTrue(self.zoom_meeting(self.booking))


@tagged("post_install", "-at_install")
class TestZoomEmailOverRpc(RpcMixin, ZoomHttpCase):

    def test_a_zoom_email_is_for_its_user_and_zoom_admins_only(self):
        self.connect(self.alice, zoom_email="alice.private@example.net")
        portal = self.make_portal_user()
        admin = self.env.ref("base.user_admin")
        admin.password = "admin-test-pw"
        for reader in (self.carol, portal):
            with self.subTest(reader=reader.login):
                try:
                    values = self.call(reader, "res.users", "read", [self.alice.id], ["zoom_email"])
                except xmlrpc.client.Fault:
                    continue
                self.assertFalse(values[0]["zoom_email"])
        for reader, password in ((self.alice, self.alice.login), (admin, "admin-test-pw")):
            with self.subTest(reader=reader.login):
                values = self.rpc_proxy().execute_kw(self.env.cr.dbname, reader.id, password, "res.users",
                                                     "read", [[self.alice.id], ["zoom_email"]], {})
                self.assertEqual(values[0]["zoom_email"], "alice.private@example.net")
