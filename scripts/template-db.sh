# The template database with zoom_calendar installed, shared by test.sh and
# bench.sh. Sourced after common.sh, not run.
TEMPLATE=zoom_test_template

# Builds $TEMPLATE unless it exists and was built from the same sources. The
# install is cached as a template database keyed on everything that can
# change it; the tests themselves never change it, so they are left out.
ensure_template() {
    local key key_file
    key="$(cd "$ROOT" && { cat requirements.txt scripts/common.sh scripts/template-db.sh scripts/test.sh; \
        find zoom_calendar lib -type f ! -path '*/tests/*' ! -name '*.pyc' ! -path '*/readme/*' -print0 \
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
        rm -f "$RUN/test-install.log"  # Odoo appends: check this install only
        odoo -d "$TEMPLATE" -i zoom_calendar --without-demo=all --stop-after-init \
            --logfile="$RUN/test-install.log" \
            || die "installing zoom_calendar failed: see $RUN/test-install.log"
        check_odoo_log "$RUN/test-install.log" "installing zoom_calendar" strict
        unstick_modules "$TEMPLATE"
        echo "$key" >"$key_file"
    fi
    flock -u 9
}
