"""Odoo killed (SIGKILL) in the middle of a booking, at each point where a
crash could lose or duplicate something: a real Odoo server process books
over XML-RPC while the fake Zoom holds its answer, and is killed (the
addon's tests/odoo_server.py; on 17.0, the odoo-bin of the Odoo 17.0 tree
that runs the tests). Then the scheduled actions run (in this process:
another Odoo on the same database), and what Zoom holds must match the
bookings that exist: exactly one live meeting each, none for a booking that
does not exist, and no invitation sent twice."""
import threading
import time
import xmlrpc.client
from datetime import datetime, timedelta

from freezegun import freeze_time

import odoo
from odoo import api
from odoo.addons.zoom_calendar.tests.common import dt
from odoo.addons.zoom_calendar.tests.odoo_server import OdooServer

from .. import addon_logger

# The addon's test module's logger, as when this code was there.
_logger = addon_logger("tests.test_crash_safety")

CREATE = "/v2/users/*/meetings"
BATCH = "/v2/meetings/*/batch_registrants"
HOLD = 4  # seconds the fake Zoom holds its answer while Odoo is killed


class CrashSafetyTests(object):
    """Inherited beside CommittedZoomMixin and a TransactionCase; the
    addon's class provides ``worker_environment()``, the context a thread
    of its own opens its Odoo environments in."""

    def setUp(self):
        super().setUp()
        self.setup_committed(members=1)
        self.guest_id = self.committed_partners(1)[0]
        self.addCleanup(self.fake.control.clear_faults)
        self.server = OdooServer()
        self.addCleanup(self.server.stop)
        self.start = datetime(2031, 7, 7, 9)

    def book_in_background(self):
        """Books over XML-RPC in a thread: the call never answers (Odoo is
        killed meanwhile)."""
        def call():
            rpc = xmlrpc.client.ServerProxy(self.server.url + "/xmlrpc/2/object")
            try:
                rpc.execute_kw(self.server.dbname, self.committed["booker"], self.tag, "calendar.event",
                               "create", [{
                                   "name": "Crash test", "group_calendar_id": self.committed["group"],
                                   "start": dt(self.start), "stop": dt(self.start + timedelta(minutes=30)),
                                   "duration": 0.5, "partner_ids": [(6, 0, [self.guest_id])]}])
            except Exception as error:  # the server died under it: what the test wants
                _logger.info("Booking call ended by the kill: %s", type(error).__name__)
        thread = threading.Thread(target=call, daemon=True)
        thread.start()
        return thread

    def wait_for(self, condition, what, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if condition():
                return
            time.sleep(0.1)
        self.fail("timed out waiting for %s" % what)

    def sql(self, query, params=()):
        with self.committed_registry.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall() if cr.description else None

    def meeting_rows(self):
        return self.sql("""SELECT m.id, m.attempts, m.zoom_meeting_id FROM zoom_meeting m
                           WHERE m.host_user_id IN %s""", (tuple(self.committed["hosts"]),))

    def recover(self):
        """What follows a restart: the scheduled actions, once the killed
        worker's lease on its meeting ran out (a few minutes later)."""
        time.sleep(HOLD + 1)  # the fake's held answer is done with
        self.fake.control.clear_faults()

        def run():
            with self.worker_environment(), freeze_time(datetime.utcnow() + timedelta(minutes=10), tick=True):
                with self.committed_registry.cursor() as cr:
                    api.Environment(cr, odoo.SUPERUSER_ID, {})["zoom.meeting"]._cron_retry_pending()
        worker = threading.Thread(target=run)  # a request-like thread: real commits
        worker.start()
        worker.join(120)

    def assert_invariants(self, booked):
        events = self.sql("""SELECT e.id, m.zoom_meeting_id FROM calendar_event e
                             LEFT JOIN zoom_meeting m ON m.id = e.zoom_meeting_id
                             WHERE e.group_calendar_id = %s""", (self.committed["group"],))
        live = [m for m in self.fake.control.meetings() if not m["deleted"]]
        self.assertEqual(len(events), 1 if booked else 0, events)
        self.assertEqual(sorted(m["id"] for m in live), sorted(zoom_id for _id, zoom_id in events), live)
        invitations = self.sql("""
            SELECT count(*) FROM mail_mail mm
              JOIN mail_message msg ON msg.id = mm.mail_message_id
              JOIN mail_mail_res_partner_rel rel ON rel.mail_mail_id = mm.id
             WHERE rel.res_partner_id = %s AND msg.subject NOT ILIKE %s""", (self.guest_id, "%zoom link%"))[0][0]
        self.assertEqual(invitations, 1 if booked else 0)
        if booked:
            registrants = [r for m in live for r in m["registrants"] if r["status"] == "approved"]
            self.assertEqual(len(registrants), 1)
            mail = self.sql("""
                SELECT mm.body_html FROM mail_mail mm
                  JOIN mail_mail_res_partner_rel rel ON rel.mail_mail_id = mm.id
                 WHERE rel.res_partner_id = %s""", (self.guest_id,))
            self.assertIn(registrants[0]["join_url"], " ".join(row[0] for row in mail).replace("&amp;", "&"))

    def test_killed_before_the_booking_commits(self):
        # The test holds the calendar's lock: the booking waits in its
        # transaction, and dies there.
        holder = self.committed_registry.cursor()
        try:
            holder.execute("SELECT id FROM calendar_group WHERE id = %s FOR UPDATE", (self.committed["group"],))
            self.book_in_background()
            self.wait_for(lambda: self.sql(
                "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE %s",
                ("%calendar_group%FOR UPDATE%",)), "the booking to wait for the lock")
            self.server.kill()
        finally:
            holder.rollback()
            holder.close()
        self.recover()
        self.assert_invariants(booked=False)

    def test_killed_after_commit_before_zoom_answers_the_create(self):
        self.fake.control.fault(path=CREATE, method="POST", count=1, delay=HOLD)
        self.book_in_background()
        self.wait_for(lambda: any(attempts for _id, attempts, _zoom in self.meeting_rows()),
                      "the booking to commit and its meeting to be sent")
        self.server.kill()
        self.recover()
        self.assert_invariants(booked=True)

    def test_killed_after_zoom_made_the_meeting_before_its_answer_was_stored(self):
        self.fake.control.fault(path=CREATE, method="POST", count=1, delay_after=HOLD)
        self.book_in_background()
        self.wait_for(lambda: self.fake.control.meetings(), "Zoom to make the meeting")
        self.server.kill()
        self.assertFalse([zoom_id for _id, _attempts, zoom_id in self.meeting_rows() if zoom_id])
        self.recover()
        self.assert_invariants(booked=True)

    def test_killed_while_registrants_are_added(self):
        self.fake.control.fault(path=BATCH, method="POST", count=1, delay_after=HOLD)
        self.book_in_background()
        self.wait_for(lambda: any(m["registrants"] for m in self.fake.control.meetings()),
                      "Zoom to register the guest")
        self.server.kill()
        self.recover()
        self.assert_invariants(booked=True)
