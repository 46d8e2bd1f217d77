# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Group calendar members become lines (calendar.group.member) with their
round-robin settings: every member of 11.0.1 gets one with the defaults.
calendar.group.member_ids keeps its relation table, which the upgrade leaves
as it was, so the calendars keep their members and their bookings."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        INSERT INTO calendar_group_member
               (group_id, user_id, priority, weight, max_per_day, active,
                create_uid, create_date, write_uid, write_date)
        SELECT rel.group_id, rel.user_id, 'medium', 100, 0, true,
               1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM calendar_group_member_rel rel
         WHERE NOT EXISTS (SELECT 1 FROM calendar_group_member line
                            WHERE line.group_id = rel.group_id AND line.user_id = rel.user_id)
    """)
