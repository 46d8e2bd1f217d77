"""Zoom calls follow the booking's commit, in real transactions:
zoom_calendar_common's tests (tests/after_commit.py), on Odoo 11.0."""
from odoo import api
from odoo.tests.common import TransactionCase

from zoom_calendar_common.tests.after_commit import ZoomAfterCommitTests
from .common import CommittedZoomMixin


class TestZoomAfterCommit(ZoomAfterCommitTests, CommittedZoomMixin, TransactionCase):

    def worker_environment(self):
        return api.Environment.manage()

    def assert_link_shown(self, event, join_url):
        self.assertEqual(event.location, "Zoom: %s" % join_url)
