"""Each personal invitation carries the attendee's own Zoom link: the tests
both addons run.

Each addon's test class inherits these first, beside its version's
``as_user(records, user)`` (the records as that user reads them)."""


class InvitationsTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.env["mail.mail"].search([]).unlink()

    def test_every_invitation_carries_the_attendees_own_link(self):
        self.assert_invited_once_each_with_their_link(self.book(self.collective, partners=self.erin | self.frank))

    def test_with_zoom_slow_the_members_are_invited_while_zoom_registers_the_guests(self):
        # Zoom answering after 300 ms: the members' invitations go while the
        # guests' registrants are made (zoom_api.call_while), the guests'
        # after; still one each, each with the right link.
        self.fake.control.config(delay_ms=300)
        self.addCleanup(self.fake.control.config, delay_ms=0)
        self.assert_invited_once_each_with_their_link(self.book(self.collective, partners=self.erin | self.frank))

    def assert_invited_once_each_with_their_link(self, event):
        meeting = event.zoom_meeting_id
        registrants = {reg.email: reg.join_url for reg in meeting.registrant_ids}
        for partner in (self.erin, self.frank):
            mails = self.mails_to(partner)
            self.assertEqual(len(mails), 1, partner.name)
            self.assertIn(registrants[partner.email], self.mail_text(mails))
            self.assertNotIn("maps.google.com", self.mail_text(mails))
        self.assertNotEqual(registrants["erin@example.org"], registrants["frank@example.org"])
        for member in (self.bob, self.carol):
            mails = self.mails_to(member.partner_id)
            self.assertEqual(len(mails), 1, member.name)
            self.assertIn(meeting.join_url, self.mail_text(mails))
            for link in registrants.values():
                self.assertNotIn(link, self.mail_text(mails))

    def test_invitation_is_sent_after_the_meeting_exists(self):
        event = self.book(self.round_robin, partners=self.erin)
        mail = self.mails_to(self.erin)
        self.assertTrue(event.zoom_meeting_id.registrant_ids.join_url)
        self.assertIn(event.zoom_meeting_id.registrant_ids.join_url, self.mail_text(mail))

    def test_the_member_who_books_gets_no_invitation_of_their_own(self):
        # As Odoo's own invitations: the others are told, not the author.
        self.book(self.collective, partners=self.erin, user=self.bob)
        self.assertFalse(self.mails_to(self.bob.partner_id))
        self.assertEqual(len(self.mails_to(self.carol.partner_id)), 1)
        self.assertEqual(len(self.mails_to(self.erin)), 1)

    def test_attendee_added_later_gets_an_invitation_with_their_link(self):
        event = self.book(self.round_robin, partners=self.erin)
        event.write({"partner_ids": [(4, self.frank.id)]})
        registrant = event.zoom_meeting_id.registrant_ids.filtered(lambda r: r.email == "frank@example.org")
        mails = self.mails_to(self.frank)
        self.assertEqual(len(mails), 1)
        self.assertIn(registrant.join_url, self.mail_text(mails))

    def test_attendee_sees_their_own_link_only(self):
        event = self.book(self.collective, partners=self.erin)
        erin_attendee = event.attendee_ids.filtered(lambda a: a.partner_id == self.erin)
        personal = event.zoom_meeting_id.registrant_ids.join_url
        self.assertEqual(self.as_user(erin_attendee, self.alice).zoom_join_url, personal)  # the host
        self.assertEqual(self.as_user(erin_attendee, self.bob).zoom_join_url,
                         event.zoom_join_url)  # another member
