"""The binding of an Odoo user to a Zoom user. The tests both addons run are
in zoom_calendar_common.tests.zoom_account; here, Odoo 11's helpers."""
from zoom_calendar_common.tests.zoom_account import ZoomAccountBindingTests
from .common import ZoomCase


class TestZoomAccountBinding(ZoomAccountBindingTests, ZoomCase):

    def error_text(self, exception):
        return exception.name

    def as_user(self, records, user):
        return records.sudo(user)

    def zoom_admin(self):
        return self.env.ref("base.user_root")

    def flush(self):
        """Odoo 11 writes at once: nothing waits."""

    def drop_cached(self, records):
        """Odoo 11's cache follows another user's changes: nothing to drop."""
