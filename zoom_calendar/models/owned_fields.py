# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""write_columns as Odoo 11.0's write does it, in one UPDATE: the columns,
then what depends on them marked (modified), the records' caches and a
recompute. What it is for, and who may write the addon's fields (as_owner,
imported from here too): zoom_calendar_common.models.owned_fields."""
from psycopg2 import sql

from zoom_calendar_common.models.owned_fields import as_owner, check_owned_fields, is_owner  # noqa: F401


def write_columns(records, values):
    """See zoom_calendar_common.models.owned_fields."""
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
