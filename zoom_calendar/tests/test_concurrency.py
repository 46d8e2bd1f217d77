import threading
import time
import xmlrpc.client
from collections import Counter
from datetime import datetime, timedelta

import odoo
from odoo.tests.common import TransactionCase

from .common import configure_zoom, connect, dt, ensure_http_server, fake_zoom

BOOKINGS = 20
MEMBERS = 5
SLOTS = 4


class TestConcurrentBookings(TransactionCase):
    """Twenty bookings at once into one round-robin calendar, each over its
    own XML-RPC connection, so each in its own database transaction: no host
    gets two overlapping bookings, and nobody sees a serialization error
    (Odoo's RPC layer retries them). The data is committed, then removed."""

    def setUp(self):
        super(TestConcurrentBookings, self).setUp()
        self.fake = fake_zoom()
        self.fake.control.reset()
        self.base_url = ensure_http_server()
        self.tag = "load%d" % (time.time() * 1000)
        with self.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            configure_zoom(env, self.fake)
            users = env["res.users"]
            for index in range(MEMBERS + 1):
                users |= users.with_context(no_reset_password=True).create({
                    "name": "Member %d" % index, "login": "%s_%d" % (self.tag, index),
                    "password": self.tag, "email": "%s_%d@example.com" % (self.tag, index), "tz": "UTC",
                    "groups_id": [(6, 0, [env.ref("base.group_user").id])]})
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
