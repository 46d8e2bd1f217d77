"""Shared set-up for the addon's tests: a real fake-Zoom server over HTTP,
Zoom settings pointing at it, and users connected through the real OAuth
code path. What both addons share is in
lib/zoom_calendar_common/tests/common.py; here, what reads differently in
Odoo 11.0: its users, its HTTP test server and test cursor, and its
calendars' working hours (fields of the calendar itself)."""
import threading

import odoo
import odoo.tests.common
from odoo import api
from odoo.tests.common import HttpCase, TransactionCase

from zoom_calendar_common.tests import common
from zoom_calendar_common.tests.common import (  # noqa: F401 (the addon's tests import them from here)
    MONDAY, REDIRECT_URI, WEBHOOK_SECRET, configure_zoom, connect, dt, fake_zoom, working_time)

_http_lock = threading.Lock()
_http_started = False


def ensure_http_server():
    """Odoo's HTTP server, started once, on the port of the test config.
    pytest-odoo starts the server object without its HTTP thread."""
    global _http_started
    with _http_lock:
        if not _http_started:
            odoo.service.server.server.http_spawn()
            _http_started = True
    # odoo.tests.common read the port before pytest-odoo parsed the config.
    odoo.tests.common.PORT = odoo.tools.config["http_port"]
    return "http://127.0.0.1:%s" % odoo.tools.config["http_port"]


class ZoomSetupMixin(common.ZoomSetupMixin):

    def _make_user(self, login, name):
        return self.env["res.users"].with_context(no_reset_password=True).create({
            "name": name,
            "login": "test_" + login,
            "password": "test_" + login,
            "email": "%s@example.com" % login,
            "tz": "UTC",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
        })


class ZoomCase(ZoomSetupMixin, TransactionCase):
    pass


class SharedCursorHttpCase(HttpCase):
    """Odoo 11's HttpCase serves requests from a test cursor of their own,
    which cannot see what the test itself wrote. Here the test writes
    through that same cursor (without taking its lock: requests are
    synchronous, so the two never run at once)."""

    def setUp(self):
        super(SharedCursorHttpCase, self).setUp()
        own_cursor = self.cr
        self.cr = self.registry.test_cr
        self.env = api.Environment(self.cr, odoo.SUPERUSER_ID, {})

        def restore():
            self.env.reset()
            self.cr = own_cursor
        self.addCleanup(restore)

    def checkpoint(self):
        """A request that fails rolls back to the last 'commit' of the test
        cursor: keep what the test wrote so far out of its reach."""
        self.cr.commit()  # pylint: disable=invalid-commit (the test cursor: a savepoint, not a commit)


class ZoomHttpCase(ZoomSetupMixin, SharedCursorHttpCase):
    def setUp(self):
        super(ZoomHttpCase, self).setUp()
        self.base_url = ensure_http_server()
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", self.base_url)
        self.checkpoint()


class CommittedZoomMixin(common.CommittedZoomMixin):

    def _committed_user(self, env, index):
        return env["res.users"].with_context(no_reset_password=True).create({
            "name": "Member %d" % index, "login": "%s_%d" % (self.tag, index),
            "password": self.tag, "email": "%s_%d@example.com" % (self.tag, index), "tz": "UTC",
            "groups_id": [(6, 0, [env.ref("base.group_user").id])]})

    def _committed_hours(self, env):
        """Open day and night, every day: any test time has its slots."""
        return {"work_start": 0.0, "work_end": 24.0, "work_days": "1,2,3,4,5,6,7"}

    def _remove_committed_group(self, cr, data):
        cr.execute("DELETE FROM calendar_group WHERE id = %s", (data["group"],))
