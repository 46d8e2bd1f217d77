#!/usr/bin/env bash
# Prints the path of a Python interpreter for an Odoo version (11, the
# default, or 17): $PYTHON (11) or $PYTHON17 (17) if set, else the first of
# python3.X on PATH, else pyenv's newest 3.X.y, for X in the version's list.
#   11: Python 3.7 (Odoo 11 runs on nothing newer)
#   17: Python 3.11, 3.10 or 3.12, in that order (Odoo 17.0 needs 3.10 to 3.12)
set -euo pipefail

case "${1:-11}" in
    11) var=PYTHON; versions="3.7"; needs="Odoo 11 needs it"; example="3.7" ;;
    17) var=PYTHON17; versions="3.11 3.10 3.12"; needs="Odoo 17.0 needs one of them"; example="3.11" ;;
    *) echo "usage: $0 [11|17]" >&2; exit 2 ;;
esac

version_of() {
    "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true
}
accepted() {
    local version
    version="$(version_of "$1")"
    [ -n "$version" ] && [[ " $versions " == *" $version "* ]]
}

if [ -n "${!var:-}" ]; then
    accepted "${!var}" || { echo "error: $var=${!var} is not a working Python ${versions// /, }" >&2; exit 1; }
    echo "${!var}"; exit 0
fi
for version in $versions; do
    if command -v "python$version" >/dev/null 2>&1 && accepted "python$version"; then
        command -v "python$version"; exit 0
    fi
done
pyenv_root="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")"
for version in $versions; do
    for dir in $(ls -d "$pyenv_root"/versions/"$version".* 2>/dev/null | sort -V -r); do
        if accepted "$dir/bin/python$version"; then echo "$dir/bin/python$version"; exit 0; fi
    done
done
echo "error: no Python ${versions// /, } found ($needs): install one, e.g. 'pyenv install $example', or set $var=/path/to/python$example" >&2
exit 1
