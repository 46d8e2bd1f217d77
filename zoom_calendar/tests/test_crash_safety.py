"""Odoo killed (SIGKILL) in the middle of a booking: zoom_calendar_common's
tests (tests/crash_safety.py), on Odoo 11.0."""
from odoo import api
from odoo.tests.common import TransactionCase

from zoom_calendar_common.tests.crash_safety import CrashSafetyTests
from .common import CommittedZoomMixin


class TestCrashSafety(CrashSafetyTests, CommittedZoomMixin, TransactionCase):

    def worker_environment(self):
        return api.Environment.manage()
