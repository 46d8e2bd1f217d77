# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from zoom_scheduling import attendance

from odoo import models


class ZoomMeetingParticipant(models.Model):
    """zoom.meeting.participant on Odoo 17.0: what this version does its own way (what both
    versions share is in zoom_calendar_common.models.zoom_meeting_participant)."""

    _inherit = "zoom.meeting.participant"

    def _minutes(self, until=None):
        """Minutes present over these stays (an open one counts up to
        ``until``, a naive UTC datetime, when given)."""
        return attendance.minutes_present([(stay.join_time, stay.leave_time) for stay in self], until)
