#!/usr/bin/env bash
# Regenerates zoom_calendar/i18n/zoom_calendar.pot with Odoo's own export
# (odoo-bin --i18n-export), from a fresh database cloned from the test
# template (zoom_calendar installed, no demo data: demo records' names are
# not terms to translate). Then merges the new terms into every i18n/*.po
# (msgmerge), leaving their new entries empty for a translator and dropping
# the strings the code no longer has.
# `make pot` runs it; zoom_calendar/tests/test_i18n.py fails when the .pot
# is not current.
source "$(dirname "$0")/common.sh"

bash "$ROOT/scripts/pg.sh" start
DB=zoom_pot
# shellcheck source=template-db.sh
source "$ROOT/scripts/template-db.sh"
ensure_template
psql_run -c "DROP DATABASE IF EXISTS $DB"
for attempt in $(seq 30); do
    psql_run -c "CREATE DATABASE $DB OWNER $DB_USER TEMPLATE $TEMPLATE" 2>"$RUN/pot-createdb.err" && break
    grep -q "being accessed by other users" "$RUN/pot-createdb.err" && [ "$attempt" -lt 30 ] \
        || { cat "$RUN/pot-createdb.err" >&2; die "could not create $DB"; }
    sleep 2
done

I18N="$ROOT/zoom_calendar/i18n"
mkdir -p "$I18N"
say "exporting the terms of zoom_calendar to $I18N/zoom_calendar.pot"
# Odoo 11 names its formats after the extension and knows .po, not .pot:
# without a language (-l), the .po it writes is the template.
odoo -d "$DB" --modules=zoom_calendar --i18n-export="$RUN/zoom_calendar.po" \
    --logfile="$RUN/pot.log" || die "the export failed: see $RUN/pot.log"
mv "$RUN/zoom_calendar.po" "$I18N/zoom_calendar.pot"
# The export reads only the addon's folder: the terms of the code both
# addons share (lib/zoom_calendar_common) are added as Odoo writes its own
# code terms, so that installing a translation loads them alike.
"$VENV/bin/python" - "$I18N/zoom_calendar.pot" <<'PY' || die "adding the shared code's terms failed"
import sys
from babel.messages.pofile import escape, read_po
from zoom_calendar_common.i18n import OCCURRENCE, terms

path = sys.argv[1]
with open(path, "rb") as pot:
    known = {message.id for message in read_po(pot)}
entries = {}
for msgid, filename, _line in terms():
    if msgid not in known:
        entries.setdefault(msgid, []).append(OCCURRENCE % filename)
with open(path, "a", encoding="utf-8") as pot:
    for msgid, occurrences in sorted(entries.items()):
        pot.write("#. module: zoom_calendar\n%s\n#, python-format\nmsgid %s\nmsgstr \"\"\n\n"
                  % ("\n".join("#: %s:0" % where for where in sorted(set(occurrences))), escape(msgid)))
PY
psql_run -c "DROP DATABASE $DB"

if command -v msgmerge >/dev/null 2>&1; then
    for po in "$I18N"/*.po; do
        [ -e "$po" ] || continue
        say "merging the new terms into $(basename "$po")"
        msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap "$po" "$I18N/zoom_calendar.pot"
        # Strings gone from the code go from the translations too.
        msgattrib --no-obsolete --no-wrap --output-file="$po" "$po"
    done
else
    say "msgmerge (gettext) not found: merge the .pot into i18n/*.po by hand"
fi
