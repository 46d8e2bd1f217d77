"""Real concurrency: bookings at once over XML-RPC into Odoo's own HTTP
server (each request its own transaction), and visitors at once on two
real Odoo 17.0 servers (odoo-bin processes) sharing one database.

The tests both addons run are in zoom_calendar_common.tests.concurrency;
here, Odoo 17's helpers."""
from odoo.tests.common import TransactionCase, new_test_user, tagged

from zoom_calendar_common.tests.concurrency import ConcurrencyOnTwoServersTests, ConcurrentBookingsTests
from .common import CommittedZoomMixin


@tagged("post_install", "-at_install")
class TestConcurrentBookings(ConcurrentBookingsTests, TransactionCase):

    def make_member(self, env, index):
        return new_test_user(
            env, login="%s_%d" % (self.tag, index), groups="base.group_user", name="Member %d" % index,
            password=self.tag, email="%s_%d@example.com" % (self.tag, index), tz="UTC",
            context={"no_reset_password": True})


@tagged("post_install", "-at_install")
class TestConcurrencyOnTwoServers(ConcurrencyOnTwoServersTests, CommittedZoomMixin, TransactionCase):

    def orm_datetime(self, value):
        """Odoo 17's cursor reads a timestamp as a datetime."""
        return value
