#!/usr/bin/env bash
# make demo: PostgreSQL, the fake Zoom server and Odoo with zoom_calendar and
# its demo data, served on http://127.0.0.1:$PORT until Ctrl-C.
#
# The database zoom_demo is made once (about a minute), upgraded only when the
# addon changed, and kept: a re-run starts in seconds. Ctrl-C (or `make stop`)
# stops the fake Zoom and Odoo, and PostgreSQL if this script started it.
#
# demo.sh --odoo17 (`ODOO17_SRC=... make demo`): the same demo on Odoo 17.0,
# odoo17/zoom_calendar in the tree of ODOO17_SRC (scripts/odoo17/common.sh),
# database zoom17_demo, on http://127.0.0.1:8169 unless PORT says otherwise
# and the fake Zoom on ZOOM_PORT (default 8791); its files in run/ are named
# *17*. The two demos can run side by side.
if [ "${1:-}" = --odoo17 ]; then
    source "$(dirname "$0")/odoo17/common.sh"
    require_odoo17_src
    bash "$ROOT/scripts/odoo17/setup.sh"
    V=17
    ZOOM_PORT="${ZOOM_PORT17:-$([ "$ZOOM_PORT" = 8790 ] && echo 8791 || echo "$ZOOM_PORT")}"
    PORT="$PORT17"
    ADDON_DIR="$ODOO17_DIR/zoom_calendar"
    KEY_FILES="requirements17.txt run/odoo17-src.txt"
    DATA_DIR="$ODOO17_DATA"
    LONGPOLLING_OPTION=--gevent-port
    ODOO_NAME="Odoo 17.0"
else
    source "$(dirname "$0")/common.sh"
    V=""
    ADDON_DIR=zoom_calendar
    KEY_FILES=requirements.txt
    DATA_DIR="$RUN/data"
    LONGPOLLING_OPTION=--longpolling-port
    ODOO_NAME="Odoo"
    odoo_shell() {
        "$VENV/bin/python" "$ROOT/scripts/odoo-bin" shell -c "$ODOO_CONF" "$@"
    }
fi
own_terminal_foreground "$0" "$@"

DB="zoom${V}_demo"
KEY_FILE="$RUN/$DB.key"
INSTALL_LOG="$RUN/demo$V-install.log"
SETUP_LOG="$RUN/demo$V-setup.log"
LOGINS_FILE="$RUN/demo$V-logins.txt"   # written by demo_setup.py for the banner
FAKE_LOG="$RUN/fake_zoom$V.log"
ZOOM_URL="http://127.0.0.1:$ZOOM_PORT"
# WORKERS=3 make demo: Odoo's multi-process server (3 HTTP workers, a cron
# worker, and the long-polling process on LONGPOLLING_PORT), as a company
# runs it in production; 0 (the default): the threaded server.
WORKERS="${WORKERS:-0}"
LONGPOLLING_PORT="${LONGPOLLING_PORT:-$((PORT + 3))}"
ODOO_URL="http://127.0.0.1:$PORT"

child=""        # the Odoo command being waited for (install, setup, server)
fake_pid=""
odoo_pid=""
pg_started=""
pid_file=""     # run/demo$V.pid, once this run wrote it

cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    if [ -n "$child" ]; then stop_bg "$child"; fi
    if [ -n "$odoo_pid" ]; then
        say "stopping Odoo"
        stop_bg "$odoo_pid"
        rm -f "$RUN/odoo$V.pid"
    fi
    if [ -n "$fake_pid" ]; then
        say "stopping the fake Zoom"
        stop_bg "$fake_pid"
        rm -f "$RUN/fake_zoom$V.pid"
    fi
    if [ -n "$pg_started" ]; then
        say "stopping PostgreSQL"
        bash "$ROOT/scripts/pg.sh" stop || true
    fi
    if [ -n "$pid_file" ]; then rm -f "$pid_file"; fi
    exit "$status"
}
trap cleanup EXIT
# Ctrl-C is how the demo ends: a clean stop, exit status 0.
trap 'exit 0' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

check_port() {
    if port_busy "$1"; then
        die "port $1 ($2) is already in use: stop what uses it ('make stop' if it is an earlier 'make demo') or choose another port with $3=..."
    fi
}

# Everything in the addon that an install or upgrade reads.
addon_key() {
    # shellcheck disable=SC2086
    (cd "$ROOT" && { cat $KEY_FILES; find "$ADDON_DIR" lib -type f ! -path '*/tests/*' \
        ! -name '*.pyc' ! -path '*/readme/*' -print0 | sort -z | xargs -0 sha256sum; } \
        | sha256sum | cut -d' ' -f1)
}

