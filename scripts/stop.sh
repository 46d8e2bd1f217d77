#!/usr/bin/env bash
# make stop: stops what the project left running: a `make demo` (with its
# Odoo and fake Zoom; the Odoo 17.0 one too), a `make fake-zoom`, then the
# PostgreSQL cluster.
# Processes are found through the pid files in run/, and only those whose
# command line is this checkout's are stopped: a pid reused since by an
# unrelated process is left alone.
source "$(dirname "$0")/common.sh"

# The pids recorded in run/$1.pid (the process, or the process group it
# leads) whose command line contains $2.
recorded_pids() {
    local file="$RUN/$1.pid" id
    [ -f "$file" ] || return 0
    id="$(tr -cd '0-9' <"$file")"
    [ -n "$id" ] || return 0
    ps -e -o pid=,pgid=,args= | awk -v id="$id" -v marker="$2" \
        '($1 == id || $2 == id) && index($0, marker) { print $1 }'
}

# Stops the recorded processes of $1 (TERM, then KILL after $4 seconds).
stop_recorded() {
    local name=$1 marker=$2 pids i
    pids="$(recorded_pids "$name" "$marker")"
    if [ -n "$pids" ]; then
        say "stopping $3"
        # shellcheck disable=SC2086
        kill -TERM $pids 2>/dev/null || true
        for i in $(seq "$(($4 * 10))"); do
            [ -n "$(recorded_pids "$name" "$marker")" ] || break
            sleep 0.1
        done
        pids="$(recorded_pids "$name" "$marker")"
        # shellcheck disable=SC2086
        [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
    fi
    rm -f "$RUN/$name.pid"
}

# A running `make demo` stops its own Odoo and fake Zoom (and PostgreSQL,
# if it started it) on TERM; whatever is left is stopped below.
stop_recorded demo "scripts/demo.sh" "make demo" 40
stop_recorded odoo "$ROOT/scripts/odoo-bin -c $ODOO_CONF" "Odoo" 15
stop_recorded fake_zoom "$RUN/fake_zoom.json" "the fake Zoom" 15
# The same for the Odoo 17.0 demo (scripts/demo.sh --odoo17).
stop_recorded demo17 "scripts/demo.sh" "make demo (Odoo 17.0)" 40
stop_recorded odoo17 "odoo-bin -c $RUN/odoo17.conf" "Odoo 17.0" 15
stop_recorded fake_zoom17 "$RUN/fake_zoom17.json" "the fake Zoom of the Odoo 17.0 demo" 15
say "stopping PostgreSQL"
bash "$ROOT/scripts/pg.sh" stop
