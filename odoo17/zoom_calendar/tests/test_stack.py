from datetime import datetime, timedelta

from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestStack(TransactionCase):
    """The stack itself: a real Odoo 17.0 on the private PostgreSQL, addon installed."""

    def test_addon_is_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "zoom_calendar")])
        self.assertEqual(module.state, "installed")
        self.assertTrue(module.latest_version.startswith("17.0."), module.latest_version)

    def test_calendar_event_round_trip(self):
        start = datetime(2030, 1, 7, 9, 0)
        event = self.env["calendar.event"].create({
            "name": "Stack check",
            "start": start,
            "stop": start + timedelta(hours=1),
        })
        self.env.invalidate_all()
        read_back = self.env["calendar.event"].browse(event.id).read(["name", "start", "duration"])[0]
        self.assertEqual(read_back["name"], "Stack check")
        # 17.0 reads Datetime fields as datetime objects, not strings.
        self.assertEqual(read_back["start"], start)
        self.assertEqual(read_back["duration"], 1.0)

    def test_scheduler_runs_on_this_database(self):
        """Odoo's scheduler skips a database with modules left 'to install':
        the retry job would never run."""
        self.cr.execute("SELECT name FROM ir_module_module WHERE state LIKE 'to %'")
        self.assertEqual(self.cr.fetchall(), [])
        cron = self.env.ref("zoom_calendar.ir_cron_zoom_retry_pending")
        self.assertTrue(cron.active)
        self.assertEqual(cron.interval_type, "minutes")
