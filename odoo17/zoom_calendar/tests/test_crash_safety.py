"""Odoo killed (SIGKILL) in the middle of a booking: zoom_calendar_common's
tests (tests/crash_safety.py), on Odoo 17.0."""
from contextlib import nullcontext

from odoo.tests.common import TransactionCase, tagged

from zoom_calendar_common.tests.crash_safety import CrashSafetyTests
from .common import CommittedZoomMixin


@tagged("post_install", "-at_install")
class TestCrashSafety(CrashSafetyTests, CommittedZoomMixin, TransactionCase):

    def worker_environment(self):
        return nullcontext()  # 17.0's environments need no managing
