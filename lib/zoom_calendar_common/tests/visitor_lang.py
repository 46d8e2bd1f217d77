"""The public booking page in the visitor's language: the tests both addons
run as they are (each addon's tests/test_visitor_lang.py inherits them).
What each Odoo does its own way stays on the addon's TestVisitorLang:
``install_french()``, ``page()``, ``day_headings()``, ``assert_html_lang()``,
``visible_text()`` and ``assert_slot_label()``."""
import re
from datetime import datetime

from odoo.addons.zoom_calendar.tests.common import working_time
from zoom_calendar_common.tests.booking_page import next_monday, utc
from zoom_scheduling import booking_slots, visitor_lang

FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi")


class PickLangTests(object):
    """The choice of language alone: each addon's TestPickLang runs these."""

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


class VisitorLangTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.group = self.round_robin
        self.group.write({"tz": "Europe/Brussels", "booking_public": True,
                          "resource_calendar_id": working_time(self.env, 9.0, 12.0).id})
        # French, as installing it does: the language, then the addon's
        # translations (only the addon's: the others would take long).
        self.install_french()
        self.monday = next_monday()

    def test_url_lang_shows_french_day_names_times_and_texts(self):
        text = self.page("/book/%s?tz=Europe/Brussels&lang=fr_FR" % self.group.id)
        self.assert_html_lang(text, "fr-FR")
        headings = self.day_headings(text)
        self.assertTrue(headings)
        self.assertTrue(all(heading.split()[0] in FRENCH_DAYS for heading in headings), headings)
        self.assertNotIn("Monday", text)
        # The page's own texts, from the addon's French translation.
        self.assertIn("Choisissez un créneau :", self.visible_text(text))
        self.assertIn("· heures en", " ".join(text.split()))
        self.assertNotIn("Pick a time", text)
        key = booking_slots.format_slot(utc(self.monday, 9))
        self.assert_slot_label(text, key, "09:00")
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
        self.assert_html_lang(text, "fr-FR")
        self.assertTrue(self.day_headings(text)[0].split()[0] in FRENCH_DAYS)
        # Chosen by the browser, not the URL: the links stay as they were.
        self.assertNotIn("lang=fr_FR", text)

    def test_url_lang_wins_over_accept_language(self):
        text = self.page("/book/%s?tz=Europe/Brussels&lang=en_US" % self.group.id, accept_language="fr-FR")
        self.assert_html_lang(text, "en-US")
        self.assertIn("Monday", text)
        self.assertIn("Pick a time:", text)
