"""The tests both addons run are in zoom_calendar_common.tests.collective;
here, Odoo 11's helpers."""
from zoom_calendar_common.tests.collective import CollectiveTests
from .common import ZoomCase, dt


class TestCollective(CollectiveTests, ZoomCase):

    def error_text(self, exception):
        return exception.name

    def orm_datetime(self, value):
        return dt(value)
