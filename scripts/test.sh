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
"$VENV/bin/pytest" --odoo-config="$RUN/odoo-test.conf" --odoo-database="$DB" "$@"
