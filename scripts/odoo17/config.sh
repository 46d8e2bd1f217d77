#!/usr/bin/env bash
# Writes run/odoo17.conf for the Odoo 17.0 tree in ODOO17_SRC: its addons and
# this checkout's odoo17/, the project's PostgreSQL cluster (scripts/pg.sh),
# and the same secrets as run/odoo.conf (run/secrets: one zoom_token_key).
source "$(dirname "$0")/common.sh"
require_odoo17_src

load_secrets
# Which tree, and which release of it: part of the 17.0 template's key.
{ echo "$ODOO17_SRC"; cat "$ODOO17_SRC/odoo/release.py" "$ODOO17_SRC/requirements.txt"; } >"$RUN/odoo17-src.txt"
(umask 077 && cat >"$ODOO17_CONF" <<CONF
[options]
addons_path = $(odoo17_addons_path),$ODOO17_DIR
data_dir = $ODOO17_DATA
db_host = $PGSOCK
db_port = False
db_user = $DB_USER
db_password = False
list_db = False
admin_passwd = $ADMIN_PASSWD
logfile = $ODOO17_LOG
log_level = info
http_interface = 127.0.0.1
http_port = $PORT17
workers = 0
without_demo = False
; Fernet key for the Zoom tokens stored in the database: it never enters
; the database itself, so a dump alone reveals no token.
zoom_token_key = $ZOOM_TOKEN_KEY
; Zoom base URLs other than https://*.zoom.us and *.zoom.com that may receive
; the client secret and tokens: the fake Zoom server of the demo and the tests
; (on a random port in the tests). A production server leaves this out.
zoom_allowed_base_urls = http://127.0.0.1:*
CONF
)
