"""Reassigning bookings (one, or all of a member's) and rescheduling one to a
time its host cannot take: the meeting moves to the new host's Zoom account
at the fake Zoom, the attendees get the new link, the chatter says why: the
tests both addons run.

Each addon's test class inherits these first, beside its version's helpers:
``error_text(exception)`` (a UserError's message), ``orm_datetime(value)``
(a datetime as its ORM takes it) and ``assert_video_call_link(event,
join_url)`` (Odoo 17's video call field, which Odoo 11 has not)."""
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError

from odoo.addons.zoom_calendar.tests.common import MONDAY

ELEVEN = datetime(2031, 3, 3, 11, 0)


class ReassignmentTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.connect(self.bob)
        self.event = self.book(self.round_robin, partners=[self.erin], host=self.alice)
        self.old_zoom_id = self.event.zoom_meeting_id.zoom_meeting_id
        self.env["mail.mail"].search([]).unlink()

    def last_note(self, event):
        """The latest reassignment note."""
        notes = event.message_ids.filtered(lambda message: "Reassigned" in (message.body or ""))
        return notes.sorted("id")[-1].body if notes else ""

    def deleted_at_zoom(self, zoom_id):
        return [m for m in self.zoom_meetings() if str(m["id"]) == zoom_id][0]["deleted"]

    def move(self, event, start, hours=0.5, **values):
        event.write(dict(values, start=self.orm_datetime(start),
                         stop=self.orm_datetime(start + timedelta(hours=hours))))


class ReassignTests(ReassignmentTests):

    def test_reassign_to_a_chosen_member_moves_the_meeting_and_mails_the_new_link(self):
        self.event.action_zoom_reassign(user_id=self.bob.id, reason="Alice is out sick")
        self.assertEqual(self.event.user_id, self.bob)
        self.assertIn(self.bob.partner_id, self.event.partner_ids)
        self.assertNotIn(self.alice.partner_id, self.event.partner_ids)
        self.assertTrue(self.deleted_at_zoom(self.old_zoom_id))  # from alice's account
        self.assertEqual(self.zoom_meeting(self.event)["host_email"], "bob@example.com")
        self.assert_video_call_link(self.event, self.event.zoom_meeting_id.join_url)
        # Erin gets her new personal link.
        registrant = self.event.zoom_meeting_id.registrant_ids.filtered(lambda r: r.state == "active")
        self.assertEqual(registrant.partner_id, self.erin)
        self.assertIn(registrant.join_url, self.mail_text(self.mails_to(self.erin)))
        note = self.last_note(self.event)
        for text in ("Alice Archer", "Bob Baker", "Alice is out sick", self.env.user.name):
            self.assertIn(text, note)

    def test_reassign_without_a_user_follows_the_rules_leaving_the_host_out(self):
        self.connect(self.carol)
        self.round_robin.member_line_ids.filtered(lambda line: line.user_id == self.carol).priority = "high"
        self.event.action_zoom_reassign(reason="Rebalance")
        self.assertEqual(self.event.user_id, self.carol)
        self.event.action_zoom_reassign(reason="Again")  # carol left out now: bob, alice tie -> fewer bookings
        self.assertIn(self.event.user_id, self.alice | self.bob)
        self.assertNotEqual(self.event.user_id, self.carol)

    def test_reassign_refuses_busy_non_member_or_same_host(self):
        self.busy(self.bob)
        with self.assertRaises(UserError) as caught:
            self.event.action_zoom_reassign(user_id=self.bob.id, reason="x")
        self.assertIn("Bob Baker is busy", self.error_text(caught.exception))
        outsider = self._make_user("dave", "Dave Doe")
        with self.assertRaises(UserError):
            self.event.action_zoom_reassign(user_id=outsider.id, reason="x")
        with self.assertRaises(UserError):
            self.event.action_zoom_reassign(user_id=self.alice.id, reason="x")
        with self.assertRaises(UserError) as caught:
            self.event.action_zoom_reassign(reason="x")  # bob busy, carol without Zoom
        self.assertIn("No free member", self.error_text(caught.exception))
        self.assertEqual(self.event.user_id, self.alice)
        self.assertEqual(self.event.zoom_meeting_id.zoom_meeting_id, self.old_zoom_id)

    def test_past_and_collective_bookings_cannot_be_reassigned(self):
        with freeze_time(MONDAY + timedelta(hours=2)):
            with self.assertRaises(UserError):
                self.event.action_zoom_reassign(user_id=self.bob.id, reason="x")
        collective = self.book(self.collective, start=MONDAY + timedelta(hours=3))
        with self.assertRaises(UserError) as caught:
            collective.action_zoom_reassign(user_id=self.bob.id, reason="x")
        self.assertIn("primary owner", self.error_text(caught.exception))


