"""The Odoo code both zoom_calendar addons run as it is, written against
the part of Odoo's API that 11.0 and 17.0 share.

- ``models`` and ``wizards`` declare the addon's models (their fields,
  constraints and the methods that read the same) and its extensions of
  Odoo's. Each class names the addon as its module (``_module = ADDON``):
  Odoo registers it with zoom_calendar, installs and removes its tables,
  columns and constraints with that addon, whichever package the class is
  written in. Each addon's ``models/__init__.py`` imports these first, and
  its own classes extend them (``_inherit``) with what its Odoo version does
  its own way: CRUD overrides, fields whose definitions differ, and what the
  two ORMs do differently, behind small named hooks.
- ``controllers``: plain mixins the addons' controllers inherit; the routes
  stay in each addon.
- ``tests``: test mixins each addon's test classes inherit first.

Views, data, security and the tests that really differ stay in each addon.
What does not depend on Odoo at all is in zoom_scheduling.

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
