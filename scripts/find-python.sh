#!/usr/bin/env bash
# Prints the path of a Python 3.7 interpreter: $PYTHON if set, else
# python3.7 on PATH, else pyenv's newest 3.7.x. Odoo 11 runs on nothing newer.
set -euo pipefail

is_py37() {
    [ "$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "3.7" ]
}

if [ -n "${PYTHON:-}" ]; then
    is_py37 "$PYTHON" || { echo "error: PYTHON=$PYTHON is not a working Python 3.7" >&2; exit 1; }
    echo "$PYTHON"; exit 0
fi
if command -v python3.7 >/dev/null 2>&1 && is_py37 python3.7; then
    command -v python3.7; exit 0
fi
pyenv_root="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")"
for dir in $(ls -d "$pyenv_root"/versions/3.7.* 2>/dev/null | sort -V -r); do
    if is_py37 "$dir/bin/python3.7"; then echo "$dir/bin/python3.7"; exit 0; fi
done
echo "error: no Python 3.7 found (Odoo 11 needs it): install one, e.g. 'pyenv install 3.7', or set PYTHON=/path/to/python3.7" >&2
exit 1
