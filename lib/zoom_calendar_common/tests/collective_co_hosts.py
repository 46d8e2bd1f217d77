"""Co-hosts of collective bookings (issue 12, 4): the other members who are
licensed users of the host's Zoom account become the meeting's alternative
hosts; Zoom refusing them never fails the booking: the tests both addons
run."""

BASIC = 1


class CollectiveCoHostsTests(object):

    def setUp(self):
        super().setUp()
        # alice and bob work on one Zoom account, carol on one of her own.
        for user in (self.alice, self.bob):
            self.fake.control.issue_tokens(user.email, account_id="acme-zoom-account")

    def alternative_hosts(self, event):
        return self.zoom_meeting(event)["settings"].get("alternative_hosts")

    def test_licensed_members_of_the_hosts_zoom_account_become_alternative_hosts(self):
        for user in (self.alice, self.bob, self.carol):
            self.connect(user)
        event = self.book(self.collective, partners=self.erin)
        self.assertEqual(event.user_id, self.alice)
        self.assertEqual(self.alternative_hosts(event), "bob@example.com")
        self.assertEqual(event.zoom_meeting_id.status, "scheduled")

    def test_a_basic_member_is_no_alternative_host(self):
        self.connect(self.alice)
        self.connect(self.bob, user_type=BASIC)
        self.assertFalse(self.alternative_hosts(self.book(self.collective)))

    def test_a_basic_host_has_no_alternative_hosts(self):
        self.connect(self.alice, user_type=BASIC)
        self.connect(self.bob)
        self.assertFalse(self.alternative_hosts(self.book(self.collective)))

    def test_round_robin_bookings_have_no_alternative_hosts(self):
        self.connect(self.alice)
        self.connect(self.bob)
        self.assertFalse(self.alternative_hosts(self.book(self.round_robin, host=self.alice)))

    def test_zoom_refusing_the_alternative_hosts_does_not_fail_the_booking(self):
        self.connect(self.alice)
        self.connect(self.bob)
        # bob's Zoom plan changed since he connected: Odoo still thinks him licensed.
        self.fake.control.issue_tokens(self.bob.email, user_type=BASIC)
        event = self.book(self.collective, partners=self.erin)
        meeting = event.zoom_meeting_id
        self.assertEqual(meeting.status, "scheduled")
        self.assertFalse(meeting.last_error)
        self.assertFalse(self.alternative_hosts(event))
        self.assertTrue(event.message_ids.filtered(
            lambda msg: "refused the other members as alternative hosts" in (msg.body or "")))
        self.assertIn(meeting.join_url, self.mail_text(self.mails_to(self.bob.partner_id)))
        # An update does not ask Zoom for the refused co-hosts again, nor
        # tells the booking again.
        self.fake.control.clear_requests()
        event.name = "Renamed team call"
        self.assertEqual(self.zoom_meeting(event)["topic"], "Renamed team call")
        self.assertFalse(meeting.pending_operation)
        self.assertEqual([entry["status"] for entry in self.fake.control.requests_log()
                          if entry["method"] == "PATCH"], [204])
        self.assertEqual(len(event.message_ids.filtered(
            lambda msg: "refused the other members as alternative hosts" in (msg.body or ""))), 1)
        # What Zoom refused stays with the meeting (a changed list is asked for again).
        self.assertEqual(meeting.refused_co_hosts, "bob@example.com")
