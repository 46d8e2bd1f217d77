"""The public booking page in the visitor's language: the URL's lang, else
Accept-Language, among the languages installed in Odoo, else English; over
real HTTP to Odoo's test server, anonymous."""
import html
import re
from datetime import datetime

from odoo.tests import tagged
from odoo.tests.common import BaseCase

from zoom_scheduling import booking_slots, visitor_lang
from .common import ZoomHttpCase, working_time
from .test_booking_page import next_monday, utc

FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi")


def html_lang(text):
    """The lang attribute of the page's <html> element."""
    match = re.search(r"<html\b[^>]*\blang=\"([^\"]+)\"", text)
    return match and match.group(1)


@tagged("post_install", "-at_install")
class TestPickLang(BaseCase):
    """The choice of language alone (zoom_scheduling.visitor_lang)."""

    INSTALLED = ["en_US", "fr_FR", "fr_BE", "pt_BR"]

    def pick(self, requested, accepted=()):
        return visitor_lang.pick_lang(requested, accepted, self.INSTALLED)

    def test_url_lang_first_then_accept_language_then_english(self):
        self.assertEqual(self.pick("fr_BE", ["pt-BR"]), "fr_BE")
        self.assertEqual(self.pick("xx_YY", ["de-DE", "pt-br"]), "pt_BR")
        self.assertEqual(self.pick(None, ["de-DE", "*"]), "en_US")
        self.assertEqual(visitor_lang.pick_lang(None, [], ["fr_FR", "de_DE"]), "de_DE")

    def test_a_language_alone_or_another_region_finds_an_installed_one(self):
        self.assertEqual(self.pick("fr"), "fr_FR")  # the language's main region
        self.assertEqual(self.pick(None, ["fr-CH"]), "fr_FR")
        self.assertEqual(self.pick(None, ["pt-PT"]), "pt_BR")  # any region of it
        self.assertEqual(self.pick("FR-be"), "fr_BE")

    def test_garbage_is_ignored(self):
        for value in ("", "x" * 200, "../../etc", "zz_FR\x00", ["fr_FR"]):
            self.assertEqual(self.pick(value), "en_US", value)

    def test_dates_and_times_in_the_language(self):
        start, stop = datetime(2031, 3, 3, 8, 0), datetime(2031, 3, 3, 8, 30)
        self.assertEqual(booking_slots.describe(start, stop, "Europe/Brussels", "fr_FR"),
                         "lundi 3 mars 2031, 09:00 \u2013 09:30 (Europe/Brussels)")
        self.assertEqual(booking_slots.describe(start, stop, "Europe/Brussels", "de_DE"),
                         "Montag, 3. M\u00e4rz 2031, 09:00 \u2013 09:30 (Europe/Brussels)")
        self.assertRegex(booking_slots.describe(start, stop, "Europe/Brussels", "sr@latin"), "2031")


@tagged("post_install", "-at_install")
class TestVisitorLang(ZoomHttpCase):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.group = self.round_robin
        self.group.write({"tz": "Europe/Brussels", "booking_public": True,
                          "resource_calendar_id": working_time(self.env, 9.0, 12.0).id})
        # French, as installing it does: the language, then the addon's
        # translations (only the addon's: the others would take long).
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["zoom_calendar"], ["fr_FR"], overwrite=True)
        self.monday = next_monday()

    def page(self, path, accept_language=None, status=200):
        headers = {"Accept-Language": accept_language} if accept_language else {}
        response = self.url_open(path, headers=headers, timeout=30)
        self.assertEqual(response.status_code, status, response.text[:2000])
        return html.unescape(response.text)

    def day_headings(self, text):
        return re.findall(r"<h2[^>]*>([^<]+)</h2>", text)

    def test_url_lang_shows_french_day_names_times_and_texts(self):
        text = self.page("/book/%s?tz=Europe/Brussels&lang=fr_FR" % self.group.id)
        self.assertEqual(html_lang(text), "fr-FR")
        headings = self.day_headings(text)
        self.assertTrue(headings)
        self.assertTrue(all(heading.split()[0] in FRENCH_DAYS for heading in headings), headings)
        self.assertNotIn("Monday", text)
        # The page's own texts, from the addon's French translation.
        self.assertIn("Choisissez un créneau :", " ".join(text.split()).replace("\u00a0", " "))
        self.assertIn("· heures en", " ".join(text.split()))
        self.assertNotIn("Pick a time", text)
        key = booking_slots.format_slot(utc(self.monday, 9))
        self.assertRegex(text, r'data-slot="%s"[^>]*>\s*09:00\s*<' % re.escape(key))
        # The slot's link keeps the language for the next page.
        link = re.search(r'href="([^"]*slot=%s[^"]*)"' % re.escape(key), text).group(1)
        self.assertIn("lang=fr_FR", link)
        form = self.page(link)
        self.assertIn("lundi", form)
        self.assertRegex(form, r"09:00 \u2013 09:30 \(Europe/Brussels\)")
        self.assertIn('name="lang" value="fr_FR"', form)
        self.assertIn("Réserver ce créneau", form)
        self.assertIn("Votre nom", form)

    def test_accept_language_picks_an_installed_language(self):
        text = self.page("/book/%s?tz=Europe/Brussels" % self.group.id,
                         accept_language="de-DE, fr-CH;q=0.8, en;q=0.5")
        self.assertEqual(html_lang(text), "fr-FR")
        self.assertTrue(self.day_headings(text)[0].split()[0] in FRENCH_DAYS)
        # Chosen by the browser, not the URL: the links stay as they were.
        self.assertNotIn("lang=fr_FR", text)

    def test_url_lang_wins_over_accept_language(self):
        text = self.page("/book/%s?tz=Europe/Brussels&lang=en_US" % self.group.id, accept_language="fr-FR")
        self.assertEqual(html_lang(text), "en-US")
        self.assertIn("Monday", text)
        self.assertIn("Pick a time:", text)

    def test_unknown_language_falls_back_to_english(self):
        for path, header in (("?lang=xx_YY", None), ("?lang=%3Cscript%3E", "de-DE"), ("", "de-DE, ja")):
            with self.subTest(path=path, header=header):
                text = self.page("/book/%s%s" % (self.group.id, path), accept_language=header)
                self.assertEqual(html_lang(text), "en-US", (path, header))
                self.assertRegex(self.day_headings(text)[0], r"^(Monday|Tuesday|Wednesday|Thursday|Friday), ")
