#!/usr/bin/env bash
# Runs the benchmarks under bench/ (not tests): a fresh database zoom_bench
# cloned from the template `make test` builds (scripts/template-db.sh, which
# rebuilds it when missing or stale), then bench/run.py, which starts one fake
# Zoom server and prints a table per benchmark, then a one-line summary.
# Extra arguments go to bench/run.py (e.g. `bash scripts/bench.sh --quick`);
# BENCH_KEEP_DB=1 keeps the database afterwards.
#
# bench.sh --odoo17 [arguments]: the same on Odoo 17.0 (ODOO17_SRC,
# scripts/odoo17/common.sh): zoom17_bench from scripts/test17.sh's template,
# bench/run.py with .venv17's Python; files in run/ named *17*.
if [ "${1:-}" = --odoo17 ]; then
    shift
    source "$(dirname "$0")/odoo17/common.sh"
    require_odoo17_src
    bash "$ROOT/scripts/odoo17/setup.sh"
    V=17
else
    source "$(dirname "$0")/common.sh"
    V=""
fi

bash "$ROOT/scripts/pg.sh" start
DB="zoom${V}_bench"
# The same template as scripts/test.sh, built (or found up to date) the same way.
# shellcheck source=template-db.sh
source "$ROOT/scripts/template-db.sh"
ensure_template
say "creating a fresh $DB from $TEMPLATE"
psql_run -c "DROP DATABASE IF EXISTS $DB"
# A concurrent `make test` may be cloning the template this very second (a
# template must have no other session): try again for a minute.
for attempt in $(seq 30); do
    psql_run -c "CREATE DATABASE $DB OWNER $DB_USER TEMPLATE $TEMPLATE" 2>"$RUN/bench$V-createdb.err" && break
    grep -q "being accessed by other users" "$RUN/bench$V-createdb.err" && [ "$attempt" -lt 30 ] \
        || { cat "$RUN/bench$V-createdb.err" >&2; die "could not create $DB"; }
    sleep 2
done

# Odoo logs to a file of its own (the bench prints only its tables).
sed -e "s|^logfile = .*|logfile = $RUN/bench$V.log|" -e "s/^log_level = .*/log_level = warn/" \
    "$ODOO_CONF" >"$RUN/odoo$V-bench.conf"

cd "$ROOT"
say "running the benchmarks (about 3 minutes; Odoo's log: $RUN/bench$V.log, report: $RUN/bench$V-results.md)"
status=0
"$VENV/bin/python" "$ROOT/bench/run.py" --config "$RUN/odoo$V-bench.conf" --database "$DB" \
    --results "$RUN/bench$V-results.md" "$@" || status=$?
# BENCH_KEEP_DB=1 keeps zoom_bench for a look afterwards.
[ -n "${BENCH_KEEP_DB:-}" ] || psql_run -c "DROP DATABASE IF EXISTS $DB" || true
exit "$status"
