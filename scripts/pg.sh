#!/usr/bin/env bash
# The project's private PostgreSQL cluster: run/pg, unix socket only.
#   pg.sh start | stop | status
source "$(dirname "$0")/common.sh"

bindir="$(pg_bindir)"
[ -n "$bindir" ] || die "PostgreSQL server binaries (initdb, pg_ctl) not found: install them (Debian: apt-get install postgresql)"
pg_ctl() { as_pg_owner "$bindir/pg_ctl" -D "$PGDATA" "$@"; }

# A server killed but not yet reaped by its parent lingers as a zombie, which
# pg_ctl takes for a running server: it is not.
running() {
    local pid
    pid="$(head -n 1 "$PGDATA/postmaster.pid" 2>/dev/null)" || return 1
    [ -n "$pid" ] && [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ] \
        && pg_ctl status >/dev/null 2>&1
}

init_cluster() {
    say "creating the PostgreSQL cluster in $PGDATA"
    mkdir -p "$RUN"
    rm -rf "$PGDATA.tmp"
    mkdir -p "$PGDATA.tmp"
    [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA.tmp"
    # Built aside and moved in place, so an interrupted initdb leaves no
    # half-made cluster behind.
    as_pg_owner "$bindir/initdb" -D "$PGDATA.tmp" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$RUN/initdb.log" 2>&1 \
        || die "initdb failed: see $RUN/initdb.log"
    cat >>"$PGDATA.tmp/postgresql.conf" <<CONF
# zoom_calendar: private cluster, reachable only through its own socket
listen_addresses = ''
unix_socket_directories = '$PGSOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF
    mv "$PGDATA.tmp" "$PGDATA"
}

start() {
    [ -f "$PGDATA/PG_VERSION" ] || init_cluster
    running && return 0
    # A crash leaves postmaster.pid behind; the server is not running (checked
    # just above), so the file is stale and safe to remove.
    if [ -f "$PGDATA/postmaster.pid" ]; then
        say "removing a stale postmaster.pid left by an earlier crash"
        rm -f "$PGDATA/postmaster.pid" "$PGSOCK"/.s.PGSQL.*.lock
    fi
    pg_ctl -w -t 60 -l "$PGDATA/server.log" start >/dev/null \
        || die "PostgreSQL did not start: see $PGDATA/server.log"
    as_pg_owner psql -X -q -h "$PGSOCK" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'" | grep -q 1 \
        || as_pg_owner psql -X -q -h "$PGSOCK" -U postgres -d postgres \
            -c "CREATE ROLE $DB_USER LOGIN CREATEDB"
}

stop() {
    [ -f "$PGDATA/PG_VERSION" ] || return 0
    running && pg_ctl -w -m fast stop >/dev/null
    return 0
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) running && echo "PostgreSQL running on socket $PGSOCK" || echo "PostgreSQL not running" ;;
    *) die "usage: $0 start|stop|status" ;;
esac
