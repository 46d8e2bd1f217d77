"""A group calendar's Zoom meeting options (issue 12, 3) on Odoo 17.0: the
tests, the same for both addons, are
zoom_calendar_common.tests.zoom_meeting_options's."""
from zoom_calendar_common.tests.zoom_meeting_options import ZoomMeetingOptionsTests
from .common import ZoomCase


class TestZoomMeetingOptions(ZoomMeetingOptionsTests, ZoomCase):
    pass
