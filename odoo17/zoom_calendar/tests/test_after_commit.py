"""Zoom calls follow the booking's commit, in real transactions (17.0's
``cr.postcommit``): zoom_calendar_common's tests (tests/after_commit.py),
and this version's own."""
from contextlib import nullcontext
from datetime import datetime

from odoo.tests.common import TransactionCase, tagged

from zoom_calendar_common.tests.after_commit import ZoomAfterCommitTests
from .common import CommittedZoomMixin


@tagged("post_install", "-at_install")
class TestZoomAfterCommit(ZoomAfterCommitTests, CommittedZoomMixin, TransactionCase):

    def worker_environment(self):
        return nullcontext()  # 17.0's environments need no managing

    def assert_link_shown(self, event, join_url):
        # The link is the booking's video call (Odoo's Join video call).
        self.assertEqual(event.videocall_location, join_url)

    def test_nothing_runs_before_the_commit(self):
        """Until the booking's transaction commits, Zoom has heard nothing:
        the call waits in the cursor's post-commit hooks."""
        self.fake.control.clear_requests()

        def book_and_look(env):
            event = env["calendar.event"].browse(self.book(env, datetime(2031, 5, 5, 11)))
            env.flush_all()
            return (event.zoom_meeting_id.status, event.zoom_meeting_id.pending_operation,
                    [r for r in self.fake.control.requests_log() if r["method"] != "GET"])
        status, operation, writes = self.in_worker(book_and_look)
        self.assertEqual((status, operation, writes), ("pending", "create", []))
        self.assertEqual(len(self.fake.control.meetings()), 1)  # after the commit
