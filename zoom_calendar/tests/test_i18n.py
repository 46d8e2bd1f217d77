"""The addon's translations: the tests both addons run are in
lib/zoom_calendar_common/tests/i18n.py."""
import re

from odoo.tests.common import TransactionCase

from zoom_calendar_common.tests.i18n import TranslationsTests


class TestTranslations(TranslationsTests, TransactionCase):

    # printf placeholders (%s, %d, %02d, %(name)s) and Mako expressions
    # (${...}): a translation must keep each of them, or rendering it fails.
    PLACEHOLDER_RE = re.compile(r"%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[sdifr]|\$\{[^}]*\}")
    POT = "zoom_calendar/i18n/zoom_calendar.pot"

    def absent_terms(self):
        """The .pot is made on a database like this one: every term is here."""
        return set()

    def load_french(self):
        self.env["ir.translation"].load_module_terms(["zoom_calendar"], ["fr_FR"])