check_port "$PORT" "Odoo" PORT
check_port "$ZOOM_PORT" "fake Zoom" ZOOM_PORT
case "$WORKERS" in ''|*[!0-9]*) die "WORKERS must be a number of worker processes (0: the threaded server)";; esac
server_args=()
if [ "$WORKERS" -gt 0 ]; then
    check_port "$LONGPOLLING_PORT" "Odoo's long-polling" LONGPOLLING_PORT
    server_args=(--workers="$WORKERS" --max-cron-threads=1 "$LONGPOLLING_OPTION=$LONGPOLLING_PORT")
fi
mkdir -p "$RUN"
pid_file="$RUN/demo$V.pid"
echo $$ >"$pid_file"

if ! bash "$ROOT/scripts/pg.sh" status | grep -q "PostgreSQL running"; then
    bash "$ROOT/scripts/pg.sh" start
    pg_started=1
fi

say "starting the fake Zoom on $ZOOM_URL (log: ${FAKE_LOG#$ROOT/})"
start_bg bash -c 'cd "$1" && exec "$2" -m fake_zoom --host 127.0.0.1 --port "$3" --state-file "$4"' \
    _ "$ROOT" "$VENV/bin/python" "$ZOOM_PORT" "$RUN/fake_zoom$V.json" >"$FAKE_LOG" 2>&1
fake_pid=$bg_pid
echo "$fake_pid" >"$RUN/fake_zoom$V.pid"
if ! wait_http "$ZOOM_URL/_fake/health" 20 "$fake_pid"; then
    tail -n 20 "$FAKE_LOG" >&2
    die "the fake Zoom did not start: see ${FAKE_LOG#$ROOT/}"
fi

key="$(addon_key)"
if db_exists "$DB" && [ ! -s "$KEY_FILE" ]; then
    # The key is written once an install succeeded: without it the database
    # is what an interrupted install left behind.
    say "dropping $DB, left half-made by an interrupted install"
    psql_run -c "DROP DATABASE $DB"
fi
if ! db_exists "$DB"; then
    say "creating $DB with zoom_calendar and its demo data (first time: about a minute)"
    rm -rf "$DATA_DIR/filestore/$DB"
    psql_run -c "CREATE DATABASE $DB OWNER $DB_USER"
    rm -f "$INSTALL_LOG"  # Odoo appends: check this run only
    run_bg odoo -d "$DB" -i zoom_calendar --stop-after-init --logfile="$INSTALL_LOG" \
        || { tail -n 20 "$INSTALL_LOG" >&2; die "installing zoom_calendar failed: see ${INSTALL_LOG#$ROOT/}"; }
    check_odoo_log "$INSTALL_LOG" "installing zoom_calendar"
    echo "$key" >"$KEY_FILE"
elif [ "$(cat "$KEY_FILE")" != "$key" ]; then
    say "zoom_calendar changed: upgrading it in $DB"
    rm -f "$INSTALL_LOG"  # Odoo appends: check this run only
    run_bg odoo -d "$DB" -u zoom_calendar --stop-after-init --logfile="$INSTALL_LOG" \
        || { tail -n 20 "$INSTALL_LOG" >&2; die "upgrading zoom_calendar failed: see ${INSTALL_LOG#$ROOT/}"; }
    check_odoo_log "$INSTALL_LOG" "upgrading zoom_calendar"
    echo "$key" >"$KEY_FILE"
fi

say "pointing $DB at the fake Zoom and connecting alice, bob and dan"
rm -f "$LOGINS_FILE"
PYTHONPATH="$ROOT" PORT="$PORT" DEMO_LOGINS_FILE="$LOGINS_FILE" run_bg odoo_shell -d "$DB" --logfile="$SETUP_LOG" \
    <"$ROOT/scripts/demo_setup.py" \
    || die "setting up the demo failed: see above and ${SETUP_LOG#$ROOT/}"

mode=""
if [ "$WORKERS" -gt 0 ]; then mode=", $WORKERS workers and a cron worker"; fi
say "starting $ODOO_NAME on $ODOO_URL (log: ${ODOO_LOG#$ROOT/}$mode)"
start_bg odoo -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" "${server_args[@]}"
odoo_pid=$bg_pid
echo "$odoo_pid" >"$RUN/odoo$V.pid"
if ! wait_http "$ODOO_URL/web/login" 180 "$odoo_pid"; then
    tail -n 30 "$ODOO_LOG" >&2
    die "$ODOO_NAME did not start: see ${ODOO_LOG#$ROOT/}"
fi

cat <<EOF

  zoom_calendar demo ($ODOO_NAME): $ODOO_URL

  logins      $(sed '2,$s/^/              /' "$LOGINS_FILE")
  fake Zoom   $ZOOM_URL  (consent page, /_fake/ control API; log: ${FAKE_LOG#$ROOT/})
  Odoo log    ${ODOO_LOG#$ROOT/}

  Ctrl-C stops it all.

EOF

status=0
wait "$odoo_pid" 2>/dev/null || status=$?
odoo_pid=""
rm -f "$RUN/odoo$V.pid"
say "$ODOO_NAME stopped (exit status $status): see ${ODOO_LOG#$ROOT/}"
exit "$status"
