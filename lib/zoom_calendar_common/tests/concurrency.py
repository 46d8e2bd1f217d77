"""Real concurrency, as both addons test it: bookings at once over XML-RPC
into Odoo's own HTTP server (each request its own transaction), and visitors
at once on two real Odoo servers (odoo-bin processes) sharing one database.

Each addon's test class inherits these first, beside its version's helpers:
``make_member(env, index)`` (the index-th user of the load test, committed
with the rest) and ``orm_datetime(value)`` (a datetime as its ORM's cursor
reads it)."""
import re
import threading
import time
import xmlrpc.client
from collections import Counter
from datetime import datetime, timedelta

import requests

import odoo
from odoo.addons.zoom_calendar.tests.common import configure_zoom, connect, dt, ensure_http_server, fake_zoom
from odoo.addons.zoom_calendar.tests.odoo_server import OdooServer

from zoom_scheduling import booking_slots

BOOKINGS = 20
MEMBERS = 5
SLOTS = 4


class ConcurrentBookingsTests(object):
    """Twenty bookings at once into one round-robin calendar, each over its
    own XML-RPC connection, so each in its own database transaction: no host
    gets two overlapping bookings, and nobody sees a serialization error
    (Odoo's RPC layer retries them). The data is committed, then removed."""

    def setUp(self):
        super().setUp()
        self.fake = fake_zoom()
        self.fake.control.reset()
        self.base_url = ensure_http_server()
        self.tag = "load%d" % (time.time() * 1000)
        with self.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            configure_zoom(env, self.fake)
            users = env["res.users"]
            for index in range(MEMBERS + 1):
                users |= self.make_member(env, index)
            self.booker, members = users[0], users[1:]
            for member in members:
                connect(env, self.fake, member)
            group = env["calendar.group"].create({
                "name": "Load test", "member_ids": [(6, 0, members.ids)], "duration": 0.5})
            self.group_id, self.user_ids = group.id, users.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM calendar_event WHERE group_calendar_id = %s", (self.group_id,))
            cr.execute("DELETE FROM zoom_meeting WHERE host_user_id IN %s", (tuple(self.user_ids),))
            cr.execute("DELETE FROM calendar_group WHERE id = %s", (self.group_id,))
            cr.execute("DELETE FROM zoom_account WHERE user_id IN %s", (tuple(self.user_ids),))
            cr.execute("UPDATE res_users SET active = false WHERE id IN %s", (tuple(self.user_ids),))

    def test_twenty_concurrent_bookings_never_double_book_a_host(self):
        start = datetime(2031, 6, 2, 9, 0)
        slots = [start + timedelta(hours=hour) for hour in range(SLOTS)]
        results, errors = [], []
        barrier = threading.Barrier(BOOKINGS)

        def book(index):
            rpc = xmlrpc.client.ServerProxy(self.base_url + "/xmlrpc/2/object")
            slot = slots[index % SLOTS]
            barrier.wait()
            try:
                results.append(rpc.execute_kw(
                    self.cr.dbname, self.booker.id, self.tag, "calendar.event", "create", [{
                        "name": "Load %d" % index, "group_calendar_id": self.group_id,
                        "start": dt(slot), "stop": dt(slot + timedelta(minutes=30)), "duration": 0.5}]))
            except xmlrpc.client.Fault as fault:
                errors.append(fault.faultString)

        threads = [threading.Thread(target=book, args=(index,)) for index in range(BOOKINGS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        self.assertEqual(errors, [])
        self.assertEqual(len(results), BOOKINGS)
        with self.registry.cursor() as cr:
            cr.execute("""SELECT user_id, start FROM calendar_event WHERE group_calendar_id = %s""",
                       (self.group_id,))
            per_host_and_slot = Counter(cr.fetchall())
            cr.execute("""SELECT count(*) FROM zoom_meeting m JOIN calendar_event e ON e.id = m.event_id
                          WHERE e.group_calendar_id = %s AND m.status = 'scheduled'""", (self.group_id,))
            scheduled = cr.fetchone()[0]
        self.assertEqual(sum(per_host_and_slot.values()), BOOKINGS)
        self.assertEqual(max(per_host_and_slot.values()), 1, per_host_and_slot)
        self.assertEqual(scheduled, BOOKINGS)
        live = [m for m in self.fake.control.meetings() if not m["deleted"]]
        self.assertEqual(len(live), BOOKINGS)


class ConcurrencyOnTwoServersTests(object):
    """Two real Odoo servers on one database, as behind a proxy: visitors
    book at once on the public page, Zoom answering each call after 1 s."""

    def setUp(self):
        super().setUp()
        self.setup_committed(members=MEMBERS)
        self.servers = [OdooServer(), OdooServer()]
        for server in self.servers:
            self.addCleanup(server.stop)
        self.addCleanup(self.fake.control.config, delay_ms=0)
        with self.committed_registry.cursor() as cr:
            group = self.committed_env(cr)["calendar.group"].browse(self.committed["group"])
            self.slots = [start for start, _stop in group._public_slots()[:BOOKINGS + 1]]

    def visit(self, index, start):
        """A visitor's session on one of the servers, at the booking form:
        (session, server, csrf token, form stamp)."""
        server = self.servers[index % 2]
        session = requests.Session()
        form = session.get("%s/book/%s/slot?slot=%s&tz=UTC" % (
            server.url, self.committed["group"], booking_slots.format_slot(start)), timeout=60)
        self.assertEqual(form.status_code, 200, form.text[:500])
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        stamp = re.search(r'name="form_stamp" value="([^"]+)"', form.text).group(1)
        return session, server, token, stamp

    def submit_at_once(self, visits):
        """Every visitor submits at the same moment: [(status, text)]."""
        answers = [None] * len(visits)
        barrier = threading.Barrier(len(visits))

        def submit(index):
            session, server, token, stamp, start = visits[index]
            barrier.wait()
            response = session.post("%s/book/%s/slot" % (server.url, self.committed["group"]), data={
                "slot": booking_slots.format_slot(start), "tz": "UTC", "name": "Visitor %d" % index,
                "email": "visitor%d.%s@example.net" % (index, self.tag), "csrf_token": token,
                "form_stamp": stamp},
                allow_redirects=False, timeout=120)
            answers[index] = (response.status_code, response.text)

        threads = [threading.Thread(target=submit, args=(index,)) for index in range(len(visits))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
        return answers

    def bookings(self):
        with self.committed_registry.cursor() as cr:
            cr.execute("""SELECT e.user_id, e.start, m.status, m.zoom_meeting_id,
                                 (SELECT count(*) FROM zoom_meeting_registrant r WHERE r.meeting_id = m.id)
                            FROM calendar_event e LEFT JOIN zoom_meeting m ON m.id = e.zoom_meeting_id
                           WHERE e.group_calendar_id = %s""", (self.committed["group"],))
            return cr.fetchall()

    def test_visitors_book_at_once_on_two_servers(self):
        self.fake.control.config(delay_ms=1000)
        # Twenty visitors, twenty different free slots: all booked.
        visits = [self.visit(index, start) + (start,) for index, start in enumerate(self.slots[:BOOKINGS])]
        answers = self.submit_at_once(visits)
        self.assertEqual([status for status, _text in answers], [303] * BOOKINGS,
                         [text[:300] for status, text in answers if status != 303])
        # Once the pages answered, every booking has its meeting and link.
        rows = self.bookings()
        self.assertEqual(len(rows), BOOKINGS)
        self.assertEqual(max(Counter((host, start) for host, start, *_rest in rows).values()), 1)
        self.assertEqual([(status, registrants) for _h, _s, status, _z, registrants in rows],
                         [("scheduled", 1)] * BOOKINGS)
        live = [m for m in self.fake.control.meetings() if not m["deleted"]]
        self.assertEqual(sorted(m["id"] for m in live), sorted(row[3] for row in rows))
        # Two visitors, one slot that one member alone can host: one
        # booking, one clear "taken" page.
        last = self.slots[BOOKINGS]
        with self.committed_registry.cursor() as cr:
            env = self.committed_env(cr)
            for host in env["res.users"].browse(self.committed["hosts"][1:]):
                env["calendar.event"].create({
                    "name": "Busy", "start": dt(last), "stop": dt(last + timedelta(minutes=30)),
                    "duration": 0.5, "user_id": host.id, "partner_ids": [(6, 0, host.partner_id.ids)]})
        pair = [self.visit(index, last) + (last,) for index in (BOOKINGS, BOOKINGS + 1)]
        answers = sorted(self.submit_at_once(pair))
        self.assertEqual([status for status, _text in answers], [303, 409])
        self.assertIn("This time was just taken", answers[1][1])
        self.assertEqual(len([row for row in self.bookings() if row[1] == self.orm_datetime(last)]), 1)
        for server in self.servers:
            self.assertEqual(server.errors(), [])
