# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Fields this addon owns on Odoo's models (a booking's Zoom meeting, its
booking date, ...): only the addon's own code sets them.

Every write of an owned field goes through ``as_owner(records).write(...)``
(or ``create``); the model's ``create``/``write`` call
``check_owned_fields`` before anything else.

Why an object and not a context flag or a uid check: over XML-RPC the caller
chooses the context (any JSON value), and Odoo 11's ``admin`` is uid 1 (the
superuser), so neither tells the addon's code from a caller. Only Python
code running in the server can put this module's private object in a
context, and it is checked by identity."""
from psycopg2 import sql

from odoo import _
from odoo.exceptions import AccessError

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


def write_columns(records, values):
    """Writes ``values`` (stored fields of ``records``' own table) in one
    UPDATE, with write_uid and write_date, then invalidates what depends
    on them and leaves the written values in the cache, as the ORM's write
    does. For what this addon keeps itself, where the ORM's write adds
    nothing but queries: no tracking, no inverse, no override of the model
    that must see it (each caller says why)."""
    if not records or not values:
        return
    names = sorted(values)
    fields_ = [records._fields[name] for name in names]
    records.flush_recordset(names)  # nothing pending may overwrite them later
    # Protected as the ORM's write protects them: a field computed from
    # another one written here (videocall_location from its source) keeps
    # the value written.
    protected = {computed for field in fields_ for computed in records.pool.field_computed.get(field, [field])}
    with records.env.protecting(protected, records):
        records.env.cr.execute(
            sql.SQL("UPDATE {} SET {}, write_uid = %s, write_date = (now() at time zone 'UTC') WHERE id IN %s").format(
                sql.Identifier(records._table),
                sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(name)) for name in names)),
            [field.convert_to_column(values[field.name], records) for field in fields_]
            + [records.env.uid, tuple(records.ids)])
        records.modified(names)
        for field in fields_:
            records.env.cache.update(records, field, [field.convert_to_cache(values[field.name], records)]
                                     * len(records))


def cache_columns(record, values):
    """Puts ``values`` ({column: value}, as SQL read or wrote them for
    ``record``) in the cache, as the ORM's read would: the addon's SQL
    leaves what it knows where the ORM looks first. Names that are no
    stored field of the model (``id``, ...) are left out."""
    for name, value in values.items():
        field = record._fields.get(name)
        if field and field.store and field.column_type and name != "id":
            record.env.cache.set(record, field, field.convert_to_cache(value, record, validate=False))
