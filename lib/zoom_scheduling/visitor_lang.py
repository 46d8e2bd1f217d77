"""The public booking page in the visitor's language: which of Odoo's
installed languages to use, and dates and times written the way that
language writes them (Babel, with the CLDR data Odoo itself uses). Plain
functions, no ORM."""
from babel import Locale, UnknownLocaleError
from babel.core import LOCALE_ALIASES
from babel.dates import format_date, format_time

TAG_MAX = 35  # longer than any language tag: anything longer is not one


def pick_lang(requested, accepted, installed, default="en_US"):
    """The Odoo language code for the page: the URL's ``requested``
    language if installed, else the visitor's best Accept-Language that is,
    else ``default``.

    :param requested: the URL's lang, e.g. 'fr_FR', 'fr' or 'fr-BE' (or None)
    :param accepted: the Accept-Language tags, best first, e.g. ['fr-CH', 'en']
    :param installed: Odoo's installed language codes, e.g. ['en_US', 'fr_FR']
    """
    for tag in [requested] + list(accepted):
        code = _match(tag, installed)
        if code:
            return code
    return default if default in installed or not installed else sorted(installed)[0]


def _match(tag, installed):
    """The installed code for ``tag``: the same language and region, else
    the language's main region (fr -> fr_FR), else any region of it."""
    if not isinstance(tag, str) or not tag or len(tag) > TAG_MAX or tag == "*":
        return None
    tag = tag.replace("-", "_")
    by_lower = {code.lower(): code for code in installed}
    if tag.lower() in by_lower:
        return by_lower[tag.lower()]
    language = tag.split("_")[0].lower()
    main = LOCALE_ALIASES.get(language, "").lower()
    if main in by_lower:
        return by_lower[main]
    return next((code for code in sorted(installed) if code.split("_")[0].lower() == language), None)


def _locale(lang):
    """Babel's locale for an Odoo language code ('sr@latin' -> sr)."""
    try:
        return Locale.parse((lang or "en_US").split("@")[0])
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en_US")


def day_label(local, lang):
    """'Monday, March 3, 2031' (en_US), 'lundi 3 mars 2031' (fr_FR)."""
    return format_date(local, format="full", locale=_locale(lang))


def time_label(local, lang):
    """'9:30 AM' (en_US), '09:30' (fr_FR), of a naive wall-clock time."""
    return format_time(local, format="short", locale=_locale(lang))
