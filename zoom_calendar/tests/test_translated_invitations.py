"""The invitations of Odoo's calendar carry the Zoom link in every language
they are sent in, whenever the language was installed."""
from .. import hooks
from .common import ZoomCase


class TestTranslatedInvitations(ZoomCase):

    def setUp(self):
        super(TestTranslatedInvitations, self).setUp()
        self.connect(self.alice)
        # French installed after the addon: its translations of Odoo's
        # calendar mails come in then.
        self.env["ir.translation"].load_module_terms(["calendar", "zoom_calendar"], ["fr_FR"])
        self.env["mail.mail"].search([]).unlink()
        self.invitation = self.env.ref("calendar.calendar_template_meeting_invitation")

    def french_body(self, template):
        return template.with_context(lang="fr_FR").body_html

    def test_french_invitation_holds_the_zoom_link(self):
        # Odoo 11 writes its invitations in the language of whoever books
        # (its templates have no language of their own): here, in French.
        self.env = self.env(context=dict(self.env.context, lang="fr_FR"))
        event = self.book(self.round_robin, partners=self.erin)
        personal = event.zoom_meeting_id.registrant_ids.filtered(lambda reg: reg.partner_id == self.erin).join_url
        self.assertTrue(personal)
        text = self.mail_text(self.mails_to(self.erin))
        self.assertIn("Rejoindre la réunion Zoom", text)
        self.assertIn(personal, text)
        self.assertNotIn("maps.google.com", text)
        self.assertNotIn("Join the Zoom meeting", text)

    def test_every_translation_of_every_invitation_template_gets_the_link(self):
        for template in self.env["mail.template"]._zoom_invitation_templates():
            body = self.french_body(template)
            self.assertIn("Rejoindre la réunion Zoom : <a", body.replace("\u00a0", " "), template.name)
            self.assertIn("Afficher la carte", body)  # the rest stays Odoo's French
            self.assertIn("Join the Zoom meeting: <a", template.body_html)
            self.assertEqual(body.count("object.zoom_join_url:"), 1)

    def test_link_goes_on_uninstall_and_comes_back_on_install(self):
        french = self.french_body(self.invitation)
        hooks.uninstall_hook(self.env.cr, self.registry)
        self.invitation.invalidate_cache()
        self.assertNotIn("zoom_join_url", self.french_body(self.invitation))
        self.assertNotIn("zoom_join_url", self.invitation.body_html)
        self.assertIn("Afficher la carte", self.french_body(self.invitation))
        # French was there before the addon: installing it patches the translation.
        hooks.post_init_hook(self.env.cr, self.registry)
        self.invitation.invalidate_cache()
        self.assertEqual(self.french_body(self.invitation), french)
        hooks.post_init_hook(self.env.cr, self.registry)  # only once
        self.invitation.invalidate_cache()
        self.assertEqual(self.french_body(self.invitation), french)
