"""The binding of an Odoo user to a Zoom user. The tests both addons run are
in zoom_calendar_common.tests.zoom_account; here, Odoo 17's helpers."""
from zoom_calendar_common.tests.zoom_account import ZoomAccountBindingTests
from .common import ZoomCase


class TestZoomAccountBinding(ZoomAccountBindingTests, ZoomCase):

    def error_text(self, exception):
        return str(exception)

    def as_user(self, records, user):
        return records.with_user(user)

    def zoom_admin(self):
        return self.env.ref("base.user_admin")

    def flush(self):
        self.env.flush_all()

    def drop_cached(self, records):
        records.invalidate_recordset()
