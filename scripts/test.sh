#!/usr/bin/env bash
# Builds a fresh database zoom_test with the addon installed, then runs every
# test in one pytest run: plain tests (tests/: the Zoom client and the fake
# server, no Odoo) and the addon's Odoo tests (pytest-odoo). Extra arguments
# go to pytest, e.g. `bash scripts/test.sh -k round_robin`.
source "$(dirname "$0")/common.sh"

bash "$ROOT/scripts/pg.sh" start
DB=zoom_test
TEMPLATE=zoom_test_template
# The install is cached as a template database keyed on everything that can
# change it; the tests themselves never change it, so they are left out.
key="$(cd "$ROOT" && { cat requirements.txt scripts/common.sh scripts/test.sh; find zoom_calendar -type f ! -path '*/tests/*' \
    ! -name '*.pyc' ! -path '*/readme/*' -print0 | sort -z | xargs -0 sha256sum; } | sha256sum | cut -d' ' -f1)"
key_file="$RUN/$TEMPLATE.key"
if ! db_exists "$TEMPLATE" || [ "$(cat "$key_file" 2>/dev/null)" != "$key" ]; then
    say "installing zoom_calendar into a new template database (about 30 s)"
    rm -f "$key_file"
    psql_run -c "DROP DATABASE IF EXISTS $TEMPLATE"
    psql_run -c "CREATE DATABASE $TEMPLATE OWNER $DB_USER"
    odoo -d "$TEMPLATE" -i zoom_calendar --without-demo=all --stop-after-init \
        --logfile="$RUN/test-install.log" \
        || die "installing zoom_calendar failed: see $RUN/test-install.log"
    # The wheels' unused addons log "Unmet dependencies" on every install:
    # harmless, so not counted as errors.
    errors="$(grep " ERROR \| CRITICAL " "$RUN/test-install.log" | grep -v "Unmet dependencies" || true)"
    if [ -n "$errors" ]; then
        echo "$errors" | head -5 >&2
        die "installing zoom_calendar logged errors: see $RUN/test-install.log"
    fi
    unstick_modules "$TEMPLATE"
    echo "$key" >"$key_file"
fi
say "creating a fresh $DB from $TEMPLATE"
psql_run -c "DROP DATABASE IF EXISTS $DB"
psql_run -c "CREATE DATABASE $DB OWNER $DB_USER TEMPLATE $TEMPLATE"

# Odoo's HTTP server for the tests listens on a port of its own, so a running
# `make demo` does not get in the way.
test_port="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
sed -e "s/^http_port = .*/http_port = $test_port/" -e "s|^logfile = .*|logfile = $RUN/test.log|" \
    "$ODOO_CONF" >"$RUN/odoo-test.conf"

cd "$ROOT"
say "running the tests"
"$VENV/bin/pytest" --odoo-config="$RUN/odoo-test.conf" --odoo-database="$DB" "$@"
