"""Fields the addon owns on a booking, attacked over XML-RPC by a colleague
(and by the administrator, who is uid 1): nothing is saved, the caller gets a
clear error."""
import xmlrpc.client

from .common import MONDAY, ZoomHttpCase, dt


class RpcMixin(object):

    def rpc_setup(self):
        self.rpc = xmlrpc.client.ServerProxy(self.base_url + "/xmlrpc/2/object", allow_none=True)

    def call(self, user, model, method, *args, **kwargs):
        return self.rpc.execute_kw(self.cr.dbname, user.id, user.login, model, method, list(args), kwargs)

    def assert_refused(self, user, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.call(user, model, method, *args, **kwargs)
        return caught.exception.faultString


class TestOwnedFieldsOverRpc(RpcMixin, ZoomHttpCase):

    def setUp(self):
        super(TestOwnedFieldsOverRpc, self).setUp()
        self.connect(self.alice)
        self.booking = self.book(self.round_robin, host=self.alice, partners=self.erin)
        self.meeting = self.booking.zoom_meeting_id
        self.assertTrue(self.meeting.start_url_private)
        self.checkpoint()
        self.rpc_setup()

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
        for values in ({"booking_date": "2000-01-01 00:00:00"}, {"zoom_invitations_sent": False},
                       {"name": "Renamed", "booking_date": False}):
            with self.subTest(values=values):
                self.assert_refused(self.carol, "calendar.event", "write", [self.booking.id], values)
        self.booking.invalidate_cache()
        self.assertEqual(self.booking.booking_date, before)
        self.assertTrue(self.booking.zoom_invitations_sent)
        self.assertEqual(self.booking.name, "Demo call")

    def test_no_context_lets_an_rpc_caller_in_not_even_the_superuser(self):
        admin = self.env.ref("base.user_root")
        admin.sudo().password = "admin-test-pw"
        self.checkpoint()
        for context in ({}, {"zoom_calendar_owner": True}, {"zoom_calendar_owner": {}},
                        {"zoom_skip_sync": True}):
            with self.subTest(context=context), self.assertRaises(xmlrpc.client.Fault):
                self.rpc.execute_kw(self.cr.dbname, admin.id, "admin-test-pw", "calendar.event", "write",
                                    [[self.booking.id], {"booking_date": "2000-01-01 00:00:00"}],
                                    {"context": context})
        self.booking.invalidate_cache()
        self.assertNotEqual(self.booking.booking_date, "2000-01-01 00:00:00")

    def test_the_start_link_is_the_meeting_hosts_never_the_bookings_users(self):
        # Today's code let `zoom_skip_sync` in the context skip the booking
        # rules: carol became the booking's user, kept alice's meeting and
        # read its start link.
        self.connect(self.carol)
        self.checkpoint()
        alice_start = self.meeting.start_url_private
        try:
            self.call(self.carol, "calendar.event", "write", [self.booking.id], {"user_id": self.carol.id},
                      context={"zoom_skip_sync": True})
        except xmlrpc.client.Fault:
            pass
        values = self.call(self.carol, "calendar.event", "read", [self.booking.id], ["zoom_start_url"])[0]
        self.assertNotEqual(values["zoom_start_url"], alice_start)
        self.booking.invalidate_cache()
        meeting = self.booking.zoom_meeting_id
        self.assertEqual(meeting.host_user_id, self.booking.user_id)

    def test_a_booking_pointing_at_another_bookings_meeting_shows_and_deletes_nothing(self):
        # The state today's hole left behind: carol's event points at alice's meeting.
        mine = self.plain_event(self.carol)
        self.cr.execute("UPDATE calendar_event SET zoom_meeting_id = %s WHERE id = %s", (self.meeting.id, mine))
        self.checkpoint()
        values = self.call(self.carol, "calendar.event", "read", [mine], ["zoom_start_url", "zoom_is_host"])[0]
        self.assertFalse(values["zoom_start_url"])
        self.assertFalse(values["zoom_is_host"])
        self.call(self.carol, "calendar.event", "unlink", [mine])
        self.meeting.invalidate_cache()
        self.assertEqual(self.meeting.status, "scheduled")
        self.assertTrue(self.zoom_meeting(self.booking))