class ReassignAllTests(ReassignmentTests):

    def test_moves_every_upcoming_booking_and_reports_what_could_not_move(self):
        with freeze_time(MONDAY - timedelta(days=1)):
            later = self.book(self.round_robin, start=MONDAY + timedelta(days=1), host=self.alice)
            stuck = self.book(self.round_robin, start=MONDAY + timedelta(days=2), host=self.alice)
            self.busy(self.bob, MONDAY + timedelta(days=2))
            past = self.book(self.round_robin, start=MONDAY - timedelta(days=3), host=self.alice)
            wizard = self.env["zoom.reassign.all"].create({
                "group_id": self.round_robin.id, "user_id": self.alice.id, "reason": "On leave"})
            wizard.action_confirm()
        self.assertEqual((self.event.user_id, later.user_id), (self.bob, self.bob))
        self.assertEqual((stuck.user_id, past.user_id), (self.alice, self.alice))
        self.assertEqual(wizard.state, "done")
        self.assertIn("2 booking(s) of Alice Archer moved", wizard.summary)
        self.assertIn("1 booking(s) could not be moved", wizard.summary)
        self.assertIn("No free member", wizard.summary)
        self.assertIn("On leave", self.last_note(later))


class ReschedulingTests(ReassignmentTests):

    def test_moved_booking_keeps_its_host_when_free(self):
        self.move(self.event, ELEVEN)
        self.assertEqual(self.event.user_id, self.alice)
        self.assertEqual(self.event.zoom_meeting_id.zoom_meeting_id, self.old_zoom_id)
        self.assertTrue(self.zoom_meeting(self.event)["start_time"].startswith("2031-03-03T11:00"))

    def test_moved_booking_goes_to_a_free_member_when_the_host_is_busy(self):
        self.busy(self.alice, MONDAY + timedelta(hours=2))
        self.move(self.event, ELEVEN)
        self.assertEqual(self.event.user_id, self.bob)
        self.assertEqual(self.zoom_meeting(self.event)["host_email"], "bob@example.com")
        self.assertTrue(self.deleted_at_zoom(self.old_zoom_id))
        note = self.last_note(self.event)
        self.assertIn("cannot host at the new time", note)
        self.assertIn("busy", note)
        registrant = self.event.zoom_meeting_id.registrant_ids.filtered(lambda r: r.state == "active")
        self.assertIn(registrant.join_url, self.mail_text(self.mails_to(self.erin)))

    def test_moved_booking_no_one_can_take_is_refused(self):
        self.busy(self.alice, MONDAY + timedelta(hours=2))
        self.busy(self.bob, MONDAY + timedelta(hours=2))
        with self.assertRaises(UserError), self.cr.savepoint():
            self.move(self.event, ELEVEN)

    def test_moved_booking_with_a_chosen_busy_host_is_refused(self):
        self.busy(self.bob, MONDAY + timedelta(hours=2))
        with self.assertRaises(UserError), self.cr.savepoint():
            self.move(self.event, ELEVEN, user_id=self.bob.id)

    def test_collective_booking_still_needs_everyone(self):
        collective = self.book(self.collective, start=MONDAY + timedelta(hours=4))
        self.busy(self.bob, MONDAY + timedelta(hours=6))
        with self.assertRaises(UserError) as caught, self.cr.savepoint():
            self.move(collective, datetime(2031, 3, 3, 15, 0), hours=1.0)
        self.assertIn("needs every member", self.error_text(caught.exception))
        self.assertEqual(collective.user_id, self.alice)
