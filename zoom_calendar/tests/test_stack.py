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
