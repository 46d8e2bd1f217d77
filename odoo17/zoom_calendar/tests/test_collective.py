"""The tests both addons run are in zoom_calendar_common.tests.collective;
here, Odoo 17's helpers."""
from zoom_calendar_common.tests.collective import CollectiveTests
from .common import ZoomCase


class TestCollective(CollectiveTests, ZoomCase):

    def error_text(self, exception):
        return str(exception)

    def orm_datetime(self, value):
        return value
