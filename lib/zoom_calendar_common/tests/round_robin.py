"""Round robin: who hosts a booking among the group calendar's members (busy
as attendee or responsible, fairness over the last 30 days under freezegun):
the tests both addons run.

Each addon's test class inherits these first, beside its version's helpers:
``error_text(exception)`` (a UserError's message), ``orm_datetime(value)``
(a datetime as its ORM takes it) and ``assert_no_video_call(event)`` (Odoo
17's video call field, which Odoo 11 has not)."""
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.addons.zoom_calendar.tests.common import MONDAY


class RoundRobinTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.connect(self.bob)

    def test_picks_a_connected_member_and_creates_a_meeting(self):
        event = self.book(self.round_robin)
        self.assertIn(event.user_id, self.alice | self.bob)
        self.assertIn(event.user_id.partner_id, event.partner_ids)
        self.assertEqual(event.zoom_meeting_id.status, "scheduled")

    def test_round_robin_skips_busy_member(self):
        self.busy(self.alice)
        event = self.book(self.round_robin)
        self.assertEqual(event.user_id, self.bob)

    def test_member_busy_as_attendee_counts_as_busy(self):
        self.env["calendar.event"].create({
            "name": "Lunch", "start": self.orm_datetime(datetime(2031, 3, 3, 8, 30)),
            "stop": self.orm_datetime(datetime(2031, 3, 3, 9, 15)),
            "duration": 0.75, "user_id": self.carol.id, "partner_ids": [(6, 0, self.alice.partner_id.ids)]})
        self.assertEqual(self.book(self.round_robin).user_id, self.bob)

    def test_declined_and_free_events_do_not_block(self):
        event = self.busy(self.alice)
        event.attendee_ids.filtered(lambda a: a.partner_id == self.alice.partner_id).state = "declined"
        event.user_id = self.carol
        self.busy(self.bob).show_as = "free"
        # alice declined, bob is "free": both may host; alice has the lower id.
        self.assertEqual(self.book(self.round_robin).user_id, self.alice)

    def test_round_robin_skips_member_without_zoom(self):
        self.busy(self.alice)
        self.busy(self.bob)
        with self.assertRaises(UserError) as caught:
            self.book(self.round_robin)
        self.assertIn("No free member", self.error_text(caught.exception))
        self.assertIn("Carol Cole", self.error_text(caught.exception))

    def test_everyone_busy_is_a_clear_error(self):
        for user in (self.alice, self.bob, self.carol):
            self.busy(user)
        count = self.env["calendar.event"].search_count([])
        # As over RPC, the failed booking's transaction is rolled back.
        with self.assertRaises(UserError) as caught, self.cr.savepoint():
            self.book(self.round_robin)
        self.assertIn("Every member of Sales Round Robin is busy", self.error_text(caught.exception))
        self.assertEqual(self.env["calendar.event"].search_count([]), count)
        self.assertEqual(self.zoom_meetings(), [])

    def test_fewest_recent_bookings_wins(self):
        with freeze_time("2031-01-10 10:00:00"):
            self.book(self.round_robin, start=MONDAY - timedelta(days=30), host=self.alice)
            self.book(self.round_robin, start=MONDAY - timedelta(days=29), host=self.alice)
        with freeze_time("2031-01-20 10:00:00"):
            self.book(self.round_robin, start=MONDAY - timedelta(days=20), host=self.bob)
            # alice 2, bob 1 in the last 30 days: bob.
            self.assertEqual(self.book(self.round_robin).user_id, self.bob)

    def test_bookings_older_than_30_days_do_not_count(self):
        with freeze_time("2030-12-01 10:00:00"):
            self.book(self.round_robin, start=MONDAY - timedelta(days=80), host=self.alice)
            self.book(self.round_robin, start=MONDAY - timedelta(days=79), host=self.alice)
        with freeze_time("2031-01-20 10:00:00"):
            self.book(self.round_robin, start=MONDAY - timedelta(days=20), host=self.bob)
            # In the window alice has 0, bob 1: alice, though she has more overall.
            self.assertEqual(self.book(self.round_robin).user_id, self.alice)

    def test_least_recently_booked_breaks_ties(self):
        with freeze_time("2031-01-10 10:00:00"):
            self.book(self.round_robin, start=MONDAY - timedelta(days=30), host=self.bob)
        with freeze_time("2031-01-12 10:00:00"):
            self.book(self.round_robin, start=MONDAY - timedelta(days=29), host=self.alice)
        with freeze_time("2031-01-20 10:00:00"):
            # One each; bob's was earlier.
            self.assertEqual(self.book(self.round_robin).user_id, self.bob)

    def test_lowest_id_breaks_remaining_ties(self):
        first = min(self.alice, self.bob, key=lambda user: user.id)
        self.assertEqual(self.book(self.round_robin).user_id, first)

    def test_chosen_host_must_be_free(self):
        self.busy(self.bob)
        with self.assertRaises(UserError) as caught:
            self.book(self.round_robin, host=self.bob)
        self.assertIn("Bob Baker is busy", self.error_text(caught.exception))

    def test_chosen_host_must_be_a_member(self):
        outsider = self._make_user("dave", "Dave Outsider")
        with self.assertRaises(UserError) as caught:
            self.book(self.round_robin, host=outsider)
        self.assertIn("not a member", self.error_text(caught.exception))

    def test_chosen_host_is_kept(self):
        event = self.book(self.round_robin, host=self.bob)
        self.assertEqual(event.user_id, self.bob)
        self.assertEqual(self.zoom_meeting(event)["host_email"], "bob@example.com")

    def test_non_zoom_calendar_needs_no_zoom_and_uses_the_host_location(self):
        self.round_robin.meeting_location = "phone"
        self.carol.partner_id.phone = "+32 2 555 00 00"
        self.busy(self.alice)
        self.busy(self.bob)
        event = self.book(self.round_robin)
        self.assertEqual(event.user_id, self.carol)
        self.assertFalse(event.zoom_meeting_id)
        self.assertIn("+32 2 555 00 00", event.location)
        self.assert_no_video_call(event)
        self.assertEqual(self.zoom_meetings(), [])
