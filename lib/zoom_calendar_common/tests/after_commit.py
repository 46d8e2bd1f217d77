"""Zoom calls follow the booking's commit, in real transactions: each test
books in a thread of its own on a real cursor, as a request does, so its
commit (or rollback) is real and runs the after-commit calls (17.0's
``cr.postcommit``).

Each addon's test class inherits these beside CommittedZoomMixin and a
TransactionCase, and provides what reads differently in its Odoo:
``worker_environment()`` (the context a thread of its own opens its Odoo
environments in) and ``assert_link_shown(event, join_url)`` (the booking
shows its Zoom link)."""
import json
import logging
import threading
from datetime import datetime, timedelta

import odoo
from odoo import api, fields
from odoo.addons.zoom_calendar.tests.common import dt
from odoo.tools import mute_logger

CREATE = "/v2/users/*/meetings"


class ZoomAfterCommitTests(object):

    def setUp(self):
        super().setUp()
        self.setup_committed(members=1)
        self.addCleanup(self.fake.control.clear_faults)

    def in_worker(self, function, commit=True):
        """function(env) in a thread of its own on a real cursor, committed
        (or rolled back) for real, as Odoo's request handling does."""
        outcome = {}

        def run():
            with self.worker_environment():
                cr = self.committed_registry.cursor()
                try:
                    outcome["value"] = function(api.Environment(cr, odoo.SUPERUSER_ID, {}))
                    cr.commit() if commit else cr.rollback()  # pylint: disable=invalid-commit (a worker's own cursor)
                except Exception as error:  # reported to the test below
                    outcome["error"] = error
                finally:
                    cr.close()

        worker = threading.Thread(target=run)
        worker.start()
        worker.join(60)
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("value")

    def book(self, env, start, partner_ids=()):
        return env["calendar.event"].create({
            "name": "Committed booking", "group_calendar_id": self.committed["group"],
            "start": dt(start), "stop": dt(start + timedelta(minutes=30)), "duration": 0.5,
            "partner_ids": [(6, 0, list(partner_ids))]}).id

    def test_a_rolled_back_booking_never_reaches_zoom(self):
        self.fake.control.clear_requests()
        self.in_worker(lambda env: self.book(env, datetime(2031, 5, 5, 9)), commit=False)
        self.assertEqual(self.fake.control.meetings(), [])
        self.assertFalse([r for r in self.fake.control.requests_log() if r["method"] != "GET"])
        with self.committed_registry.cursor() as cr:
            cr.execute("SELECT count(*) FROM zoom_meeting WHERE host_user_id IN %s",
                       (tuple(self.committed["hosts"]),))
            self.assertEqual(cr.fetchone()[0], 0)

    def test_when_the_commit_returns_the_link_and_invitations_are_there(self):
        guests = self.committed_partners(5)
        self.fake.control.clear_requests()
        event_id = self.in_worker(lambda env: self.book(env, datetime(2031, 5, 5, 10), guests))
        # Zoom: the meeting, then one batch for the five guests.
        writes = [(r["method"], r["path"].rsplit("/", 1)[-1]) for r in self.fake.control.requests_log()
                  if r["method"] != "GET"]
        self.assertEqual(writes, [("POST", "meetings"), ("POST", "batch_registrants")])
        with self.committed_registry.cursor() as cr:
            event = self.committed_env(cr)["calendar.event"].browse(event_id)
            meeting = event.zoom_meeting_id
            self.assertEqual(meeting.status, "scheduled")
            self.assertFalse(meeting.pending_operation)
            self.assert_link_shown(event, meeting.join_url)
            self.assertEqual(len(meeting.registrant_ids), 5)
            for registrant in meeting.registrant_ids:
                mails = self.committed_env(cr)["mail.mail"].search([
                    ("recipient_ids", "in", registrant.partner_id.ids)])
                self.assertEqual(len(mails), 1, registrant.email)
                self.assertIn(registrant.join_url, mails.body_html.replace("&amp;", "&"))
            self.assertTrue(all(event.attendee_ids.mapped("zoom_invited")))

    def test_one_meetings_unexpected_error_is_its_own(self):
        """The scheduled action runs each meeting in a transaction of its
        own: a database error on one (here a trigger refusing its registrant,
        after Zoom made its meeting) is logged with that meeting, its next
        try moves later, and the other meeting is done. The next run adopts
        the meeting Zoom already made (found by its marker)."""
        failing, fine = self.committed_partners(2)
        self.fake.control.fault(path=CREATE, method="POST", count=-1, status=503)
        bad_id = self.in_worker(lambda env: self.book(env, datetime(2031, 5, 6, 9), [failing]))
        good_id = self.in_worker(lambda env: self.book(env, datetime(2031, 5, 6, 10), [fine]))
        self.fake.control.clear_faults()
        with self.committed_registry.cursor() as cr:
            cr.execute("SELECT email FROM res_partner WHERE id = %s", (failing,))
            email = cr.fetchone()[0]
            cr.execute("""
                CREATE FUNCTION zoom_test_refuse() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'refused for the test'; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER zoom_test_refuse BEFORE INSERT ON zoom_meeting_registrant
                FOR EACH ROW WHEN (NEW.email = %s) EXECUTE PROCEDURE zoom_test_refuse();
                UPDATE zoom_meeting SET next_retry_at = '2000-01-01' WHERE event_id IN %s
            """, (email, (bad_id, good_id)))
        self.addCleanup(self._drop_trigger)
        # The trigger's refusal is logged by odoo.sql_db too ("bad query"): expected here.
        with self.assertLogs("odoo.addons.zoom_calendar.models.zoom_meeting", logging.ERROR) as logs, \
                mute_logger("odoo.sql_db"):
            self.in_worker(lambda env: env["zoom.meeting"]._cron_retry_pending())
        meetings = self.meetings_of(bad_id, good_id)
        bad, good = meetings[bad_id], meetings[good_id]
        self.assertIn("zoom.meeting %s failed unexpectedly" % bad["id"], "\n".join(logs.output))
        self.assertEqual((good["status"], good["pending_operation"]), ("scheduled", None))
        self.assertEqual((bad["status"], bad["pending_operation"]), ("pending", "create"))
        self.assertGreater(bad["next_retry_at"], datetime.utcnow() + timedelta(seconds=30))
        self.assertIn("refused for the test", bad["last_error"])
        # Once the cause is gone, the next run finds the meeting Zoom made.
        self._drop_trigger()
        with self.committed_registry.cursor() as cr:
            cr.execute("UPDATE zoom_meeting SET next_retry_at = '2000-01-01' WHERE id = %s", (bad["id"],))
        self.in_worker(lambda env: env["zoom.meeting"]._cron_retry_pending())
        bad = self.meetings_of(bad_id)[bad_id]
        self.assertEqual(bad["status"], "scheduled")
        live = [m for m in self.fake.control.meetings() if not m["deleted"]]
        self.assertEqual(sorted(m["id"] for m in live),
                         sorted([bad["zoom_meeting_id"], good["zoom_meeting_id"]]))
        # Adopted with what Zoom holds (a listing has neither): its passcode,
        # which the payload kept matches, and its host's start link.
        adopted = self.fake.control.meeting(bad["zoom_meeting_id"])
        self.assertEqual(bad["password"], adopted["password"])
        self.assertEqual(json.loads(bad["payload_sent"]).get("password"), adopted["password"])
        self.assertTrue(bad["start_url_private"])

    def meetings_of(self, *event_ids):
        with self.committed_registry.cursor() as cr:
            cr.execute("""SELECT event_id, id, status, pending_operation, next_retry_at, last_error,
                                 zoom_meeting_id, password, payload_sent, start_url_private
                            FROM zoom_meeting WHERE event_id IN %s""", (event_ids,))
            columns = [column[0] for column in cr.description]
            rows = [dict(zip(columns, row)) for row in cr.fetchall()]
        for row in rows:
            row["next_retry_at"] = fields.Datetime.from_string(row["next_retry_at"])
        return {row["event_id"]: row for row in rows}

    def _drop_trigger(self):
        with self.committed_registry.cursor() as cr:
            cr.execute("DROP TRIGGER IF EXISTS zoom_test_refuse ON zoom_meeting_registrant; "
                       "DROP FUNCTION IF EXISTS zoom_test_refuse()")
