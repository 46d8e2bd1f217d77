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

    @api.model
    def create(self, vals):
        check_owned_fields(self, vals, OWNED_FIELDS)
        return super(CalendarAttendee, self).create(vals)

    @api.multi
    def write(self, vals):
        check_owned_fields(self, vals, OWNED_FIELDS)
        res = super(CalendarAttendee, self).write(vals)
        if "zoom_attendance" in vals:
            self.mapped("event_id")._zoom_recount_attendance()
        return res

    @api.multi
    def unlink(self):
        # Only an attendee Zoom counted changes the counts: removing the
        # others (most attendees, of every event) needs no recount.
        counted = self.filtered("zoom_attendance").mapped("event_id")
        res = super(CalendarAttendee, self).unlink()
        counted._zoom_recount_attendance()
        return res

    @api.depends("event_id.zoom_meeting_id", "event_id.zoom_meeting_id.personal_links", "partner_id")
    def _compute_zoom_join_url(self):
        user = self.env.user
        sees_all = self.env.uid == 1 or user.has_group("zoom_calendar.group_zoom_admin")
        # The active registrants of all these attendees' meetings, in one
        # search (registrant_ids would read each meeting first).
        meetings = self.mapped("event_id")._zoom_own_meetings()
        active = self.env["zoom.meeting.registrant"].sudo()
        if meetings:
            active = active.search([("meeting_id", "in", meetings.ids), ("state", "=", "active")])
        for attendee in self:
            meeting = attendee.event_id._zoom_own_meetings()
            if not meeting or meeting.status == "deleted":
                attendee.zoom_join_url = False
                continue
            # A meeting without personal links (a Basic host's) has one link
            # for all, also for those registered before the host's downgrade.
            registrant = meeting.personal_links and active.filtered(
                lambda reg: reg.meeting_id == meeting and reg.partner_id == attendee.partner_id)[:1]
            # A personal link is for its owner, the host and Zoom admins only.
            if registrant and (sees_all or attendee.partner_id == user.partner_id
                               or meeting.host_user_id == user):
                attendee.zoom_join_url = registrant.join_url
            else:
                attendee.zoom_join_url = meeting.join_url
