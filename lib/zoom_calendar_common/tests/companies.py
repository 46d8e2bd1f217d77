"""Companies (issue 12, 5): a group calendar and its bookings' Zoom meetings
belong to one company; its members must be allowed in it; a user working in
two companies keeps one Zoom binding for both. The tests both addons run.

Each addon's test class inherits these first, beside its version's helpers:
``current_company()`` (the company the test's user works in right now),
``meetings_seen_by(user, company)`` (the Zoom meetings that user finds
working in that company), ``error_text(exception)`` (a ValidationError's
message), ``drop_cache()`` (everything the cache holds, dropped after a
refused change was rolled back) and ``as_user(records, user)`` (the records
as that user acts on them)."""
from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.addons.zoom_calendar.tests.common import MONDAY


class CompaniesTests(object):

    def setUp(self):
        super().setUp()
        self.main = self.current_company()
        self.beta = self.env["res.company"].create({"name": "Beta Consulting"})
        # alice works in both companies (in the main one right now); bob in the main one only.
        self.alice.write({"company_ids": [(4, self.beta.id)]})
        self.beta_calendar = self.env["calendar.group"].create({
            "name": "Beta Round Robin", "company_id": self.beta.id, "meeting_location": "zoom",
            "member_ids": [(6, 0, self.alice.ids)], "booking_public": True,
        })
        self.connect(self.alice)

    def test_members_must_be_allowed_in_the_calendars_company(self):
        # As over RPC, a refused change is rolled back.
        with self.assertRaises(ValidationError) as caught, self.cr.savepoint():
            self.beta_calendar.write({"member_ids": [(4, self.bob.id)]})
        self.assertIn("Bob Baker may not work in Beta Consulting", self.error_text(caught.exception))
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.round_robin.company_id = self.beta  # bob and carol are members
        self.drop_cache()
        self.assertEqual(self.beta_calendar.member_ids, self.alice)
        self.carol.write({"company_ids": [(4, self.beta.id)]})
        self.beta_calendar.write({"member_ids": [(4, self.carol.id)]})  # carol works there now
        self.assertEqual(self.beta_calendar.member_ids, self.alice | self.carol)

    def test_one_zoom_binding_hosts_in_both_companies_and_meetings_stay_in_theirs(self):
        main_booking = self.book(self.round_robin, host=self.alice)
        beta_booking = self.book(self.beta_calendar, start=MONDAY + timedelta(hours=2))
        self.assertEqual(beta_booking.user_id, self.alice)
        main_meeting, beta_meeting = main_booking.zoom_meeting_id, beta_booking.zoom_meeting_id
        self.assertEqual((main_meeting.company_id, beta_meeting.company_id), (self.main, self.beta))
        self.assertEqual(len(self.alice.zoom_account_ids), 1)
        self.assertEqual(main_meeting.zoom_account_id, beta_meeting.zoom_account_id)
        self.assertEqual(self.meetings_seen_by(self.alice, self.main), main_meeting)
        self.assertEqual(self.meetings_seen_by(self.alice, self.beta), beta_meeting)

    def test_a_public_booking_stays_in_the_calendars_company(self):
        start = self.beta_calendar._public_slots()[0][0]
        attendee = self.as_user(self.beta_calendar, self.env.ref("base.public_user")).sudo()._book_public(
            start, "Vera Visitor", "vera@example.net")
        self.assertEqual(attendee.partner_id.company_id, self.beta)
        self.assertEqual(attendee.event_id.user_id, self.alice)
        self.assertEqual(attendee.event_id.zoom_meeting_id.company_id, self.beta)
