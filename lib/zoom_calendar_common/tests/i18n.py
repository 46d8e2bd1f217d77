"""The addon's translations: i18n/zoom_calendar.pot holds every string Odoo's
own export finds, and those of this shared code (regenerate it with `make
pot`), and i18n/fr.po translates every one of them.

The tests both addons run as they are (each addon's tests/test_i18n.py
inherits them); each addon's class gives ``PLACEHOLDER_RE`` (its mail
templates' expressions), ``POT`` (the .pot's path, for the message),
``absent_terms()`` and ``load_french()``."""
import io
import os

from babel.messages.pofile import read_po

from odoo.exceptions import UserError
from odoo.modules.module import get_module_path
from odoo.tools import trans_export

from ..i18n import terms as shared_terms

I18N = os.path.join(get_module_path("zoom_calendar"), "i18n")


def read_catalog(path_or_bytes):
    if isinstance(path_or_bytes, bytes):
        return read_po(io.BytesIO(path_or_bytes))
    with open(path_or_bytes, "rb") as po_file:
        return read_po(po_file)


def msgids(catalog):
    return {message.id for message in catalog if message.id}


class TranslationsTests(object):

    def placeholders(self, text):
        """Each positional placeholder as often as it comes; a named one (and
        a template expression) may come again in a translation."""
        found = self.PLACEHOLDER_RE.findall(text)
        named = {item for item in found if item.startswith(("%(", "${", "{{"))}
        return sorted(item for item in found if item not in named), sorted(named)

    def test_pot_holds_every_translatable_string(self):
        buffer = io.BytesIO()
        trans_export(False, ["zoom_calendar"], buffer, "po", self.env.cr)
        # Odoo's export reads the addon's folder; the code both addons
        # share (lib/zoom_calendar_common) is read as Odoo would.
        exported = msgids(read_catalog(buffer.getvalue())) | {msgid for msgid, _path, _line in shared_terms()}
        committed = msgids(read_catalog(os.path.join(I18N, "zoom_calendar.pot")))
        self.assertIn("Pick a time:", exported)  # the export does see the addon
        missing, stale = sorted(exported - committed), sorted(committed - exported - self.absent_terms())
        if missing or stale:
            self.fail("%s is not current: run `make pot`, then translate the new strings in i18n/*.po."
                      "\nNot in the .pot: %r\nNo longer in the code: %r" % (self.POT, missing, stale))

    def test_french_translates_every_string_and_keeps_its_placeholders(self):
        terms = msgids(read_catalog(os.path.join(I18N, "zoom_calendar.pot")))
        french = {message.id: message for message in read_catalog(os.path.join(I18N, "fr.po")) if message.id}
        self.assertFalse(sorted(terms - set(french)), "strings of the .pot missing from fr.po")
        for msgid in terms:
            message = french[msgid]
            self.assertTrue(message.string and message.string.strip(), "untranslated in fr.po: %r" % msgid)
            self.assertFalse(message.fuzzy, "fuzzy in fr.po: %r" % msgid)
            self.assertEqual(self.placeholders(msgid), self.placeholders(message.string),
                             "fr.po changes the placeholders of %r" % msgid)

    def test_shared_code_speaks_the_users_language(self):
        # lib/zoom_calendar_common is outside the addon's folder: its
        # messages must still be found among the addon's translations.
        self.load_french()
        accounts = self.env["zoom.account"].with_context(lang="fr_FR")
        with self.assertRaises(UserError) as raised:
            accounts._bind(self.env.user, None, {"email": "someone@example.com"})
        self.assertEqual(raised.exception.args[0],
                         "Zoom n'a pas indiqué quel utilisateur Zoom s'est connecté ; veuillez réessayer.")
