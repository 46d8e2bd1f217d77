"""Basic and Licensed Zoom hosts (issue 12, 2): personal links need a
Licensed host; a Basic host's attendees share the meeting's link."""
from datetime import timedelta

from odoo.addons.zoom_calendar.tests.common import MONDAY

BASIC, LICENSED = 1, 2


class ZoomAccountTypesTests(object):

    def setUp(self):
        super().setUp()
        self.env["mail.mail"].search([]).unlink()

    def registrant_calls(self):
        return [entry for entry in self.fake.control.requests_log() if entry["path"].endswith("/registrants")]

    def downgrade_at_zoom(self, user):
        self.fake.control.issue_tokens(user.email, user_type=BASIC)

    def messages_to(self, user, text):
        return self.env["mail.message"].search([
            ("model", "=", "res.partner"), ("res_id", "=", user.partner_id.id), ("body", "ilike", text)])

    def test_the_account_type_is_read_when_connecting(self):
        self.assertEqual(self.connect(self.alice).zoom_user_type, "licensed")
        self.assertEqual(self.connect(self.bob, user_type=BASIC).zoom_user_type, "basic")
        self.assertEqual(self.bob.zoom_user_type, "basic")
        # Reconnecting after an upgrade reads it again.
        self.assertEqual(self.connect(self.bob, user_type=LICENSED).zoom_user_type, "licensed")

    def test_basic_host_meeting_has_a_passcode_and_one_link_for_all(self):
        self.connect(self.alice, user_type=BASIC)
        self.fake.control.clear_requests()
        event = self.book(self.collective, partners=self.erin | self.frank)
        meeting = event.zoom_meeting_id
        self.assertEqual(meeting.status, "scheduled")
        self.assertFalse(meeting.personal_links)
        self.assertFalse(event.zoom_personal_links)
        at_zoom = self.zoom_meeting(event)
        self.assertEqual(at_zoom["settings"]["approval_type"], 2)
        self.assertTrue(at_zoom["password"])
        self.assertEqual(self.registrant_calls(), [])
        self.assertFalse(meeting.registrant_ids)
        for partner in (self.erin, self.frank, self.bob.partner_id):
            self.assertIn(meeting.join_url, self.mail_text(self.mails_to(partner)), partner.name)
        self.assertFalse(meeting.last_error)
        self.assertFalse(meeting.pending_operation)

    def test_attendee_added_to_a_basic_hosts_booking_makes_no_registrant_call(self):
        self.connect(self.alice, user_type=BASIC)
        event = self.book(self.round_robin, host=self.alice, partners=self.erin)
        self.fake.control.clear_requests()
        event.write({"partner_ids": [(4, self.frank.id)]})
        self.assertEqual(self.registrant_calls(), [])
        self.assertIn(event.zoom_join_url, self.mail_text(self.mails_to(self.frank)))

    def test_every_meeting_of_a_licensed_host_gives_personal_links(self):
        self.connect(self.alice)
        event = self.book(self.round_robin, host=self.alice, partners=self.erin)
        self.assertTrue(event.zoom_personal_links)
        self.assertEqual(self.zoom_meeting(event)["settings"]["approval_type"], 0)
        self.assertEqual(len(event.zoom_meeting_id.registrant_ids), 1)

    def test_downgraded_host_refused_registrants_falls_back_to_the_shared_link(self):
        self.connect(self.alice)
        event = self.book(self.round_robin, host=self.alice, partners=self.erin)
        meeting = event.zoom_meeting_id
        self.downgrade_at_zoom(self.alice)
        event.write({"partner_ids": [(4, self.frank.id)]})
        self.assertFalse(meeting.personal_links)
        self.assertFalse(meeting.pending_operation)
        self.assertFalse(meeting.next_retry_at)
        self.assertEqual(meeting.status, "scheduled")
        self.assertEqual(self.alice.zoom_account_ids.zoom_user_type, "basic")
        frank = event.attendee_ids.filtered(lambda att: att.partner_id == self.frank)
        self.assertEqual(frank.zoom_join_url, meeting.join_url)
        self.assertIn(meeting.join_url, self.mail_text(self.mails_to(self.frank)))
        # Erin's personal link may die with the registration: she gets the shared one too.
        erin = event.attendee_ids.filtered(lambda att: att.partner_id == self.erin)
        self.assertEqual(erin.zoom_join_url, meeting.join_url)
        self.assertEqual(len(self.messages_to(self.alice, "now a Basic")), 1)
        self.assertTrue(event.message_ids.filtered(lambda msg: "refused personal links" in (msg.body or "")))
        # Nothing retries; later attendees cost no call, and the host is not told again.
        self.fake.control.clear_requests()
        event.write({"partner_ids": [(4, self.carol.partner_id.id), (4, self.env["res.partner"].create(
            {"name": "Grace Guest", "email": "grace@example.net"}).id)]})
        self.env["zoom.meeting"]._cron_retry_pending()
        self.assertEqual(self.registrant_calls(), [])
        # Her next bookings are made without registration from the start.
        later = self.book(self.round_robin, host=self.alice, partners=self.erin, start=MONDAY + timedelta(hours=2))
        self.assertFalse(later.zoom_personal_links)
        self.assertEqual(self.zoom_meeting(later)["settings"]["approval_type"], 2)
        self.assertEqual(self.registrant_calls(), [])
        self.assertEqual(len(self.messages_to(self.alice, "now a Basic")), 1)

    def test_downgrade_seen_in_the_create_answer(self):
        self.connect(self.alice)
        self.downgrade_at_zoom(self.alice)
        self.fake.control.clear_requests()
        event = self.book(self.round_robin, host=self.alice, partners=self.erin)
        meeting = event.zoom_meeting_id
        self.assertEqual(meeting.status, "scheduled")
        self.assertFalse(meeting.personal_links)
        self.assertEqual(self.registrant_calls(), [])
        self.assertEqual(self.alice.zoom_account_ids.zoom_user_type, "basic")
        self.assertEqual(len(self.messages_to(self.alice, "now a Basic")), 1)
        self.assertIn(meeting.join_url, self.mail_text(self.mails_to(self.erin)))
