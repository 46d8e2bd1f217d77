"""Collective bookings: every member attends, the primary owner hosts; the
tests both addons run.

Each addon's test class inherits these first, beside its version's helpers:
``error_text(exception)`` (a UserError's message) and ``orm_datetime(value)``
(a datetime as its ORM takes it)."""
from datetime import datetime

from odoo.exceptions import UserError


class CollectiveTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)

    def test_every_member_attends_and_the_primary_owner_hosts(self):
        event = self.book(self.collective, partners=self.erin, user=self.bob)
        self.assertEqual(event.user_id, self.alice)
        self.assertEqual(event.partner_ids, (self.alice | self.bob | self.carol).mapped("partner_id") | self.erin)
        zoom = self.zoom_meeting(event.sudo())
        self.assertEqual(zoom["host_email"], "alice@example.com")
        self.assertEqual([reg["email"] for reg in zoom["registrants"]], ["erin@example.org"])

    def test_one_busy_member_is_named(self):
        self.busy(self.carol)
        with self.assertRaises(UserError) as caught:
            self.book(self.collective)
        self.assertIn("Carol Cole is busy", self.error_text(caught.exception))
        self.assertEqual(self.zoom_meetings(), [])

    def test_primary_owner_must_have_zoom(self):
        self.collective.primary_user_id = self.bob
        with self.assertRaises(UserError) as caught:
            self.book(self.collective)
        self.assertIn("Bob Baker meets on Zoom but has no Zoom account connected",
                      self.error_text(caught.exception))

    def test_primary_owner_defaults_to_first_member(self):
        group = self.env["calendar.group"].create({
            "name": "New team", "scheduling_mode": "collective",
            "member_ids": [(6, 0, (self.bob | self.alice).ids)]})
        self.assertEqual(group.primary_user_id, group.member_ids[0])

    def test_moving_a_collective_booking_onto_a_busy_member_is_refused(self):
        event = self.book(self.collective)
        self.busy(self.bob, start=datetime(2031, 3, 4, 9))
        with self.assertRaises(UserError):
            event.write({"start": self.orm_datetime(datetime(2031, 3, 4, 9)),
                         "stop": self.orm_datetime(datetime(2031, 3, 4, 10))})
