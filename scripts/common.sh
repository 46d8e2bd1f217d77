# Shared settings and helpers for the project's scripts. Sourced, not run.
# Everything generated lives in ignored folders of the repo: .venv/, run/,
# node_modules/, artifacts/.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
RUN="$ROOT/run"
PGDATA="$RUN/pg"
PGSOCK="$RUN/pg"          # unix socket folder: the cluster listens nowhere else
ODOO_CONF="$RUN/odoo.conf"
ODOO_LOG="$RUN/odoo.log"
DB_USER="odoo"            # Odoo refuses to run as the 'postgres' superuser
PORT="${PORT:-8069}"
ZOOM_PORT="${ZOOM_PORT:-8790}"
ZOOM_CLIENT_ID="${ZOOM_CLIENT_ID:-demo-client-id}"
ZOOM_CLIENT_SECRET="${ZOOM_CLIENT_SECRET:-demo-client-secret}"
ZOOM_WEBHOOK_SECRET="${ZOOM_WEBHOOK_SECRET:-demo-webhook-secret}"
export ZOOM_PORT ZOOM_CLIENT_ID ZOOM_CLIENT_SECRET ZOOM_WEBHOOK_SECRET

# Odoo 11 compiles its stylesheets with lessc from node_modules; without it
# every page is unstyled.
export PATH="$ROOT/node_modules/.bin:$PATH"
# The wheels carry ~180 addons whose dependencies are not installed: do not
# preload them (else /web/login answers 500 on a missing website_form).
export ODOO_PRELOAD_ADDONS=no

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as the owner of the cluster: initdb and postgres refuse root.
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then
        # From /: postgres may not be allowed into the current folder.
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# The folder holding initdb, pg_ctl and postgres, or empty.
pg_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null || true)"
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
    fi
}

# True when something already listens on 127.0.0.1:$1.
port_busy() {
    "$VENV/bin/python" - "$1" <<'PY'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(0)
sys.exit(1)
PY
}

require_free_port() {
    if port_busy "$1"; then
        die "port $1 is already in use ($2); stop what uses it or choose another with $3=..."
    fi
}

psql_run() {
    psql -X -q -v ON_ERROR_STOP=1 -h "$PGSOCK" -U "$DB_USER" -d postgres "$@"
}

db_exists() {
    [ "$(psql_run -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

# The wheels ship ~180 addons whose dependencies are missing: Odoo marks the
# auto-install ones 'to install' when it creates a database and, unable to
# load them, leaves them so. Its scheduler then skips the whole database, so
# no scheduled action (the Zoom retries among them) would ever run. Called
# once an install is complete: what is still 'to install' cannot be.
unstick_modules() {
    psql -X -q -v ON_ERROR_STOP=1 -h "$PGSOCK" -U "$DB_USER" -d "$1" \
        -c "UPDATE ir_module_module SET state = 'uninstalled' WHERE state = 'to install'"
}

# Checks the Odoo log $1 of an install or upgrade ($2 says which): it fails,
# showing the first lines, on an error, and on a warning too when $3 is
# "strict" (the tests), else prints them. The warnings every Odoo 11 start
# logs in this set-up are not counted: the wheels' addons whose dependencies
# are missing ("Unmet dependencies"), the test_exceptions module the server
# loads by name, PyYAML's about the yaml.load() Odoo loads its own YAML demo
# data with, and cryptography's notice that Python 3.7 (the only Python Odoo
# 11 runs on) is past its end of life. A warning of ours (e.g. "Deprecated
# method") is.
check_odoo_log() {
    local errors warnings
    errors="$(grep " ERROR \| CRITICAL " "$1" | grep -v "Unmet dependencies" || true)"
    warnings="$(grep " WARNING " "$1" | grep -v -e "Unmet dependencies" \
        -e "module test_exceptions: module not found" -e "odoo/tools/yaml_import.py:[0-9]*: YAMLLoadWarning" \
        -e "CryptographyDeprecationWarning: Python 3.7 is no longer supported" || true)"
    if [ -n "$errors" ] || { [ -n "$warnings" ] && [ "${3:-}" = strict ]; }; then
        printf '%s\n' "$errors" "$warnings" | grep . | head -5 >&2
        die "$2 logged errors or warnings: see ${1#$ROOT/}"
    fi
    if [ -n "$warnings" ]; then
        echo "$warnings" | head -5 >&2
        echo "warning: $2 logged warnings: see ${1#$ROOT/}" >&2
    fi
}

odoo() {
    "$VENV/bin/python" "$ROOT/scripts/odoo-bin" -c "$ODOO_CONF" "$@"
}

# The secrets of run/odoo.conf and run/odoo17.conf (the master password, the
# key that encrypts Zoom tokens at rest), generated once into run/secrets and
# kept, so existing databases stay readable across re-runs; sets
# ADMIN_PASSWD and ZOOM_TOKEN_KEY.
load_secrets() {
    local secrets="$RUN/secrets"
    mkdir -p "$RUN"
    if [ ! -s "$secrets" ]; then
        (umask 077 && "$VENV/bin/python" - >"$secrets" <<'PY'
import base64, os, secrets
print("ADMIN_PASSWD=%s" % secrets.token_urlsafe(24))
print("ZOOM_TOKEN_KEY=%s" % base64.urlsafe_b64encode(os.urandom(32)).decode())
PY
        )
    fi
    # shellcheck disable=SC1090
    source "$secrets"
}

# Starts "$@" in the background in a process group of its own (so it can be
# stopped whole, and Ctrl-C reaches the calling script only); pid in $bg_pid.
start_bg() {
    set -m
    "$@" &
    bg_pid=$!
    set +m
}

# Stops a process group started by start_bg: TERM, then KILL after 15 s.
stop_bg() {
    local pid=$1 i
    kill -TERM -- "-$pid" 2>/dev/null || return 0
    for i in $(seq 150); do
        kill -0 -- "-$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Runs "$@" in the background and waits for it, so that Ctrl-C (or
# `make stop`) interrupts it at once; the caller's trap stops $child.
run_bg() {
    start_bg "$@"
    child=$bg_pid
    local status=0
    wait "$child" 2>/dev/null || status=$?
    child=""
    return $status
}

# At a terminal, Ctrl-C signals the terminal's foreground process group:
# the make that ran the script included, which then dies of it ("make: ***
# Error 130") whatever the script does. Called first thing by a script that
# serves until Ctrl-C (demo.sh, as `own_terminal_foreground "$0" "$@"`): it
# runs the script again as a job of its own (job control on), to which the
# terminal gives its foreground, so Ctrl-C reaches only that job; this copy
# just waits for it and exits with its status.
own_terminal_foreground() {
    if [ -t 0 ] && [ -z "${OWN_FOREGROUND:-}" ] \
        && [ "$(ps -o tpgid= -p $$ | tr -d ' ')" = "$(ps -o pgid= -p $$ | tr -d ' ')" ]; then
        set -m
        local status=0
        OWN_FOREGROUND=1 bash "$@" || status=$?
        exit "$status"
    fi
}

# Waits until $1 answers 200, for at most $2 seconds, while process $3 lives.
wait_http() {
    "$VENV/bin/python" - "$@" <<'PY'
import os, sys, time, urllib.request
url, timeout, pid = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
deadline = time.time() + timeout
while time.time() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            if answer.status == 200:
                sys.exit(0)
    except Exception:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(2)
    time.sleep(0.3)
sys.exit(1)
PY
}

free_port() {
    "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
