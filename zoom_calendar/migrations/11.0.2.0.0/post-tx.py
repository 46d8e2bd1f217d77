# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Invitations are now flagged per attendee (calendar.attendee.zoom_invited):
the attendees of bookings whose invitations went out before the upgrade were
invited, and must not be invited again when their booking next changes."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE calendar_attendee a SET zoom_invited = true
          FROM calendar_event e
         WHERE e.id = a.event_id AND e.zoom_invitations_sent AND a.zoom_invited IS NOT TRUE
    """)
