"""Co-hosts of collective bookings (issue 12, 4) on Odoo 17.0: the tests, the
same for both addons, are zoom_calendar_common.tests.collective_co_hosts's."""
from zoom_calendar_common.tests.collective_co_hosts import CollectiveCoHostsTests
from .common import ZoomCase


class TestCollectiveCoHosts(CollectiveCoHostsTests, ZoomCase):
    pass
