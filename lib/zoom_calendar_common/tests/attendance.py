"""Attendance from Zoom: the fake Zoom sends signed meeting.participant_joined
/ _left and meeting.ended webhooks over HTTP to Odoo's /zoom/webhook; each
attendee becomes attended (join time, minutes present) or a no-show; the
host corrects by hand; round robin may leave no-shows out of fairness: the
tests both addons run.

Each addon's test class inherits these first, beside its version's helpers:
``webhook_url()`` (the address of Odoo's /zoom/webhook in the test server),
``refresh()`` (the ORM's cache dropped, after a request or a write),
``orm_datetime(value)`` (a datetime as its ORM reads and takes it) and
``as_user(records, user)`` (the records as that user acts on them)."""
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError

from odoo.addons.zoom_calendar.tests.common import MONDAY


class AttendanceFromZoomTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.connect(self.bob)
        self.event = self.book(self.round_robin, partners=[self.erin, self.frank], host=self.alice)
        self.meeting = self.event.zoom_meeting_id
        self.checkpoint()

    def send(self, event, **kwargs):
        self.checkpoint()
        result = self.fake.control.send_webhook(self.webhook_url(), event,
                                                meeting_id=self.meeting.zoom_meeting_id, **kwargs)
        self.assertEqual(result["status"], 200, result)
        self.refresh()
        return result

    def attendee(self, partner):
        return self.event.attendee_ids.filtered(lambda att: att.partner_id == partner)

    def registrant(self, partner):
        return self.meeting.registrant_ids.filtered(lambda reg: reg.partner_id == partner).registrant_id

    def test_personal_link_join_and_leave_make_an_attended_attendee_with_minutes(self):
        sent = self.send("meeting.participant_joined", registrant_id=self.registrant(self.erin),
                         time="2031-03-03T09:01:00Z")
        participant = sent["event"]["payload"]["object"]["participant"]
        self.assertEqual(participant["registrant_id"], self.registrant(self.erin))
        self.assertEqual(participant["email"], "erin@example.org")
        erin = self.attendee(self.erin)
        self.assertEqual(erin.zoom_attendance, "attended")
        self.assertEqual(erin.zoom_joined_at, self.orm_datetime(datetime(2031, 3, 3, 9, 1)))
        self.send("meeting.participant_left", registrant_id=self.registrant(self.erin), time="2031-03-03T09:11:00Z")
        # Dropped and came back: the minutes add up.
        self.send("meeting.participant_joined", registrant_id=self.registrant(self.erin), time="2031-03-03T09:15:00Z")
        self.send("meeting.participant_left", registrant_id=self.registrant(self.erin), time="2031-03-03T09:20:00Z")
        self.assertEqual(self.attendee(self.erin).zoom_minutes, 15)
        self.assertEqual(self.attendee(self.erin).zoom_joined_at, self.orm_datetime(datetime(2031, 3, 3, 9, 1)))
        self.assertFalse(self.attendee(self.frank).zoom_attendance)  # unknown until the end

    def test_after_the_end_who_never_joined_is_a_no_show_and_the_host_counts(self):
        # The fake ends the meeting now: the joins were minutes ago.
        joined = (datetime.utcnow() - timedelta(minutes=12)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.send("meeting.started")
        self.send("meeting.participant_joined", email="alice@example.com", time=joined)
        self.send("meeting.participant_joined", registrant_id=self.registrant(self.erin), time=joined)
        self.send("meeting.ended")
        self.assertEqual(self.attendee(self.alice.partner_id).zoom_attendance, "attended")
        self.assertEqual(self.attendee(self.erin).zoom_attendance, "attended")
        self.assertIn(self.attendee(self.erin).zoom_minutes, (12, 13))  # closed at the end
        self.assertEqual(self.attendee(self.frank).zoom_attendance, "no_show")
        self.assertEqual((self.meeting.attended_count, self.meeting.no_show_count, self.meeting.host_attended),
                         (2, 1, True))
        self.assertFalse(self.event.zoom_guests_no_show)  # erin came

    def test_the_counts_follow_an_attendee_removed_after_the_meeting(self):
        joined = (datetime.utcnow() - timedelta(minutes=12)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.send("meeting.participant_joined", email="alice@example.com", time=joined)
        self.send("meeting.participant_joined", registrant_id=self.registrant(self.erin), time=joined)
        self.send("meeting.ended")
        self.assertEqual((self.meeting.attended_count, self.meeting.no_show_count), (2, 1))
        # The host takes the no-show frank off the booking: the counts follow.
        self.event.write({"partner_ids": [(3, self.frank.id)]})
        self.refresh()
        self.assertEqual((self.meeting.attended_count, self.meeting.no_show_count), (2, 0))

    def test_shared_link_guest_matches_by_email_or_stays_a_guest(self):
        self.send("meeting.participant_joined", email="FRANK@example.org", name="Frank",
                  time="2031-03-03T09:05:00Z")
        self.assertEqual(self.attendee(self.frank).zoom_attendance, "attended")
        self.send("meeting.participant_joined", name="Someone", time="2031-03-03T09:06:00Z")
        self.assertEqual(len(self.meeting.participant_ids), 2)
        self.assertFalse(self.meeting.participant_ids.filtered(lambda p: p.name == "Someone").attendee_id)

    def test_a_join_told_twice_counts_once(self):
        for _attempt in range(2):
            self.send("meeting.participant_joined", registrant_id=self.registrant(self.erin),
                      time="2031-03-03T09:01:00Z")
        self.assertEqual(len(self.meeting.participant_ids), 1)

    def test_an_unsigned_participant_event_changes_nothing(self):
        self.checkpoint()
        result = self.fake.control.send_webhook(
            self.webhook_url(), "meeting.participant_joined",
            meeting_id=self.meeting.zoom_meeting_id, registrant_id=self.registrant(self.erin), secret="wrong")
        self.assertEqual(result["status"], 401, result)
        self.refresh()
        self.assertFalse(self.attendee(self.erin).zoom_attendance)

    def test_the_host_corrects_by_hand_and_zoom_then_leaves_it(self):
        self.send("meeting.ended")
        frank = self.attendee(self.frank)
        self.assertEqual(frank.zoom_attendance, "no_show")
        with self.assertRaises(AccessError):
            self.as_user(frank, self.bob).action_zoom_mark_attended()
        self.as_user(frank, self.alice).action_zoom_mark_attended()
        self.assertEqual(frank.zoom_attendance, "attended")
        self.assertTrue(frank.zoom_attendance_manual)
        with self.assertRaises(AccessError):  # nor by a plain write
            self.as_user(frank, self.alice).write({"zoom_attendance": "no_show"})


class NoShowsAndFairnessTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.connect(self.bob)

    def test_no_shows_do_not_count_when_the_calendar_says_so(self):
        with freeze_time("2031-02-20 10:00:00"):
            first = self.book(self.round_robin, start=MONDAY - timedelta(days=3), partners=[self.erin],
                              host=self.alice)
            second = self.book(self.round_robin, start=MONDAY - timedelta(days=2), partners=[self.erin],
                               host=self.alice)
            self.book(self.round_robin, start=MONDAY - timedelta(days=1), host=self.bob)
            for event in (first, second):
                event.zoom_meeting_id._close_attendance(MONDAY)
            self.assertTrue(first.zoom_guests_no_show)
            start, stop = self.orm_datetime(datetime(2031, 3, 3, 12)), self.orm_datetime(datetime(2031, 3, 3, 12, 30))
            # alice 2, bob 1: bob.
            self.assertEqual(self.round_robin._pick_round_robin_host(start, stop), self.bob)
            self.round_robin.rr_skip_no_shows = True  # alice 0, bob 1: alice.
            self.assertEqual(self.round_robin._pick_round_robin_host(start, stop), self.alice)

    def test_form_filters_find_this_months_no_shows(self):
        with freeze_time("2031-03-03 12:00:00"):
            event = self.book(self.round_robin, start=MONDAY, partners=[self.erin], host=self.alice)
            event.zoom_meeting_id._close_attendance(MONDAY)
            found = self.env["zoom.meeting"].search([
                ("no_show_count", ">", 0), ("start", ">=", self.orm_datetime(datetime(2031, 3, 1)))])
            self.assertEqual(found, event.zoom_meeting_id)
            groups = self.env["zoom.meeting"].read_group(
                [("id", "=", event.zoom_meeting_id.id)], ["host_user_id", "start"], ["host_user_id", "start:week"],
                lazy=False)
            self.assertEqual(groups[0]["host_user_id"][0], self.alice.id)
