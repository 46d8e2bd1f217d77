# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""write_columns as Odoo 17.0's write does it, in one UPDATE: the fields
flushed first, those computed from them protected, what depends on them
marked (modified) and the environment's cache; and cache_columns, what SQL
read put where the ORM looks first. What write_columns is for, and who may
write the addon's fields (as_owner, imported from here too):
zoom_calendar_common.models.owned_fields."""
from psycopg2 import sql

from zoom_calendar_common.models.owned_fields import as_owner, check_owned_fields, is_owner  # noqa: F401


def write_columns(records, values):
    """See zoom_calendar_common.models.owned_fields."""
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
