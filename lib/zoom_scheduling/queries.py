"""SQL that both addons run, on tables whose columns Odoo 11.0 and 17.0
share (res_users, res_groups_users_rel, calendar_event and its attendees'
relation) and on the addon's own tables. Plain text with named parameters:
each addon runs it on its cursor where the ORM would take several queries.
"""

# The attendees of booking %(event)s who get a personal Zoom link (a
# registrant): those with an email who are not employees (no active user in
# the group %(employees)s).
REGISTRANT_PARTNERS = """
    SELECT p.id FROM calendar_event_res_partner_rel rel
      JOIN res_partner p ON p.id = rel.res_partner_id
     WHERE rel.calendar_event_id = %(event)s AND COALESCE(p.email, '') != ''
       AND NOT EXISTS (SELECT 1 FROM res_users u JOIN res_groups_users_rel member ON member.uid = u.id
                        WHERE u.partner_id = p.id AND u.active AND member.gid = %(employees)s)
     ORDER BY p.id"""

# The members' own leaves (time off: resource.calendar.leaves of a resource
# linked to the user, as Odoo's Time Off app makes them) that meet the slot
# %(start)s-%(stop)s of %(users)s, as rows of the busy-events query: user id,
# the leave's id negated (no event has it: the row is a leave, never one of
# the events to leave out), start, stop. Each addon puts its SELECT list
# before it.
MEMBER_LEAVES_FROM = """resource_calendar_leaves l JOIN resource_resource r ON r.id = l.resource_id
     WHERE r.user_id IN %(users)s AND r.active AND l.date_from < %(stop)s AND l.date_to > %(start)s"""
