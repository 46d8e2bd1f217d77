"""Zoom failing: down, slow, refusing, rate-limiting or capping a host's
day. Bookings are saved all the same, their meetings wait and are retried,
and nothing is left orphaned or duplicated at Zoom.

Each addon's test classes inherit these, beside its ZoomCase, and provide
what reads differently in its Odoo: ``retry_at(meeting)`` (its next try, a
datetime), ``assert_no_link_yet(event)`` and ``assert_link_shown(event,
join_url)`` (what the booking shows of its Zoom link)."""
import time
from datetime import datetime, timedelta

from freezegun import freeze_time

from fake_zoom.testing import unused_port

CREATE = "/v2/users/*/meetings"


class ZoomDownAtBookingTests(object):
    """Zoom failing at booking time: the booking is saved, its meeting waits
    in pending, the scheduled action retries, and the link follows by mail."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param("zoom_calendar.read_timeout", "1")
        self.connect(self.alice)
        self.connect(self.bob)
        self.env["mail.mail"].search([]).unlink()

    def book_while(self, reason, **fault):
        self.fake.control.fault(path=CREATE, method="POST", count=1, **fault)
        event = self.book(self.round_robin, partners=self.erin)
        meeting = event.zoom_meeting_id
        self.assertTrue(event.exists())
        self.assertEqual(meeting.status, "pending")
        self.assertEqual(meeting.pending_operation, "create")
        self.assertIn(reason, meeting.last_error)
        self.assertEqual(event.zoom_last_error, meeting.last_error)
        self.assertFalse(event.zoom_join_url)
        self.assert_no_link_yet(event)
        self.assertTrue(meeting.next_retry_at)
        messages = event.message_ids.filtered(lambda m: "retried automatically" in (m.body or ""))
        self.assertEqual(len(messages), 1)
        self.assertIn(event.user_id.partner_id, messages.partner_ids)
        # The invitation went out anyway, without a link.
        self.assertEqual(len(self.mails_to(self.erin)), 1)
        return event

    def retry_later(self, minutes=400):
        with freeze_time(datetime.utcnow() + timedelta(minutes=minutes)):
            self.env["zoom.meeting"]._cron_retry_pending()

    def assert_recovered(self, event):
        meeting = event.zoom_meeting_id
        self.assertEqual(meeting.status, "scheduled")
        self.assertFalse(meeting.pending_operation)
        zoom = self.zoom_meeting(event)
        self.assertEqual(event.zoom_join_url, zoom["join_url"])
        self.assert_link_shown(event, zoom["join_url"])
        self.assertEqual(len(self.zoom_meetings()), 1)
        link_mail = self.mails_to(self.erin).filtered(lambda m: "your Zoom link" in m.subject)
        self.assertEqual(len(link_mail), 1)
        self.assertIn(meeting.registrant_ids.join_url, self.mail_text(link_mail))

    def test_server_error(self):
        event = self.book_while("Zoom", status=503)
        self.retry_later()
        self.assert_recovered(event)

    def test_connection_refused(self):
        """Nothing listens at Zoom's address (a closed port): the booking
        waits, and goes through once Zoom is back."""
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("zoom_calendar.api_base_url", "http://127.0.0.1:%d/v2" % unused_port())
        event = self.book(self.round_robin, partners=self.erin)
        meeting = event.zoom_meeting_id
        self.assertEqual((meeting.status, meeting.pending_operation), ("pending", "create"))
        self.assert_no_link_yet(event)
        self.assertIn("not reachable", meeting.last_error)
        params.set_param("zoom_calendar.api_base_url", self.fake.url + "/v2")
        self.retry_later()
        self.assert_recovered(event)

    def test_connection_dropped(self):
        event = self.book_while("Zoom", drop=True)
        self.retry_later()
        self.assert_recovered(event)

    def test_timeout(self):
        event = self.book_while("Zoom", delay=2)
        # Zoom made the meeting after Odoo gave up waiting: the retry finds it.
        deadline = time.time() + 5
        while not self.zoom_meetings() and time.time() < deadline:
            time.sleep(0.1)
        self.retry_later()
        self.assert_recovered(event)

    def test_garbage_body(self):
        event = self.book_while("unexpected", malformed=True)
        self.retry_later()
        self.assert_recovered(event)

    def test_rate_limited_retry_after_is_honoured(self):
        event = self.book_while("too many requests", status=429,
                                headers={"Retry-After": "120", "X-RateLimit-Type": "QPS"},
                                body={"code": 429, "message": "Too many requests"})
        meeting = event.zoom_meeting_id
        wait = self.retry_at(meeting) - datetime.utcnow()
        self.assertTrue(timedelta(seconds=100) < wait <= timedelta(seconds=125), wait)
        self.retry_later(minutes=1)  # too early: nothing is sent
        self.assertEqual(meeting.status, "pending")
        self.retry_later(minutes=3)
        self.assert_recovered(event)

    def test_backoff_grows_between_attempts(self):
        self.fake.control.fault(path=CREATE, method="POST", count=-1, status=503)
        event = self.book(self.round_robin)
        meeting = event.zoom_meeting_id
        waits = []
        for _attempt in range(3):
            before = self.retry_at(meeting)
            with freeze_time(before + timedelta(seconds=1)):
                self.env["zoom.meeting"]._cron_retry_pending()
                waits.append(self.retry_at(meeting) - datetime.utcnow())
        self.assertTrue(waits[0] < waits[1] < waits[2], waits)
        self.assertEqual(meeting.attempts, 4)

    def test_lost_create_answer_does_not_duplicate_the_meeting(self):
        event = self.book_while("Zoom", drop_after_processing=True)
        self.assertEqual(len(self.zoom_meetings()), 1)  # Zoom did create it
        self.retry_later()
        self.assert_recovered(event)
        creates = [r for r in self.fake.control.requests_log()
                   if r["method"] == "POST" and r["path"].endswith("/meetings")]
        self.assertEqual(len(creates), 1)

    def test_permanent_refusal_fails_the_meeting_but_keeps_the_booking(self):
        self.fake.control.fault(path=CREATE, method="POST", count=1, status=400,
                                body={"code": 3161, "message": "User is not allowed to host meetings."})
        event = self.book(self.round_robin)
        self.assertTrue(event.exists())
        self.assertEqual(event.zoom_meeting_id.status, "failed")
        self.assertFalse(event.zoom_meeting_id.pending_operation)
        self.assertTrue(event.zoom_last_error)


class NoOrphansTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)

    def test_failed_delete_is_retried_by_the_scheduled_action(self):
        event = self.book(self.collective)
        meeting = event.zoom_meeting_id
        self.fake.control.fault(path="/v2/meetings/*", method="DELETE", count=-1, status=503)
        event.unlink()
        self.assertEqual(meeting.pending_operation, "delete")
        self.assertFalse(self.zoom_meeting_by_id(meeting.zoom_meeting_id)["deleted"])
        self.fake.control.clear_faults()
        with freeze_time(datetime.utcnow() + timedelta(hours=1)):
            self.env["zoom.meeting"]._cron_retry_pending()
        self.assertEqual(meeting.status, "deleted")
        self.assertTrue(self.zoom_meeting_by_id(meeting.zoom_meeting_id)["deleted"])

    def test_failed_update_is_retried(self):
        event = self.book(self.collective)
        self.fake.control.fault(path="/v2/meetings/*", method="PATCH", count=-1, status=503)
        event.write({"start": "2031-03-05 14:00:00", "stop": "2031-03-05 15:00:00"})
        self.assertEqual(event.zoom_meeting_id.pending_operation, "update")
        self.assertEqual(self.zoom_meeting(event)["start_time"], "2031-03-03T09:00:00Z")
        self.fake.control.clear_faults()
        with freeze_time(datetime.utcnow() + timedelta(hours=1)):
            self.env["zoom.meeting"]._cron_retry_pending()
        self.assertEqual(self.zoom_meeting(event)["start_time"], "2031-03-05T14:00:00Z")
        self.assertFalse(event.zoom_meeting_id.pending_operation)

    def test_reconciliation_deletes_only_this_databases_orphans(self):
        event = self.book(self.collective)
        meeting = event.zoom_meeting_id
        client = meeting._host_account()._zoom_client()
        payload = meeting._zoom_payload()
        prefix = meeting._marker_prefix()

        def made_at_zoom(agenda):
            return client.create_meeting(dict(payload, agenda=agenda))["id"]

        duplicate = made_at_zoom(payload["agenda"])  # a second create of the same booking
        orphan = made_at_zoom("[%s%d]" % (prefix, meeting.id + 1000))  # no such record
        other_database = made_at_zoom("[odoo-booking:ffffffff-%d]" % meeting.id)
        by_hand = made_at_zoom("The host's own meeting")
        deleted = self.env["zoom.meeting"]._cron_reconcile()
        self.assertEqual(sorted(deleted), sorted([duplicate, orphan]))
        live = {m["id"] for m in self.zoom_meetings() if not m["deleted"]}
        self.assertEqual(live, {meeting.zoom_meeting_id, other_database, by_hand})

    def zoom_meeting_by_id(self, zoom_id):
        return [m for m in self.zoom_meetings() if m["id"] == zoom_id][0]


class DailyCapTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.connect(self.bob)

    def cap(self, user, start):
        self.fake.control.config(daily_limit=0)
        event = self.book(self.round_robin, start=start, host=user)
        self.fake.control.config(daily_limit=100)
        return event

    def test_daily_cap_leaves_the_booking_pending_until_midnight_utc(self):
        event = self.cap(self.alice, datetime(2031, 3, 3, 9))
        meeting = event.zoom_meeting_id
        self.assertEqual(meeting.status, "pending")
        self.assertIn("daily limit", meeting.last_error)
        midnight = (datetime.utcnow() + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        self.assertEqual(self.retry_at(meeting), midnight)
        self.assertTrue(self.alice.zoom_account_ids._is_capped())

    def test_round_robin_skips_a_capped_host(self):
        self.book(self.round_robin, start=datetime(2031, 3, 3, 9), host=self.bob)
        self.book(self.round_robin, start=datetime(2031, 3, 3, 10), host=self.bob)
        self.cap(self.alice, datetime(2031, 3, 3, 11))
        # alice has fewer bookings, but Zoom will not take hers today.
        event = self.book(self.round_robin, start=datetime(2031, 3, 3, 14))
        self.assertEqual(event.user_id, self.bob)
        self.assertEqual(event.zoom_meeting_id.status, "scheduled")

    def test_everyone_capped_saves_the_booking_pending(self):
        self.cap(self.alice, datetime(2031, 3, 3, 9))
        self.cap(self.bob, datetime(2031, 3, 3, 10))
        event = self.book(self.round_robin, start=datetime(2031, 3, 3, 14))
        self.assertEqual(event.zoom_meeting_id.status, "pending")
        self.assertIn("daily limit", event.zoom_meeting_id.last_error)
