"""Translating the shared code's strings as the addon's own.

Odoo 11.0 finds a code term whatever file asks for it. Odoo 17.0 looks it up
among the terms of the addon the calling file belongs to, which a file of
this package is not: its ``_`` would fall back to ``base`` and leave every
message in English. ``_`` here asks for zoom_calendar's terms on both.

The addons' i18n/*.pot hold these terms too: Odoo's export sees only the
addon's folder, so ``terms()`` gives what it cannot see (scripts/pot.sh adds
them; each addon's test_i18n counts them).
"""
import inspect
import os

from markupsafe import Markup, escape

from odoo import _ as odoo_gettext, release

from . import ADDON

# Where the 11.0 .pot says a term of this package comes from: what Odoo
# writes for its own code terms, a path, so that Odoo loads them as code
# terms ("code:<path>").
OCCURRENCE = "code:lib/zoom_calendar_common/%s"


if release.version_info[0] < 17:
    _ = odoo_gettext
else:
    from odoo.tools.translate import code_translations

    def _(source, *args, **kwargs):
        """Odoo 17's ``_`` (``odoo.tools.translate.GettextAlias``) with the
        addon named: the language is found in the caller's frame, as Odoo
        does, the term among zoom_calendar's."""
        translation = source
        try:
            lang = odoo_gettext._get_lang(inspect.currentframe().f_back)
        except Exception:  # as Odoo's: no language to be found is English
            lang = None
        if lang and lang != "en_US":
            translation = code_translations.get_python_translations(ADDON, lang).get(source, source)
        if any(isinstance(arg, Markup) for arg in list(args) + list(kwargs.values())):
            translation = escape(translation)
        if args or kwargs:
            return translation % (args or kwargs)
        return translation


def terms():
    """[(msgid, file relative to this package, line)] of every ``_()`` call
    here, read with Babel as Odoo's own export reads the addons."""
    from babel.messages.extract import extract_from_dir
    folder = os.path.dirname(os.path.abspath(__file__))
    return [(message, filename, lineno)
            for filename, lineno, message, _comments, _context in extract_from_dir(
                folder, method_map=[("**.py", "python")], keywords={"_": None})]
