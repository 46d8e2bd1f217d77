"""Companies (issue 12, 5): a group calendar and its bookings' Zoom meetings
belong to one company; its members must be allowed in it; a user working in
two companies keeps one Zoom binding for both.

On 17.0 the current company is the web client's company switcher: the
context's ``allowed_company_ids`` (``with_company``), not a field written on
the user."""
from datetime import timedelta

from odoo.exceptions import ValidationError

from .common import MONDAY, ZoomCase


class TestCompanies(ZoomCase):

    def setUp(self):
        super(TestCompanies, self).setUp()
        self.main = self.env.company
        self.beta = self.env["res.company"].create({"name": "Beta Consulting"})
        # alice works in both companies (in the main one right now); bob in the main one only.
        self.alice.write({"company_ids": [(4, self.beta.id)]})
        self.beta_calendar = self.env["calendar.group"].create({
            "name": "Beta Round Robin", "company_id": self.beta.id, "meeting_location": "zoom",
            "member_ids": [(6, 0, self.alice.ids)], "booking_public": True,
        })
        self.connect(self.alice)

    def as_user_in(self, model, user, *companies):
        """``model`` as ``user`` working in ``companies`` (the switcher)."""
        return self.env[model].with_user(user).with_context(allowed_company_ids=[c.id for c in companies])

    def visible_calendars(self, user, *companies):
        return self.as_user_in("calendar.group", user, *companies).search(
            [("id", "in", (self.round_robin | self.beta_calendar).ids)])

    def test_a_new_calendar_belongs_to_its_creators_current_company(self):
        self.assertEqual(self.round_robin.company_id, self.main)
        self.assertEqual(self.env["calendar.group"].with_company(self.beta).create(
            {"name": "Beta Support"}).company_id, self.beta)

    def test_members_must_be_allowed_in_the_calendars_company(self):
        # As over RPC, a refused change is rolled back.
        with self.assertRaises(ValidationError) as caught, self.cr.savepoint():
            self.beta_calendar.write({"member_ids": [(4, self.bob.id)]})
        self.assertIn("Bob Baker may not work in Beta Consulting", str(caught.exception))
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.round_robin.company_id = self.beta  # bob and carol are members
        self.env.invalidate_all()
        self.assertEqual(self.beta_calendar.member_ids, self.alice)
        self.carol.write({"company_ids": [(4, self.beta.id)]})
        self.beta_calendar.write({"member_ids": [(4, self.carol.id)]})  # carol works there now
        self.assertEqual(self.beta_calendar.member_ids, self.alice | self.carol)

    def test_users_see_the_calendars_of_their_current_company(self):
        self.assertEqual(self.visible_calendars(self.bob, self.main), self.round_robin)
        self.assertEqual(self.visible_calendars(self.alice, self.main), self.round_robin)
        self.assertEqual(self.visible_calendars(self.alice, self.beta), self.beta_calendar)
        self.assertEqual(self.visible_calendars(self.alice, self.main, self.beta),
                         self.round_robin | self.beta_calendar)
        # Without the switcher's context (RPC): every company of the user's.
        self.assertEqual(self.visible_calendars(self.bob), self.round_robin)

    def test_one_zoom_binding_hosts_in_both_companies_and_meetings_stay_in_theirs(self):
        main_booking = self.book(self.round_robin, host=self.alice)
        beta_booking = self.book(self.beta_calendar, start=MONDAY + timedelta(hours=2))
        self.assertEqual(beta_booking.user_id, self.alice)
        main_meeting, beta_meeting = main_booking.zoom_meeting_id, beta_booking.zoom_meeting_id
        self.assertEqual((main_meeting.company_id, beta_meeting.company_id), (self.main, self.beta))
        self.assertEqual(len(self.alice.zoom_account_ids), 1)
        self.assertEqual(main_meeting.zoom_account_id, beta_meeting.zoom_account_id)
        self.assertEqual(self.as_user_in("zoom.meeting", self.alice, self.main).search([]), main_meeting)
        self.assertEqual(self.as_user_in("zoom.meeting", self.alice, self.beta).search([]), beta_meeting)

    def test_a_public_booking_stays_in_the_calendars_company(self):
        start = self.beta_calendar._public_slots()[0][0]
        attendee = self.beta_calendar.with_user(self.env.ref("base.public_user")).sudo()._book_public(
            start, "Vera Visitor", "vera@example.net")
        self.assertEqual(attendee.partner_id.company_id, self.beta)
        self.assertEqual(attendee.event_id.user_id, self.alice)
        self.assertEqual(attendee.event_id.zoom_meeting_id.company_id, self.beta)
