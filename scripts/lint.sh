#!/usr/bin/env bash
# make lint: flake8 (max line length 120, complexity 16) on the repository's
# Python, then pylint-odoo's Odoo checks on the addons: 11.0's on
# zoom_calendar/, 17.0's on odoo17/zoom_calendar/ (valid_odoo_versions). Settings:
# .flake8 and .pylintrc. Both run; either failing fails it. The tools live in
# .venv-lint/, pinned in requirements-lint.txt (pylint-odoo's dependencies
# clash with Odoo's pins), made the first time (about a minute).
source "$(dirname "$0")/common.sh"

LINT_VENV="$ROOT/.venv-lint"
python="$("$ROOT/scripts/find-python.sh")"
want="$(sha256sum "$ROOT/requirements-lint.txt" | cut -d' ' -f1) $("$python" -V 2>&1)"
stamp="$LINT_VENV/.installed-from"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    rm -rf "$LINT_VENV"
    say "creating $LINT_VENV with the lint tools (first time: about a minute)"
    "$python" -m venv "$LINT_VENV"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$LINT_VENV/bin/pip" install --quiet -r "$ROOT/requirements-lint.txt"
    echo "$want" >"$stamp"
fi

cd "$ROOT"
status=0
say "flake8"
"$LINT_VENV/bin/flake8" zoom_calendar odoo17 lib fake_zoom tests scripts bench conftest.py setup.py || status=$?
say "pylint-odoo (Odoo 11.0 checks)"
"$LINT_VENV/bin/pylint" --rcfile="$ROOT/.pylintrc" zoom_calendar || status=$?
if [ -f odoo17/zoom_calendar/__manifest__.py ]; then
    say "pylint-odoo (Odoo 17.0 checks)"
    "$LINT_VENV/bin/pylint" --rcfile="$ROOT/.pylintrc" --valid_odoo_versions=17.0 odoo17/zoom_calendar || status=$?
fi
[ "$status" = 0 ] && say "lint: clean"
exit "$status"
