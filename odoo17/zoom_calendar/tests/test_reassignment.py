"""Reassigning bookings (one, or all of a member's) and rescheduling one to a
time its host cannot take: the meeting moves to the new host's Zoom account
at the fake Zoom, the attendees get the new link, the chatter says why.

The tests both addons run are in zoom_calendar_common.tests.reassignment;
here, Odoo 17's helpers and its own tests."""
import xmlrpc.client

from odoo.tests import Form, tagged

from zoom_calendar_common.tests.reassignment import (
    ReassignAllTests, ReassignmentTests, ReassignTests, ReschedulingTests)
from .common import ZoomCase, ZoomHttpCase


class Odoo17Helpers(object):
    """What the shared tests do as Odoo 17 does it."""

    def error_text(self, exception):
        return str(exception)

    def orm_datetime(self, value):
        return value


class TestReassign(ReassignTests, Odoo17Helpers, ZoomCase):

    def assert_video_call_link(self, event, join_url):
        # 17.0's own video-call field follows the new meeting.
        self.assertEqual(event.videocall_location, join_url)

    def test_wizard_reassigns(self):
        # 17.0's form of the wizard, opened from the booking.
        form = Form(self.env["zoom.reassign"].with_context(
            active_model="calendar.event", active_id=self.event.id, active_ids=self.event.ids))
        form.reason = "Holiday"
        wizard = form.save()
        self.assertEqual(wizard.event_id, self.event)
        wizard.action_confirm()
        self.assertEqual(self.event.user_id, self.bob)
        self.assertIn("Holiday", self.last_note(self.event))


class TestReassignAll(ReassignAllTests, Odoo17Helpers, ZoomCase):
    pass


class TestRescheduling(ReschedulingTests, Odoo17Helpers, ZoomCase):
    pass


@tagged("post_install", "-at_install")
class TestReassignOverRpc(ReassignmentTests, Odoo17Helpers, ZoomHttpCase):

    def test_an_employee_reassigns_over_xmlrpc(self):
        self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self.alice.id, self.alice.login, "calendar.event", "action_zoom_reassign",
            [[self.event.id]], {"user_id": self.bob.id, "reason": "Swap"})
        self.assertEqual(self.event.user_id, self.bob)
        self.assertEqual(self.zoom_meeting(self.event)["host_email"], "bob@example.com")
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname, self.alice.id, self.alice.login, "calendar.event", "action_zoom_reassign",
                [[self.event.id]], {"user_id": 10 ** 6, "reason": "x"})
        self.assertIn("does not exist", caught.exception.faultString)
