#!/usr/bin/env bash
# Builds a fresh database zoom_test with the addon installed, then runs every
# test in one pytest run: plain tests (tests/: the Zoom client and the fake
# server, no Odoo) and the addon's Odoo tests (pytest-odoo). Extra arguments
# go to pytest, e.g. `bash scripts/test.sh -k round_robin`.
source "$(dirname "$0")/common.sh"

bash "$ROOT/scripts/pg.sh" start
DB=zoom_test
# shellcheck source=template-db.sh
source "$ROOT/scripts/template-db.sh"
ensure_template
say "creating a fresh $DB from $TEMPLATE"
psql_run -c "DROP DATABASE IF EXISTS $DB"
psql_run -c "CREATE DATABASE $DB OWNER $DB_USER TEMPLATE $TEMPLATE"

# Odoo's HTTP server for the tests listens on a port of its own, so a running
# `make demo` does not get in the way.
test_port="$(free_port)"
sed -e "s/^http_port = .*/http_port = $test_port/" -e "s|^logfile = .*|logfile = $RUN/test.log|" \
    "$ODOO_CONF" >"$RUN/odoo-test.conf"

cd "$ROOT"
say "running the tests"
status=0
"$VENV/bin/pytest" --odoo-config="$RUN/odoo-test.conf" --odoo-database="$DB" "$@" || status=$?

# With no arguments (the whole suite), Odoo's own runner too: it must find
# every test module (see scripts/odoo_test_runner.py). From run/, so that
# fake_zoom comes from the installed package, as under `odoo --test-enable`.
if [ $# -eq 0 ]; then
    say "checking that Odoo's own test runner finds the addon's tests"
    (cd "$RUN" && "$VENV/bin/python" "$ROOT/scripts/odoo-bin" shell -c "$RUN/odoo-test.conf" -d "$DB" \
        --logfile="$RUN/test-odoo-runner.log" <"$ROOT/scripts/odoo_test_runner.py") || status=$?
fi
exit "$status"
