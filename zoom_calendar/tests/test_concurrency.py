"""Real concurrency: bookings at once over XML-RPC into Odoo's own HTTP
server (each request its own transaction), and visitors at once on two
real Odoo servers (odoo-bin processes) sharing one database.

The tests both addons run are in zoom_calendar_common.tests.concurrency;
here, Odoo 11's helpers."""
from odoo.tests.common import TransactionCase

from zoom_calendar_common.tests.concurrency import ConcurrencyOnTwoServersTests, ConcurrentBookingsTests
from .common import CommittedZoomMixin, dt


class TestConcurrentBookings(ConcurrentBookingsTests, TransactionCase):

    def make_member(self, env, index):
        return env["res.users"].with_context(no_reset_password=True).create({
            "name": "Member %d" % index, "login": "%s_%d" % (self.tag, index),
            "password": self.tag, "email": "%s_%d@example.com" % (self.tag, index), "tz": "UTC",
            "groups_id": [(6, 0, [env.ref("base.group_user").id])]})


class TestConcurrencyOnTwoServers(ConcurrencyOnTwoServersTests, CommittedZoomMixin, TransactionCase):

    def orm_datetime(self, value):
        """Odoo 11's cursor reads a timestamp as a string."""
        return dt(value)
