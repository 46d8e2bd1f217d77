# The Odoo 17.0 side of the project's scripts: sourced after nothing (it
# sources scripts/common.sh itself), not run. The 17.0 suite, demo and bench
# run against an Odoo 17.0 source tree that the person provides:
#   ODOO17_SRC=/path/to/odoo-17.0  (odoo-bin, and odoo/ with odoo/addons; the
#   git layout, with addons/ beside odoo/, works too)
# The same PostgreSQL cluster as 11.0 (scripts/pg.sh), databases named zoom17_*;
# a virtual environment of its own, .venv17/; run/odoo17.conf.

# PORT as the person gave it, before common.sh gives it 11.0's default.
ODOO17_PORT_GIVEN="${PORT:-}"
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/common.sh"

VENV17="$ROOT/.venv17"
# The 17.0 addons folder: this checkout's odoo17/ (ODOO17_ADDONS_DIR: another
# folder holding a zoom_calendar, to try the scripts on a stub addon).
ODOO17_DIR="${ODOO17_ADDONS_DIR:-$ROOT/odoo17}"
ODOO17_CONF="$RUN/odoo17.conf"
ODOO17_LOG="$RUN/odoo17.log"
ODOO17_DATA="$RUN/data17"
PORT17="${ODOO17_PORT_GIVEN:-8169}"

# The template database with zoom_calendar installed that test17.sh and
# bench.sh clone (scripts/template-db.sh), keyed also on the tree
# (run/odoo17-src.txt, written by config.sh, holds its path).
TEMPLATE=zoom17_test_template
TEMPLATE_ADDON="$ODOO17_DIR/zoom_calendar"
TEMPLATE_KEY_FILES="requirements17.txt scripts/common.sh scripts/template-db.sh scripts/odoo17/common.sh
    scripts/odoo17/setup.sh run/odoo17-src.txt"
TEMPLATE_LOG="$RUN/test17-install.log"

# Why the 17.0 suite cannot run, or nothing: ODOO17_SRC unset, or not an
# Odoo 17.0 source tree.
odoo17_src_problem() {
    local src="${ODOO17_SRC:-}" major
    if [ -z "$src" ]; then
        echo "ODOO17_SRC is not set: point it at an Odoo 17.0 source tree (ODOO17_SRC=/path/to/odoo-17.0 make test)"
        return
    fi
    if [ ! -d "$src" ]; then echo "ODOO17_SRC=$src is not a folder"; return; fi
    if [ ! -f "$src/odoo-bin" ] || [ ! -f "$src/odoo/release.py" ] || [ ! -d "$src/odoo/addons/base" ]; then
        echo "ODOO17_SRC=$src is not an Odoo source tree (no odoo-bin, odoo/release.py and odoo/addons/base)"
        return
    fi
    major="$(sed -n 's/^version_info = (\([^,]*\),.*/\1/p' "$src/odoo/release.py" | tr -d " '\"")"
    if [ "$major" != 17 ]; then
        echo "ODOO17_SRC=$src is Odoo ${major:-of an unknown version} (odoo/release.py), not 17.0"
    fi
}

# Dies unless ODOO17_SRC is an Odoo 17.0 tree; then makes it absolute.
require_odoo17_src() {
    local problem
    problem="$(odoo17_src_problem)"
    [ -z "$problem" ] || die "$problem"
    ODOO17_SRC="$(cd "$ODOO17_SRC" && pwd -P)"
    export ODOO17_SRC
}

# The tree's addons folders: odoo/addons (base, and every addon in a source
# distribution), then addons/ beside odoo/ in a git checkout.
odoo17_addons_path() {
    local path="$ODOO17_SRC/odoo/addons"
    if [ -d "$ODOO17_SRC/addons/web" ]; then path="$ODOO17_SRC/addons,$path"; fi
    echo "$path"
}

# common.sh's helpers that run Python (port_busy, wait_http, free_port) run
# on the 17.0 venv's; Odoo is the tree's, with run/odoo17.conf.
VENV="$VENV17"
ODOO_CONF="$ODOO17_CONF"
ODOO_LOG="$ODOO17_LOG"
odoo() {
    "$VENV17/bin/python" "$ODOO17_SRC/odoo-bin" -c "$ODOO17_CONF" "$@"
}
odoo_shell() {
    "$VENV17/bin/python" "$ODOO17_SRC/odoo-bin" shell -c "$ODOO17_CONF" "$@"
}
