# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Puts each attendee's Zoom link into Odoo's own calendar mails.

Odoo's invitation, date-change and reminder templates show the event's video
call, the same link for every attendee; an external attendee of a Zoom
booking joins with a link of their own (a Zoom registrant). Their video call
item, in the source text and in every translation, shows the attendee's own
join link when there is one, and is put back on uninstall (the field it
reads goes away with the addon): see models/mail_template.py; languages
installed later get it from models/ir_module_module.py.
"""
from psycopg2 import sql

from .models.calendar_event import EVENT_INDEXES, LEGACY_EVENT_INDEXES


def post_init_hook(env):
    env["mail.template"]._zoom_add_join_link()


def uninstall_hook(env):
    env["mail.template"]._zoom_remove_join_link()
    # The bookings stay as plain events: Odoo removes the addon's records
    # (group calendars) before its columns, and a calendar its bookings
    # still point to (ondelete restrict) would stay behind.
    env.cr.execute("UPDATE calendar_event SET group_calendar_id = NULL WHERE group_calendar_id IS NOT NULL")
    # Likewise the meetings' history (their table goes with the addon), which
    # would keep the demo users it names (their hosts) from being removed.
    env.cr.execute("DELETE FROM zoom_meeting")
    # The indexes this addon put on Odoo's own calendar tables (Odoo drops
    # the addon's tables and columns, not these).
    # The attendee columns' indexes under 17.0's names, and 11.0's (a
    # database upgraded from it).
    for name in list(EVENT_INDEXES) + list(LEGACY_EVENT_INDEXES) + [
            "calendar_attendee__event_id_index", "calendar_attendee__partner_id_index",
            "calendar_attendee_event_id_index", "calendar_attendee_partner_id_index"]:
        env.cr.execute(sql.SQL("DROP INDEX IF EXISTS {}").format(sql.Identifier(name)))
