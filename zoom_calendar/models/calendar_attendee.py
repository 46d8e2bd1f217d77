# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    # Odoo leaves both unindexed: every read of an event's attendees, and
    # every availability check of a group calendar, would scan them all.
    event_id = fields.Many2one(index=True)
    partner_id = fields.Many2one(index=True)

    zoom_join_url = fields.Char(
        string="Zoom Join Link", compute="_compute_zoom_join_url",
        help="This attendee's link: their own registrant link if they are an "
             "external guest, else the meeting's link.")

    @api.depends("event_id.zoom_meeting_id", "event_id.zoom_meeting_id.personal_links", "partner_id")
    def _compute_zoom_join_url(self):
        user = self.env.user
        sees_all = self.env.uid == 1 or user.has_group("zoom_calendar.group_zoom_admin")
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
