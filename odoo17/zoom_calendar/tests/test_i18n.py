"""The 17.0 addon's translations: the tests both addons run are in
lib/zoom_calendar_common/tests/i18n.py."""
import ast
import os
import re

from odoo.tests.common import TransactionCase, tagged

from zoom_calendar_common.tests.i18n import I18N, TranslationsTests


def record_terms(path):
    """{msgid: [module.xml_id, ...]} for the .pot's terms that come from
    records only (``#: model:<model>,<field>:<module>.<xml id>``), none
    from code or templates. (Babel does not keep Odoo's references.)"""
    with open(path, encoding="utf-8") as handle:
        blocks = handle.read().split("\n\n")
    terms = {}
    for block in blocks:
        refs = [ref for line in block.splitlines() if line.startswith("#: ") for ref in line[3:].split()]
        found = re.search(r"^msgid ((?:\".*\"\n?)+)", block, re.M)
        if not refs or not found:
            continue
        msgid = "".join(ast.literal_eval(part) for part in found.group(1).split("\n") if part.strip())
        xmlids = [re.match(r"model(?:_terms)?:[\w.]+,\w+:(\w+\.\w+)$", ref) for ref in refs]
        if all(xmlids):
            terms[msgid] = [match.group(1) for match in xmlids]
    return terms


@tagged("post_install", "-at_install")
class TestTranslations(TranslationsTests, TransactionCase):

    # printf placeholders (%s, %d, %02d, %(name)s) and the inline template
    # expressions of 17.0's mail templates ({{ ... }}): a translation must keep
    # each of them, or rendering it fails.
    PLACEHOLDER_RE = re.compile(r"%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[sdifr]|\{\{.*?\}\}")
    POT = "odoo17/zoom_calendar/i18n/zoom_calendar.pot"

    def absent_terms(self):
        """The .pot is made on a database with the demo data; this one may
        have none: a term of records this database lacks is not stale."""
        return {msgid for msgid, xmlids in record_terms(os.path.join(I18N, "zoom_calendar.pot")).items()
                if not any(self.env.ref(xmlid, raise_if_not_found=False) for xmlid in xmlids)}

    def load_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["zoom_calendar"], ["fr_FR"], overwrite=True)
