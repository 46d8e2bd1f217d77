# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from psycopg2.extras import Json

from odoo import api, models

_logger = logging.getLogger(__name__)

# Odoo's mails to each attendee (INVITATION_TEMPLATES) show the event's video
# call (``object.event_id.videocall_location``): an external attendee of a
# Zoom booking joins with their own registrant link (calendar.attendee's
# zoom_join_url), which they get there instead. Attributes of the
# template's QWeb, the same in every translation:
ODOO_LINK = "object.event_id.videocall_location"
# Odoo's own item while this addon's fields are not loaded: Odoo's calendar
# tests (-u calendar --test-enable) render these templates before it is.
ZOOM_LINK = "('zoom_join_url' in object and object.zoom_join_url or object.event_id.videocall_location)"


class MailTemplate(models.Model):
    _inherit = "mail.template"

    @api.model
    def _zoom_add_join_link(self, langs=None):
        """Each attendee's own Zoom join link in the invitation templates'
        video call item, in their source text and every translation (of
        ``langs``, or all). Done once; a template whose video call item was
        customised away is left alone, with a warning."""
        for template in self._zoom_invitation_templates():
            def patch(body):
                return body.replace(ODOO_LINK, ZOOM_LINK) if ZOOM_LINK not in body else body
            if not template._zoom_rewrite_body(patch, langs):
                _logger.warning("%s was customised: add the attendee's Zoom link to it by hand "
                                "(object.zoom_join_url)", template.get_external_id()[template.id])

    @api.model
    def _zoom_remove_join_link(self):
        """Puts the invitation templates back as Odoo made them."""
        for template in self._zoom_invitation_templates():
            template._zoom_rewrite_body(lambda body: body.replace(ZOOM_LINK, ODOO_LINK))

    def _zoom_rewrite_body(self, rewrite, langs=None):
        """``rewrite(body)`` of each language's body_html (of ``langs``, or
        all: 17.0 keeps them together, as JSON). False when none holds the
        video call item."""
        self.ensure_one()
        self.flush_recordset(["body_html"])
        self.env.cr.execute("SELECT body_html FROM mail_template WHERE id = %s", (self.id,))
        bodies = self.env.cr.fetchone()[0] or {}
        if not any(ODOO_LINK in (body or "") for body in bodies.values()):
            return False
        changed = {lang: rewrite(body) for lang, body in bodies.items()
                   if body and (langs is None or lang in langs or lang == "en_US")}
        changed = {lang: body for lang, body in changed.items() if body != bodies[lang]}
        if changed:
            self.env.cr.execute("UPDATE mail_template SET body_html = body_html || %s WHERE id = %s",
                                (Json(changed), self.id))
            self.invalidate_recordset(["body_html"])
        return True
