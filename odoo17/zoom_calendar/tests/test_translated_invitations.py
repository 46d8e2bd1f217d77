"""The invitations of Odoo's calendar carry the Zoom link in every language
they are sent in, whenever the language was installed (17.0 keeps a
template's translations in its jsonb column: no ir.translation)."""
import html

from .. import hooks
from .common import ZoomCase

BASIC = 1
INVITATION_TEMPLATES = ("calendar.calendar_template_meeting_invitation",
                        "calendar.calendar_template_meeting_changedate",
                        "calendar.calendar_template_meeting_reminder")


class TestTranslatedInvitations(ZoomCase):

    def setUp(self):
        super().setUp()
        # French installed after the addon: its translations of Odoo's
        # calendar mails come in then, as installing a language does.
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["calendar", "zoom_calendar"], ["fr_FR"], overwrite=True)
        self.erin.lang = "fr_FR"
        self.frank.lang = "en_US"
        self.env["mail.mail"].search([]).unlink()
        self.invitation = self.env.ref("calendar.calendar_template_meeting_invitation")

    def french_body(self, template):
        return template.with_context(lang="fr_FR").body_html

    def personal_link(self, event, partner):
        return event.zoom_meeting_id.registrant_ids.filtered(lambda reg: reg.partner_id == partner).join_url

    def test_french_invitation_holds_the_personal_zoom_link(self):
        # 17.0 writes each invitation in its attendee's language.
        self.connect(self.alice)
        event = self.book(self.round_robin, host=self.alice, partners=self.erin | self.frank)
        personal = self.personal_link(event, self.erin)
        self.assertTrue(personal)
        text = self.mail_text(self.mails_to(self.erin))
        self.assertIn(personal, text)
        self.assertIn("Comment rejoindre", text)  # Odoo's own French around it
        self.assertNotIn("How to Join", text)
        self.assertNotIn("maps.google.com", text)
        self.assertNotIn(self.personal_link(event, self.frank), text)  # not another attendee's
        english = self.mail_text(self.mails_to(self.frank))
        self.assertIn(self.personal_link(event, self.frank), english)
        self.assertIn("How to Join", english)

    def test_french_invitation_of_a_basic_host_holds_the_shared_link(self):
        self.connect(self.alice, user_type=BASIC)
        event = self.book(self.round_robin, host=self.alice, partners=self.erin)
        text = self.mail_text(self.mails_to(self.erin))
        self.assertIn(event.zoom_meeting_id.join_url, text)
        self.assertIn("Comment rejoindre", text)

    def test_every_translation_of_every_invitation_template_gives_the_personal_link(self):
        self.connect(self.alice)
        event = self.book(self.round_robin, host=self.alice, partners=self.erin)
        attendee = event.attendee_ids.filtered(lambda att: att.partner_id == self.erin)
        personal = self.personal_link(event, self.erin)
        for xmlid in INVITATION_TEMPLATES:
            template = self.env.ref(xmlid)
            for lang in ("fr_FR", "en_US"):
                with self.subTest(template=xmlid, lang=lang):
                    body = template.with_context(lang=lang)._render_field(
                        "body_html", attendee.ids, compute_lang=False)[attendee.id]
                    self.assertIn(personal, html.unescape(str(body)))

    def test_link_goes_on_uninstall_and_comes_back_on_install(self):
        french = self.french_body(self.invitation)
        english = self.invitation.body_html
        hooks.uninstall_hook(self.env)
        self.invitation.invalidate_recordset()
        self.assertNotIn("zoom", self.french_body(self.invitation).lower())
        self.assertNotIn("zoom", self.invitation.body_html.lower())
        self.assertIn("Comment rejoindre", self.french_body(self.invitation))  # Odoo's French stays
        # French was there before the addon: installing it patches the translation.
        hooks.post_init_hook(self.env)
        self.invitation.invalidate_recordset()
        self.assertEqual(self.french_body(self.invitation), french)
        self.assertEqual(self.invitation.body_html, english)
        hooks.post_init_hook(self.env)  # only once
        self.invitation.invalidate_recordset()
        self.assertEqual(self.french_body(self.invitation), french)
