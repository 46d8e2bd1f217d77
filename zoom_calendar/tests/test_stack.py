from datetime import datetime, timedelta

from odoo import fields
from odoo.tests.common import TransactionCase


class TestStack(TransactionCase):
    """The stack itself: a real Odoo on the private PostgreSQL, addon installed."""

    def test_addon_is_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "zoom_calendar")])
        self.assertEqual(module.state, "installed")

    def test_calendar_event_round_trip(self):
        start = datetime(2030, 1, 7, 9, 0)
        event = self.env["calendar.event"].create({
            "name": "Stack check",
            "start": fields.Datetime.to_string(start),
            "stop": fields.Datetime.to_string(start + timedelta(hours=1)),
        })
        self.env["calendar.event"].invalidate_cache()
        read_back = self.env["calendar.event"].browse(event.id).read(["name", "start", "duration"])[0]
        self.assertEqual(read_back["name"], "Stack check")
        self.assertEqual(read_back["start"], "2030-01-07 09:00:00")
        self.assertEqual(read_back["duration"], 1.0)

    def test_scheduler_runs_on_this_database(self):
        """Odoo's scheduler skips a database with modules left 'to install'
        (the wheels' unusable addons): the retry job would never run."""
        self.cr.execute("SELECT name FROM ir_module_module WHERE state LIKE 'to %'")
        self.assertEqual(self.cr.fetchall(), [])
        cron = self.env.ref("zoom_calendar.ir_cron_zoom_retry_pending")
        self.assertTrue(cron.active)
        self.assertEqual(cron.interval_type, "minutes")
