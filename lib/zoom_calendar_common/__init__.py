"""The Odoo code both zoom_calendar addons run as it is: methods written
against the part of Odoo's API that 11.0 and 17.0 share, as plain mixin
classes that the addons' models and controllers inherit beside their
Odoo base class (as Odoo's own ir.qweb inherits its QWeb engine); a
model's derives from mixin.Mixin and declares ``__slots__ = ()`` (mixin says
why).

What differs between the versions stays in each addon: field declarations
(Odoo 17 accepts fields only on model classes), CRUD overrides, views and
tests. What does not depend on Odoo at all is in zoom_scheduling.

Each module here mirrors the addon file whose model it serves
(``models/zoom_account.py`` for zoom.account). Strings are translated with
this package's ``_`` (see i18n) and logged under the addon's own logger
names (``addon_logger``), so that both look as if the code were in the addon.
"""
import logging

ADDON = "zoom_calendar"


def addon_logger(addon_module):
    """The logger of the addon module this shared code stands for
    (``"models.zoom_account"``): a server's log configuration and its
    readers know the addon's names."""
    return logging.getLogger("odoo.addons.%s.%s" % (ADDON, addon_module))
