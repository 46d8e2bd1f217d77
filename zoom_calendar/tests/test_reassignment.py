"""Reassigning bookings (one, or all of a member's) and rescheduling one to a
time its host cannot take: the meeting moves to the new host's Zoom account
at the fake Zoom, the attendees get the new link, the chatter says why.

The tests both addons run are in zoom_calendar_common.tests.reassignment;
here, Odoo 11's helpers and its own tests."""
import xmlrpc.client

from zoom_calendar_common.tests.reassignment import (
    ReassignAllTests, ReassignmentTests, ReassignTests, ReschedulingTests)
from .common import ZoomCase, ZoomHttpCase, dt


class Odoo11Helpers(object):
    """What the shared tests do as Odoo 11 does it."""

    def error_text(self, exception):
        return exception.name

    def orm_datetime(self, value):
        return dt(value)

    def assert_video_call_link(self, event, join_url):
        """Odoo 11 has no video call field."""


class TestReassign(ReassignTests, Odoo11Helpers, ZoomCase):

    def test_wizard_reassigns(self):
        wizard = self.env["zoom.reassign"].with_context(
            active_model="calendar.event", active_id=self.event.id).create({"reason": "Holiday"})
        self.assertEqual(wizard.event_id, self.event)
        wizard.action_confirm()
        self.assertEqual(self.event.user_id, self.bob)


class TestReassignAll(ReassignAllTests, Odoo11Helpers, ZoomCase):
    pass


class TestRescheduling(ReschedulingTests, Odoo11Helpers, ZoomCase):
    pass


class TestReassignOverRpc(ReassignmentTests, Odoo11Helpers, ZoomHttpCase):

    def test_an_employee_reassigns_over_xmlrpc(self):
        self.checkpoint()
        rpc = xmlrpc.client.ServerProxy(self.base_url + "/xmlrpc/2/object", allow_none=True)
        rpc.execute_kw(self.cr.dbname, self.alice.id, self.alice.login, "calendar.event",
                       "action_zoom_reassign", [[self.event.id]], {"user_id": self.bob.id, "reason": "Swap"})
        self.env.cache.invalidate()
        self.assertEqual(self.event.user_id, self.bob)
        self.assertEqual(self.zoom_meeting(self.event)["host_email"], "bob@example.com")
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            rpc.execute_kw(self.cr.dbname, self.alice.id, self.alice.login, "calendar.event",
                           "action_zoom_reassign", [[self.event.id]], {"user_id": 10 ** 6, "reason": "x"})
        self.assertIn("does not exist", caught.exception.faultString)
