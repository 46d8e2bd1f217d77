#!/usr/bin/env bash
# The project's private PostgreSQL cluster: run/pg, unix socket only.
#   pg.sh start | stop | status | remove
source "$(dirname "$0")/common.sh"

bindir="$(pg_bindir)"
[ -n "$bindir" ] || die "PostgreSQL server binaries (initdb, pg_ctl) not found: install them (Debian: apt-get install postgresql)"

# As root, the cluster runs as the postgres user (PostgreSQL refuses root),
# which may not be able to enter the checkout: a clone in /root, or in a
# folder made by `mktemp -d` (mode 700). Then its files live in a folder of
# its own outside, /var/tmp/zoom_calendar-pg-<hash of the checkout's path>
# (owned by postgres, mode 700: only postgres and root enter it, socket
# included), and run/pg is a link to it. The user's folders keep their
# permissions; `make clean` removes that folder too (pg.sh remove).
outside_home="/var/tmp/zoom_calendar-pg-$(printf '%s' "$ROOT" | sha256sum | cut -c1-16)"
if [ -L "$PGDATA" ]; then
    home="$(readlink "$PGDATA")"
elif [ "$(id -u)" = 0 ] && [ ! -d "$PGDATA" ] && ! runuser -u postgres -- test -x "$ROOT"; then
    home="$outside_home"
else
    home="$PGDATA"
fi
# Commands run as postgres name the folder by its own path, never through
# the link, which postgres may not be able to follow.
pg_ctl() { as_pg_owner "$bindir/pg_ctl" -D "$home" "$@"; }

# A server killed but not yet reaped by its parent lingers as a zombie, which
# pg_ctl takes for a running server: it is not.
running() {
    local pid
    pid="$(head -n 1 "$home/postmaster.pid" 2>/dev/null)" || return 1
    [ -n "$pid" ] && [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ] \
        && pg_ctl status >/dev/null 2>&1
}

init_cluster() {
    say "creating the PostgreSQL cluster in $home"
    mkdir -p "$RUN"
    # Never into a folder that someone else made (/var/tmp is everyone's).
    [ ! -e "$home" ] && [ ! -L "$home" ] || die "$home exists but holds no cluster: remove it, then retry"
    rm -rf "$home.tmp"
    # Mode 700 from the start: the socket will be in there too.
    (umask 077 && mkdir "$home.tmp")
    [ "$(id -u)" = 0 ] && chown postgres: "$home.tmp"
    # Built aside and moved in place, so an interrupted initdb leaves no
    # half-made cluster behind.
    as_pg_owner "$bindir/initdb" -D "$home.tmp" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$RUN/initdb.log" 2>&1 \
        || die "initdb failed: see $RUN/initdb.log"
    cat >>"$home.tmp/postgresql.conf" <<CONF
# zoom_calendar: private cluster, reachable only through its own socket
listen_addresses = ''
unix_socket_directories = '$home'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF
    mv "$home.tmp" "$home"
    if [ "$home" != "$PGDATA" ]; then ln -sfn "$home" "$PGDATA"; fi
}

start() {
    [ -f "$home/PG_VERSION" ] || init_cluster
    if [ "$home" != "$PGDATA" ] && [ "$(stat -c %U:%a "$home")" != postgres:700 ]; then
        die "$home must belong to postgres with mode 700 (it holds the cluster and its socket)"
    fi
    running && return 0
    # A crash leaves postmaster.pid behind; the server is not running (checked
    # just above), so the file is stale and safe to remove.
    if [ -f "$home/postmaster.pid" ]; then
        say "removing a stale postmaster.pid left by an earlier crash"
        rm -f "$home/postmaster.pid" "$home"/.s.PGSQL.*.lock
    fi
    pg_ctl -w -t 60 -l "$home/server.log" start >/dev/null \
        || die "PostgreSQL did not start: see $home/server.log"
    as_pg_owner psql -X -q -h "$home" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'" | grep -q 1 \
        || as_pg_owner psql -X -q -h "$home" -U postgres -d postgres \
            -c "CREATE ROLE $DB_USER LOGIN CREATEDB"
}

stop() {
    [ -f "$home/PG_VERSION" ] || return 0
    running && pg_ctl -w -m fast stop >/dev/null
    return 0
}

# For `make clean`: the cluster's folder outside the checkout, if it has one.
remove() {
    stop
    if [ -L "$PGDATA" ]; then
        rm -rf "$home"
        rm -f "$PGDATA"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    remove) remove ;;
    status) running && echo "PostgreSQL running on socket $PGSOCK" || echo "PostgreSQL not running" ;;
    *) die "usage: $0 start|stop|status|remove" ;;
esac
