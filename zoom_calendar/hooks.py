# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Puts each attendee's Zoom link into Odoo's own calendar mails.

Odoo's invitation, date-change and reminder templates show the location
with a "View Map" link, useless for a Zoom URL. Their location item is
replaced by one that shows the attendee's own join link when there is one,
and put back on uninstall (the field it reads goes away with the addon).
"""
import logging

from psycopg2 import sql

from odoo import SUPERUSER_ID, api

from .models.calendar_event import EVENT_INDEXES

_logger = logging.getLogger(__name__)

TEMPLATES = (
    "calendar.calendar_template_meeting_invitation",
    "calendar.calendar_template_meeting_changedate",
    "calendar.calendar_template_meeting_reminder",
)
ODOO_LOCATION = """                        % if object.event_id.location:
                            <li>Location: ${object.event_id.location}
                            (<a target="_blank" href="http://maps.google.com/maps?oi=map&q=${object.event_id.location}">View Map</a>)
                            </li>
                        % endif"""  # noqa: E501 (Odoo's own text, to the character)
ZOOM_LOCATION = """                        % if object.zoom_join_url:
                            <li>Join the Zoom meeting: <a target="_blank" href="${object.zoom_join_url}" class="o_zoom_join_url">${object.zoom_join_url}</a></li>
                        % elif object.event_id.location:
                            <li>Location: ${object.event_id.location}
                            (<a target="_blank" href="http://maps.google.com/maps?oi=map&q=${object.event_id.location}">View Map</a>)
                            </li>
                        % endif"""  # noqa: E501 (the same lines as Odoo's)


def _replace_in_templates(env, old, new):
    for xmlid in TEMPLATES:
        template = env.ref(xmlid, raise_if_not_found=False)
        if not template:
            continue
        if old in (template.body_html or ""):
            template.body_html = template.body_html.replace(old, new)
        elif new not in (template.body_html or ""):
            _logger.warning("%s was customised: add the Zoom link to it by hand "
                            "(${object.zoom_join_url})", xmlid)


def post_init_hook(cr, registry):
    _replace_in_templates(api.Environment(cr, SUPERUSER_ID, {}), ODOO_LOCATION, ZOOM_LOCATION)


def uninstall_hook(cr, registry):
    _replace_in_templates(api.Environment(cr, SUPERUSER_ID, {}), ZOOM_LOCATION, ODOO_LOCATION)
    # The indexes this addon put on Odoo's own calendar tables (Odoo drops
    # the addon's tables and columns, not these).
    for name in list(EVENT_INDEXES) + ["calendar_attendee_event_id_index",
                                       "calendar_attendee_partner_id_index"]:
        cr.execute(sql.SQL("DROP INDEX IF EXISTS {}").format(sql.Identifier(name)))
