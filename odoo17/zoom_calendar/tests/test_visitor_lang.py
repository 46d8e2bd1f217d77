"""The public booking page in the visitor's language: the URL's lang, else
Accept-Language, among the languages installed in Odoo, else English; over
real HTTP to Odoo's test server, anonymous. The tests both addons run
alike: lib/zoom_calendar_common/tests/visitor_lang.py."""
import html
import re

from odoo.tests import tagged
from odoo.tests.common import BaseCase

from zoom_calendar_common.tests.visitor_lang import PickLangTests, VisitorLangTests
from .common import ZoomHttpCase


def html_lang(text):
    """The lang attribute of the page's <html> element."""
    match = re.search(r"<html\b[^>]*\blang=\"([^\"]+)\"", text)
    return match and match.group(1)


@tagged("post_install", "-at_install")
class TestPickLang(PickLangTests, BaseCase):
    """The choice of language alone (zoom_scheduling.visitor_lang)."""


@tagged("post_install", "-at_install")
class TestVisitorLang(VisitorLangTests, ZoomHttpCase):

    def install_french(self):
        """French, as 17.0 installs it: the language, then the addon's terms."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["zoom_calendar"], ["fr_FR"], overwrite=True)

    def page(self, path, accept_language=None, status=200):
        headers = {"Accept-Language": accept_language} if accept_language else {}
        response = self.url_open(path, headers=headers, timeout=30)
        self.assertEqual(response.status_code, status, response.text[:2000])
        return html.unescape(response.text)

    def day_headings(self, text):
        return re.findall(r"<h2[^>]*>([^<]+)</h2>", text)

    def assert_html_lang(self, text, lang, msg=None):
        """The page's <html> element says it is in ``lang``."""
        self.assertEqual(html_lang(text), lang, msg)

    def visible_text(self, text):
        """The page's text as a reader sees it: 17.0's templates wrap and
        indent their texts, with non-breaking spaces."""
        return " ".join(text.split()).replace("\u00a0", " ")

    def assert_slot_label(self, text, key, label):
        """The slot ``key``'s link reads ``label`` (17.0's template puts
        white space around it)."""
        self.assertRegex(text, r'data-slot="%s"[^>]*>\s*%s\s*<' % (re.escape(key), label))

    def test_unknown_language_falls_back_to_english(self):
        for path, header in (("?lang=xx_YY", None), ("?lang=%3Cscript%3E", "de-DE"), ("", "de-DE, ja")):
            with self.subTest(path=path, header=header):
                text = self.page("/book/%s%s" % (self.group.id, path), accept_language=header)
                self.assert_html_lang(text, "en-US", (path, header))
                self.assertRegex(self.day_headings(text)[0], r"^(Monday|Tuesday|Wednesday|Thursday|Friday), ")
