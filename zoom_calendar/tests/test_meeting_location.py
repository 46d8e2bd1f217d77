"""Group calendars that follow each host's own meeting location (issue 12, 1).

The tests both addons run are in zoom_calendar_common.tests.meeting_location;
here, Odoo 11's helpers."""
from zoom_calendar_common.tests.meeting_location import HostMeetingLocationTests
from .common import ZoomCase


class TestHostMeetingLocation(HostMeetingLocationTests, ZoomCase):

    def error_text(self, exception):
        return exception.name

    def as_user(self, records, user):
        return records.sudo(user)

    def invalidate_fields(self, records, fnames):
        records.invalidate_cache(fnames)
