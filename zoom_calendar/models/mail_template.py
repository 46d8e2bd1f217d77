# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
import re

from odoo import _, api, models

_logger = logging.getLogger(__name__)

# Odoo's calendar mails (INVITATION_TEMPLATES) show the event's location
# with a "View Map" link, useless for a Zoom URL: each attendee's own join
# link goes first. The location item's opening line: Mako, the same in every
# translation.
LOCATION_IF = re.compile(r"^(?P<indent>[ \t]*)% if object\.event_id\.location:$", re.M)
ZOOM_ITEM = ("{indent}% if object.zoom_join_url:\n"
             "{indent}    <li>{label} <a target=\"_blank\" href=\"${{object.zoom_join_url}}\" "
             "class=\"o_zoom_join_url\">${{object.zoom_join_url}}</a></li>\n"
             "{indent}% elif object.event_id.location:")
ZOOM_ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)% if object\.zoom_join_url:\n.*?\n[ \t]*"
                          r"% elif object\.event_id\.location:$", re.M | re.S)


class MailTemplate(models.Model):
    _inherit = "mail.template"

    @api.model
    def _zoom_invitation_templates(self):
        """In their source text: the translations are patched one by one."""
        return super(MailTemplate, self)._zoom_invitation_templates().with_context(lang=None)

    def _zoom_join_label(self):
        """'Join the Zoom meeting:' in the language of the context."""
        return _("Join the Zoom meeting:")

    @api.model
    def _zoom_add_join_link(self, langs=None):
        """Puts each attendee's Zoom join link into the invitation templates,
        in their source text and in their translations (of ``langs``, or
        all): the location item becomes 'the join link if there is one,
        else the location'. Done once; a template whose location item was
        customised away is left alone, with a warning."""
        for template in self._zoom_invitation_templates():
            body = template.body_html or ""
            if not ZOOM_ITEM_RE.search(body):
                if not LOCATION_IF.search(body):
                    _logger.warning("%s was customised: add the Zoom link to it by hand "
                                    "(${object.zoom_join_url})", template.get_external_id()[template.id])
                    continue
                label = self.with_context(lang="en_US")._zoom_join_label()
                template.body_html = self._zoom_with_join_link(body, label)
            for translation in self._zoom_translations(template, langs):
                if translation.value and not ZOOM_ITEM_RE.search(translation.value):
                    label = self.with_context(lang=translation.lang)._zoom_join_label()
                    translation.value = self._zoom_with_join_link(translation.value, label)

    @api.model
    def _zoom_remove_join_link(self):
        """Puts the invitation templates back as Odoo made them."""
        for template in self._zoom_invitation_templates():
            template.body_html = self._zoom_without_join_link(template.body_html or "")
            for translation in self._zoom_translations(template):
                translation.value = self._zoom_without_join_link(translation.value or "")

    def _zoom_translations(self, template, langs=None):
        domain = [("type", "=", "model"), ("name", "=", "mail.template,body_html"), ("res_id", "=", template.id)]
        if langs:
            domain.append(("lang", "in", list(langs)))
        return self.env["ir.translation"].sudo().search(domain)

    @staticmethod
    def _zoom_with_join_link(body, label):
        return LOCATION_IF.sub(lambda match: ZOOM_ITEM.format(indent=match.group("indent"), label=label),
                               body, count=1)

    @staticmethod
    def _zoom_without_join_link(body):
        return ZOOM_ITEM_RE.sub(r"\g<indent>% if object.event_id.location:", body)
