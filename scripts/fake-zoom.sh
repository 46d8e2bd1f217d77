#!/usr/bin/env bash
# Serves the fake Zoom server in the foreground on 127.0.0.1:$ZOOM_PORT, its
# state kept in run/fake_zoom.json across restarts. Ctrl-C stops it.
# The OAuth app it knows is ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET, and it signs
# webhooks with ZOOM_WEBHOOK_SECRET (defaults in common.sh).
source "$(dirname "$0")/common.sh"

require_free_port "$ZOOM_PORT" "fake Zoom" ZOOM_PORT
mkdir -p "$RUN"
say "fake Zoom on http://127.0.0.1:$ZOOM_PORT (state: run/fake_zoom.json; control API: /_fake/, see fake_zoom/README.md)"
cd "$ROOT"
# The pid file lets `make stop` find it; exec keeps the pid the same.
echo $$ >"$RUN/fake_zoom.pid"
exec "$VENV/bin/python" -m fake_zoom --host 127.0.0.1 --port "$ZOOM_PORT" \
    --state-file "$RUN/fake_zoom.json"
