#!/usr/bin/env bash
# make test's Odoo 17.0 part, after the 11.0 suite. Without ODOO17_SRC it
# says in one line that it was skipped, and why; with it, the whole 17.0
# suite (scripts/test17.sh), then the 17.0 browser tests
# (scripts/test-browser.sh --odoo17). Both run; either failing fails it.
source "$(dirname "$0")/common.sh"

if [ -z "${ODOO17_SRC:-}" ]; then
    say "Odoo 17.0 suite skipped: $(odoo17_src_problem)"
    exit 0
fi
require_odoo17_src
status=0
bash "$ROOT/scripts/test17.sh" || status=$?
bash "$ROOT/scripts/test-browser.sh" --odoo17 || status=$?
exit "$status"
