#!/usr/bin/env bash
# make test-browser: the product as a person meets it, in headless Chromium
# (Debian's, driven by playwright-core from node_modules).
#
# Builds its own database zoom_browser (zoom_calendar with its demo data,
# installed once into a cached template), starts its own fake Zoom and its
# own Odoo on free ports, points Odoo at the fake and connects alice, bob and dan
# (scripts/demo_setup.py, as `make demo` does), runs browser_tests/ with
# node's test runner, and stops everything it started. Screenshots of each
# step go to artifacts/browser/. Arguments replace the default test files
# given to `node --test`, e.g.
# `bash scripts/test-browser.sh --test-name-pattern=visitor browser_tests/*.test.js`.
#
# test-browser.sh --odoo17 [arguments]: the same on Odoo 17.0 (ODOO17_SRC,
# scripts/odoo17/common.sh), odoo17/zoom_calendar, database zoom17_browser,
# browser_tests17/ (skipped in one line while it holds no test),
# logs in run/browser17/, screenshots in artifacts/browser17/.
if [ "${1:-}" = --odoo17 ]; then
    shift
    source "$(dirname "$0")/odoo17/common.sh"
    require_odoo17_src
    bash "$ROOT/scripts/odoo17/setup.sh"
    V=17
    ADDON_DIR="$ODOO17_DIR/zoom_calendar"
    KEY_FILES="requirements17.txt run/odoo17-src.txt scripts/common.sh scripts/test-browser.sh"
    DATA_DIR="$ODOO17_DATA"
    TESTS_DIR=browser_tests17
    odoo_shell_cmd=("$VENV17/bin/python" "$ODOO17_SRC/odoo-bin" shell -c "$ODOO17_CONF")
else
    source "$(dirname "$0")/common.sh"
    V=""
    ADDON_DIR=zoom_calendar
    KEY_FILES="requirements.txt scripts/common.sh scripts/test-browser.sh"
    DATA_DIR="$RUN/data"
    TESTS_DIR=browser_tests
    odoo_shell_cmd=("$VENV/bin/python" "$ROOT/scripts/odoo-bin" shell -c "$ODOO_CONF")
fi

