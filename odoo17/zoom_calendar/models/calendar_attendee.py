# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models

from .owned_fields import check_owned_fields

# Set from Zoom's webhooks, or by the host through the attendance actions only
# (zoom_calendar_common.models.calendar_attendee);
# zoom_invited with the invitation's mail (owned_fields.py).
OWNED_FIELDS = {"zoom_attendance", "zoom_joined_at", "zoom_minutes", "zoom_attendance_manual",
                "zoom_invited"}


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_owned_fields(self, vals, OWNED_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        check_owned_fields(self, vals, OWNED_FIELDS)
        res = super().write(vals)
        if "zoom_attendance" in vals:
            self.event_id._zoom_recount_attendance()
        return res

    def unlink(self):
        # Only an attendee Zoom counted changes the counts: removing the
        # others (most attendees, of every event) needs no recount.
        counted = self.filtered("zoom_attendance").event_id
        res = super().unlink()
        counted._zoom_recount_attendance()
        return res

    @api.depends("partner_id", "event_id.zoom_meeting_id.event_id", "event_id.zoom_meeting_id.status",
                 "event_id.zoom_meeting_id.join_url", "event_id.zoom_meeting_id.personal_links",
                 "event_id.zoom_meeting_id.host_user_id", "event_id.zoom_meeting_id.registrant_ids.state",
                 "event_id.zoom_meeting_id.registrant_ids.partner_id",
                 "event_id.zoom_meeting_id.registrant_ids.join_url")
    @api.depends_context("uid")
    def _compute_zoom_join_url(self):
        user = self.env.user
        sees_all = self.env.su or user.has_group("zoom_calendar.group_zoom_admin")
        for attendee in self:
            meeting = attendee.event_id._zoom_own_meetings()
            if not meeting or meeting.status == "deleted":
                attendee.zoom_join_url = False
                continue
            # A meeting without personal links (a Basic host's) has one link
            # for all, also for those registered before the host's downgrade.
            registrant = meeting.personal_links and meeting.registrant_ids.filtered(
                lambda reg: reg.partner_id == attendee.partner_id and reg.state == "active")[:1]
            # A personal link is for its owner, the host and Zoom admins only.
            if registrant and (sees_all or attendee.partner_id == user.partner_id
                               or meeting.host_user_id == user):
                attendee.zoom_join_url = registrant.join_url
            else:
                attendee.zoom_join_url = meeting.join_url
