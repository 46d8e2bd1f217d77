#!/usr/bin/env bash
# Brings .venv17/ up to date for the Odoo 17.0 tree in ODOO17_SRC: a Python
# 3.10+ venv (scripts/find-python.sh 17) with the tree's requirements.txt,
# requirements17.txt (the test tools) and this checkout's two packages in
# editable mode (lib/: zoom_scheduling, zoom_calendar_common; .: fake_zoom). The tree's odoo
# package is put on the venv's path (a .pth file), not installed. Re-running
# it when nothing changed takes a second: a stamp records what the last
# complete install was made from. Then writes run/odoo17.conf (config.sh).
source "$(dirname "$0")/common.sh"
require_odoo17_src

python="$("$ROOT/scripts/find-python.sh" 17)"
want="$(cat "$ODOO17_SRC/requirements.txt" "$ROOT/requirements17.txt" "$ROOT/setup.py" "$ROOT/lib/setup.py" \
    | sha256sum | cut -d' ' -f1) $("$python" -V 2>&1) $ODOO17_SRC"
stamp="$VENV17/.installed-from"
pip_log="$RUN/venv17-pip.log"

pip17() {
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV17/bin/pip" "$@"
}

# The tree's requirements.txt, less what cannot build on this machine: the
# OpenLDAP client (python-ldap, for the auth_ldap addon only) needs its C
# headers. Printed to stdout; what was left out, with why, to stderr.
installable_requirements() {
    local line name
    while IFS= read -r line || [ -n "$line" ]; do
        name="$(printf '%s' "$line" | sed -e 's/#.*//' -e 's/[ ;=<>!~\[].*//' | tr 'A-Z_' 'a-z-')"
        if [ "$name" = python-ldap ] && [ ! -f /usr/include/ldap.h ]; then
            # (once: the file has a line per Python version)
            [ -n "${skipped_ldap:-}" ] || echo "skipping python-ldap: its build needs the OpenLDAP headers (Debian: apt-get install libldap2-dev libsasl2-dev); only Odoo's auth_ldap addon uses it" >&2
            skipped_ldap=1
            continue
        fi
        printf '%s\n' "$line"
    done <"$ODOO17_SRC/requirements.txt"
}

if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    mkdir -p "$RUN"
    if [ -d "$VENV17" ] && ! "$VENV17/bin/python" -c 'import sys' >/dev/null 2>&1; then
        say "removing a broken virtual environment .venv17"
        rm -rf "$VENV17"
    fi
    if [ -x "$VENV17/bin/python" ] && [ "$("$VENV17/bin/python" -V 2>&1)" != "$("$python" -V 2>&1)" ]; then
        say "removing .venv17, made with $("$VENV17/bin/python" -V 2>&1): $python is wanted now"
        rm -rf "$VENV17"
    fi
    [ -x "$VENV17/bin/python" ] || { say "creating .venv17 with $python"; "$python" -m venv "$VENV17"; }
    say "installing Odoo 17.0's requirements into .venv17 (first time: several minutes; log: ${pip_log#$ROOT/})"
    : >"$pip_log"
    requirements="$RUN/odoo17-requirements.txt"
    installable_requirements >"$requirements"
    if ! pip17 install -r "$requirements" >>"$pip_log" 2>&1; then
        # One at a time, to name what does not build here and install the rest.
        failed=()
        while IFS= read -r line; do
            case "$(printf '%s' "$line" | sed 's/#.*//' | tr -d ' ')" in '') continue ;; esac
            pip17 install "$(printf '%s' "$line" | sed 's/ *#.*//')" >>"$pip_log" 2>&1 \
                || failed+=("$(printf '%s' "$line" | sed 's/[ ;=<>].*//')")
        done <"$requirements"
        if [ ${#failed[@]} -gt 0 ]; then
            echo "warning: could not install from ODOO17_SRC/requirements.txt: ${failed[*]} (see ${pip_log#$ROOT/})" >&2
        fi
    fi
    say "installing requirements17.txt (test tools) and this checkout's packages (editable)"
    pip17 install -r "$ROOT/requirements17.txt" >>"$pip_log" 2>&1 \
        || { tail -n 20 "$pip_log" >&2; die "installing requirements17.txt failed: see ${pip_log#$ROOT/}"; }
    pip17 install --no-deps -e "$ROOT/lib" -e "$ROOT" >>"$pip_log" 2>&1 \
        || { tail -n 20 "$pip_log" >&2; die "installing lib/ and fake_zoom failed: see ${pip_log#$ROOT/}"; }
    # lib/'s own dependencies (requests, cryptography, ...) come with Odoo's
    # requirements: pip check says if one is missing or at odds.
    pip17 check >>"$pip_log" 2>&1 || echo "warning: pip check found conflicts in .venv17 (see ${pip_log#$ROOT/})" >&2
    # The tree's odoo package, for pytest and bench/ (odoo-bin finds it itself).
    site="$("$VENV17/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    echo "$ODOO17_SRC" >"$site/odoo17-src.pth"
    "$VENV17/bin/python" -c 'import odoo.cli, zoom_scheduling, zoom_calendar_common, fake_zoom' 2>"$RUN/venv17-check.log" \
        || { tail -n 5 "$RUN/venv17-check.log" >&2; die ".venv17 cannot import Odoo 17.0 and this checkout's packages: see run/venv17-check.log and ${pip_log#$ROOT/}"; }
    echo "$want" >"$stamp"
fi

bash "$ROOT/scripts/odoo17/config.sh"