DB="zoom${V}_browser"
TEMPLATE="zoom${V}_browser_template"
LOGS="$RUN/browser$V"
ARTIFACTS="$ROOT/artifacts/browser$V"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ -n "$V" ] && [ $# -eq 0 ] && ! compgen -G "$ROOT/$TESTS_DIR/*.test.js" >/dev/null; then
    say "Odoo 17.0 browser tests skipped: $TESTS_DIR/ holds no *.test.js yet"
    exit 0
fi

# playwright-core brings no browser: Debian's chromium is installed here, as
# root, the first time (`make demo` never needs it, so set-up leaves it out).
if [ ! -x "$CHROMIUM" ]; then
    if [ "$CHROMIUM" = /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian's chromium for the browser tests"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
            || die "installing chromium failed (apt-get install -y chromium)"
    else
        die "$CHROMIUM not found: install Debian's chromium (as root: apt-get update && apt-get install -y chromium), or set CHROMIUM=/path/to/chromium"
    fi
fi
[ -f "$ROOT/node_modules/playwright-core/package.json" ] || die "playwright-core is missing from node_modules: run 'make setup'"

fake_pid=""
odoo_pid=""
child=""

cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    if [ -n "$child" ]; then stop_bg "$child"; fi
    if [ -n "$odoo_pid" ]; then stop_bg "$odoo_pid"; fi
    if [ -n "$fake_pid" ]; then stop_bg "$fake_pid"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

bash "$ROOT/scripts/pg.sh" start
mkdir -p "$LOGS"
rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"

# The install with demo data is cached as a template database, keyed like
# scripts/test.sh's on everything that can change it.
# shellcheck disable=SC2086
key="$(cd "$ROOT" && { cat $KEY_FILES; find "$ADDON_DIR" lib -type f ! -path '*/tests/*' \
    ! -name '*.pyc' ! -path '*/readme/*' -print0 | sort -z | xargs -0 sha256sum; } | sha256sum | cut -d' ' -f1)"
key_file="$RUN/$TEMPLATE.key"
if ! db_exists "$TEMPLATE" || [ "$(cat "$key_file" 2>/dev/null)" != "$key" ]; then
    say "installing zoom_calendar with its demo data into a new template database (about a minute)"
    rm -f "$key_file"
    psql_run -c "DROP DATABASE IF EXISTS $TEMPLATE"
    psql_run -c "CREATE DATABASE $TEMPLATE OWNER $DB_USER"
    rm -f "$LOGS/install.log"  # Odoo appends: check this install only
    run_bg odoo -d "$TEMPLATE" -i zoom_calendar --stop-after-init --logfile="$LOGS/install.log" \
        || die "installing zoom_calendar failed: see $LOGS/install.log"
    check_odoo_log "$LOGS/install.log" "installing zoom_calendar" strict
    unstick_modules "$TEMPLATE"
    echo "$key" >"$key_file"
fi
say "creating a fresh $DB from $TEMPLATE"
psql_run -c "DROP DATABASE IF EXISTS $DB"
psql_run -c "CREATE DATABASE $DB OWNER $DB_USER TEMPLATE $TEMPLATE"
rm -rf "$DATA_DIR/filestore/$DB"
if [ -d "$DATA_DIR/filestore/$TEMPLATE" ]; then
    mkdir -p "$DATA_DIR/filestore"
    cp -a "$DATA_DIR/filestore/$TEMPLATE" "$DATA_DIR/filestore/$DB"
fi

zoom_port="$(free_port)"
odoo_port="$(free_port)"
while [ "$odoo_port" = "$zoom_port" ]; do odoo_port="$(free_port)"; done
ZOOM_URL="http://127.0.0.1:$zoom_port"
ODOO_URL="http://127.0.0.1:$odoo_port"

say "starting the fake Zoom on $ZOOM_URL"
start_bg bash -c 'cd "$1" && exec "$2" -m fake_zoom --host 127.0.0.1 --port "$3"' \
    _ "$ROOT" "$VENV/bin/python" "$zoom_port" >"$LOGS/fake_zoom.log" 2>&1
fake_pid=$bg_pid
wait_http "$ZOOM_URL/_fake/health" 20 "$fake_pid" \
    || { tail -n 20 "$LOGS/fake_zoom.log" >&2; die "the fake Zoom did not start: see $LOGS/fake_zoom.log"; }

say "pointing $DB at the fake Zoom and connecting alice, bob and dan (scripts/demo_setup.py)"
PYTHONPATH="$ROOT" PORT="$odoo_port" ZOOM_PORT="$zoom_port" run_bg "${odoo_shell_cmd[@]}" -d "$DB" \
    --logfile="$LOGS/setup.log" <"$ROOT/scripts/demo_setup.py" >"$LOGS/setup.out" 2>&1 \
    || { cat "$LOGS/setup.out" >&2; die "setting up $DB failed: see $LOGS/setup.log"; }

say "starting Odoo on $ODOO_URL (log: ${LOGS#$ROOT/}/odoo.log)"
start_bg odoo -d "$DB" --db-filter="^$DB\$" --http-port="$odoo_port" --logfile="$LOGS/odoo.log"
odoo_pid=$bg_pid
wait_http "$ODOO_URL/web/login" 120 "$odoo_pid" \
    || { tail -n 30 "$LOGS/odoo.log" >&2; die "Odoo did not start: see $LOGS/odoo.log"; }

say "running the browser tests (screenshots: ${ARTIFACTS#$ROOT/}/)"
cd "$ROOT"
if [ $# -eq 0 ]; then set -- "$TESTS_DIR"/*.test.js; fi
ODOO_URL="$ODOO_URL" ZOOM_URL="$ZOOM_URL" CHROMIUM="$CHROMIUM" ARTIFACTS="$ARTIFACTS" \
    run_bg node --test --test-concurrency=1 \
    --test-reporter=./browser_tests/reporter.js --test-reporter-destination=stdout \
    "$@"
