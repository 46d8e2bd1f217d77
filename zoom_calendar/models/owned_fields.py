# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Writing the fields this addon owns on Odoo's models in one statement, as
this version's ORM would; who may write them is the shared
zoom_calendar_common.models.owned_fields (imported from here too)."""
from psycopg2 import sql

from zoom_calendar_common.models.owned_fields import as_owner, check_owned_fields, is_owner  # noqa: F401


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
    records.env.cr.execute(
        sql.SQL("UPDATE {} SET {}, write_uid = %s, write_date = (now() at time zone 'UTC') WHERE id IN %s").format(
            sql.Identifier(records._table),
            sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(name)) for name in names)),
        [records._fields[name].convert_to_column(values[name], records) for name in names]
        + [records.env.uid, tuple(records.ids)])
    records.modified(names)
    for record in records:
        record._cache.update(record._convert_to_cache(values, validate=False))
    if records.env.recompute:
        records.recompute()
