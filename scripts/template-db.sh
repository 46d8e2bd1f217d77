# The template database with zoom_calendar installed, shared by test.sh and
# bench.sh (and their 17.0 counterparts, which source scripts/odoo17/common.sh
# first and set TEMPLATE, TEMPLATE_ADDON and TEMPLATE_KEY_FILES before this).
# Sourced after common.sh, not run.
TEMPLATE="${TEMPLATE:-zoom_test_template}"
TEMPLATE_ADDON="${TEMPLATE_ADDON:-zoom_calendar}"   # the addon's folder in the checkout
TEMPLATE_KEY_FILES="${TEMPLATE_KEY_FILES:-requirements.txt scripts/common.sh scripts/template-db.sh scripts/test.sh}"
TEMPLATE_LOG="${TEMPLATE_LOG:-$RUN/test-install.log}"

# Builds $TEMPLATE unless it exists and was built from the same sources. The
# install is cached as a template database keyed on everything that can
# change it; the tests themselves never change it, so they are left out.
ensure_template() {
    local key key_file
    # shellcheck disable=SC2086
    key="$(cd "$ROOT" && { cat $TEMPLATE_KEY_FILES; \
        find "$TEMPLATE_ADDON" lib -type f ! -path '*/tests/*' ! -name '*.pyc' ! -path '*/readme/*' -print0 \
        | sort -z | xargs -0 sha256sum; } | sha256sum | cut -d' ' -f1)"
    key_file="$RUN/$TEMPLATE.key"
    # One build at a time: a `make bench` and a `make test` started together
    # would otherwise drop each other's half-built template.
    exec 9>"$RUN/$TEMPLATE.lock"
    flock 9
    if ! db_exists "$TEMPLATE" || [ "$(cat "$key_file" 2>/dev/null)" != "$key" ]; then
        say "installing zoom_calendar into a new template database (about 30 s)"
        rm -f "$key_file"
        psql_run -c "DROP DATABASE IF EXISTS $TEMPLATE"
        psql_run -c "CREATE DATABASE $TEMPLATE OWNER $DB_USER"
        rm -f "$TEMPLATE_LOG"  # Odoo appends: check this install only
        odoo -d "$TEMPLATE" -i zoom_calendar --without-demo=all --stop-after-init \
            --logfile="$TEMPLATE_LOG" \
            || die "installing zoom_calendar failed: see $TEMPLATE_LOG"
        check_odoo_log "$TEMPLATE_LOG" "installing zoom_calendar" strict
        unstick_modules "$TEMPLATE"
        echo "$key" >"$key_file"
    fi
    flock -u 9
}
