"""Basic and Licensed Zoom hosts (issue 12, 2) on Odoo 17.0: the tests, the
same for both addons, are zoom_calendar_common.tests.zoom_account_types's."""
from zoom_calendar_common.tests.zoom_account_types import ZoomAccountTypesTests
from .common import ZoomCase


class TestZoomAccountTypes(ZoomAccountTypesTests, ZoomCase):
    pass
