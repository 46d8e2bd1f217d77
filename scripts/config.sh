#!/usr/bin/env bash
# Writes run/odoo.conf. Secrets (the master password, the key that encrypts
# Zoom tokens at rest) are generated once into run/secrets and kept, so
# existing databases stay readable across re-runs.
source "$(dirname "$0")/common.sh"

load_secrets
odoo_addons="$("$VENV/bin/python" -c 'import os, odoo.addons; print(os.path.dirname(odoo.addons.__file__))')"

(umask 077 && cat >"$ODOO_CONF" <<CONF
[options]
addons_path = $odoo_addons,$ROOT
data_dir = $RUN/data
db_host = $PGSOCK
db_port = False
db_user = $DB_USER
db_password = False
list_db = False
admin_passwd = $ADMIN_PASSWD
logfile = $ODOO_LOG
log_level = info
http_interface = 127.0.0.1
http_port = $PORT
longpolling_port = 0
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
