# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Puts each attendee's Zoom link into Odoo's own calendar mails.

Odoo's invitation, date-change and reminder templates show the location
with a "View Map" link, useless for a Zoom URL. Their location item, in the
source text and in every translation, is replaced by one that shows the
attendee's own join link when there is one, and put back on uninstall (the
field it reads goes away with the addon): see mail.template in
models/mail_template.py; languages installed later get it from
models/ir_translation.py.
"""
from odoo import SUPERUSER_ID, api

from .models.calendar_event import EVENT_INDEXES


def post_init_hook(cr, registry):
    api.Environment(cr, SUPERUSER_ID, {})["mail.template"]._zoom_add_join_link()


def uninstall_hook(cr, registry):
    api.Environment(cr, SUPERUSER_ID, {})["mail.template"]._zoom_remove_join_link()
    # The indexes this addon put on Odoo's own calendar tables (Odoo drops
    # the addon's tables and columns, not these).
    for name in list(EVENT_INDEXES) + ["calendar_attendee_event_id_index",
                                       "calendar_attendee_partner_id_index"]:
        cr.execute("DROP INDEX IF EXISTS %s" % name)
