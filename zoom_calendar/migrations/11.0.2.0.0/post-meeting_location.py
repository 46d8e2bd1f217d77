# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Bookings made before a booking had a location of its own met where their
calendar did (no calendar could leave it to the host yet)."""


def migrate(cr, version):
    cr.execute("""
        UPDATE calendar_event e SET booking_location = g.meeting_location
          FROM calendar_group g
         WHERE e.group_calendar_id = g.id AND e.booking_location IS NULL
           AND g.meeting_location != 'host'""")
