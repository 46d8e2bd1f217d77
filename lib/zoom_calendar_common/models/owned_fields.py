"""Fields this addon owns on Odoo's models (a booking's Zoom meeting, its
booking date, ...): only the addon's own code sets them.

Every write of an owned field goes through ``as_owner(records).write(...)``
(or ``create``); the model's ``create``/``write`` call
``check_owned_fields`` before anything else.

Why an object and not a context flag or a uid check: over XML-RPC the caller
chooses the context (any JSON value), and Odoo 11's ``admin`` is uid 1 (the
superuser), so neither tells the addon's code from a caller. Only Python
code running in the server can put this module's private object in a
context, and it is checked by identity.

Each addon's models/owned_fields.py adds ``write_columns(records, values)``:
writes ``values`` (stored fields of ``records``' own table) in one UPDATE,
with write_uid and write_date, then invalidates what depends on them and
leaves the written values in the cache, as its version's ORM write does.
For what this addon keeps itself, where the ORM's write adds nothing but
queries: no tracking, no inverse, no override of the model that must see it
(each caller says why)."""
from odoo.exceptions import AccessError

from ..i18n import _

_OWNER = object()
_KEY = "zoom_calendar_owner"


def as_owner(records):
    """``records`` as this addon's own code, which may set the fields it owns."""
    return records.with_context(**{_KEY: _OWNER})


def is_owner(records):
    """Whether ``records`` come from as_owner(): context flags that only the
    addon's code may use (``zoom_skip_sync``) count only then."""
    return records.env.context.get(_KEY) is _OWNER


def check_owned_fields(records, vals, owned):
    """Refuses ``vals`` that set any of the ``owned`` field names, unless
    ``records`` come from as_owner()."""
    written = sorted(owned.intersection(vals))
    if written and not is_owner(records):
        raise AccessError(_("%(fields)s of %(model)s are set by the Zoom Calendar addon only.") % {
            "fields": ", ".join(records._fields[name].string for name in written),
            "model": records._description,
        })
