#!/usr/bin/env bash
# Brings the virtual environment and the node tools up to date with the pinned
# requirements. Re-running it when nothing changed takes a second: a stamp
# records what the last complete install was made from.
source "$(dirname "$0")/common.sh"

python="$("$ROOT/scripts/find-python.sh")"
want="$(cat "$ROOT/requirements.txt" "$ROOT/constraints-build.txt" "$ROOT/setup.py" "$ROOT/lib/setup.py" | sha256sum | cut -d' ' -f1) $("$python" -V 2>&1)"
stamp="$VENV/.installed-from"

if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    # A venv whose interpreter no longer runs (moved, or its Python removed)
    # cannot be repaired in place: start over. A half-finished install is
    # simply completed by pip below.
    if [ -d "$VENV" ] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
        say "removing a broken virtual environment"
        rm -rf "$VENV"
    fi
    [ -x "$VENV/bin/python" ] || { say "creating $VENV with $python"; "$python" -m venv "$VENV"; }
    say "installing pinned requirements (first time: about a minute)"
    PIP_CONSTRAINT="$ROOT/constraints-build.txt" PIP_DISABLE_PIP_VERSION_CHECK=1 \
        "$VENV/bin/pip" install --quiet -r "$ROOT/requirements.txt"
    # The fake Zoom, for the addon's tests under any runner (see setup.py);
    # editable, so that the venv always runs this checkout's fake_zoom/.
    PIP_CONSTRAINT="$ROOT/constraints-build.txt" PIP_DISABLE_PIP_VERSION_CHECK=1 \
        "$VENV/bin/pip" install --quiet --no-deps -e "$ROOT"
    # The addon's plain Python package (lib/setup.py), shared with the 17.0
    # addon; editable for the same reason. Its dependencies are pinned above.
    PIP_CONSTRAINT="$ROOT/constraints-build.txt" PIP_DISABLE_PIP_VERSION_CHECK=1 \
        "$VENV/bin/pip" install --quiet --no-deps -e "$ROOT/lib"
    echo "$want" > "$stamp"
fi

want_node="$(sha256sum "$ROOT/package.json" "$ROOT/package-lock.json" | sha256sum | cut -d' ' -f1)"
node_stamp="$ROOT/node_modules/.installed-from"
if [ "$(cat "$node_stamp" 2>/dev/null)" != "$want_node" ]; then
    command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js (Debian: apt-get install nodejs npm)"
    say "installing node tools (lessc for Odoo's stylesheets, playwright-core for the browser tests)"
    (cd "$ROOT" && npm ci --silent --no-audit --no-fund)
    echo "$want_node" > "$node_stamp"
fi
