"""The public booking page in the visitor's language: the URL's lang, else
Accept-Language, among the languages installed in Odoo, else English; over
real HTTP to Odoo's test server. The tests both addons run alike:
lib/zoom_calendar_common/tests/visitor_lang.py."""
import html
import re
import unittest

from zoom_calendar_common.tests.visitor_lang import PickLangTests, VisitorLangTests
from .common import ZoomHttpCase


class TestPickLang(PickLangTests, unittest.TestCase):
    """The choice of language alone (services/visitor_lang.py)."""


class TestVisitorLang(VisitorLangTests, ZoomHttpCase):

    def setUp(self):
        super().setUp()
        self.checkpoint()

    def install_french(self):
        """French, as 11.0 installs it: the addon's French terms."""
        self.env["ir.translation"].load_module_terms(["zoom_calendar"], ["fr_FR"])

    def page(self, path, accept_language=None, status=200):
        self.checkpoint()
        headers = {"Accept-Language": accept_language} if accept_language else {}
        response = self.opener.get(self.base_url + path, headers=headers, timeout=30)
        self.env.cache.invalidate()
        self.assertEqual(response.status_code, status, response.text[:2000])
        return html.unescape(response.text)

    def day_headings(self, text):
        return re.findall(r"<h2>([^<]+)</h2>", text)

    def assert_html_lang(self, text, lang, msg=None):
        """The page's <html> element says it is in ``lang``."""
        self.assertIn('<html lang="%s">' % lang, text, msg)

    def visible_text(self, text):
        """The page's text as 11.0's templates give it."""
        return text

    def assert_slot_label(self, text, key, label):
        """The slot ``key``'s link reads ``label``."""
        self.assertRegex(text, r'data-slot="%s"[^>]*>%s<' % (re.escape(key), label))

    def test_unknown_language_falls_back_to_english(self):
        for path, header in (("?lang=xx_YY", None), ("?lang=%3Cscript%3E", "de-DE"), ("", "de-DE, ja")):
            text = self.page("/book/%s%s" % (self.group.id, path), accept_language=header)
            self.assert_html_lang(text, "en-US", (path, header))
            self.assertRegex(self.day_headings(text)[0], r"^(Monday|Tuesday|Wednesday|Thursday|Friday), ")
