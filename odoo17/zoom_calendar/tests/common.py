"""Shared set-up for the addon's tests on Odoo 17.0: a real fake-Zoom server
over HTTP, Zoom settings pointing at it, and users connected through the
real OAuth code path. What both addons share is in
lib/zoom_calendar_common/tests/common.py; here, what reads differently in
Odoo 17.0.

On 17.0, HttpCase serves its requests from the test's own transaction (the
registry's test mode): what a test wrote is what a request sees, and what a
request wrote is there for the test once the request answered. A request
the fake Zoom sends (a webhook) goes through the same server, so the test
flushes first (``checkpoint()``)."""
import socket
import threading
import time
from unittest.mock import patch

import odoo
from odoo.tests.common import HttpCase, TransactionCase, new_test_user, tagged

from zoom_calendar_common.tests import common
from zoom_calendar_common.tests.common import (  # noqa: F401 (the addon's tests import them from here)
    MONDAY, REDIRECT_URI, WEBHOOK_SECRET, configure_zoom, connect, dt, fake_zoom)

_http_lock = threading.Lock()


def _listening(port):
    probe = socket.socket()
    probe.settimeout(1)
    try:
        return probe.connect_ex(("127.0.0.1", port)) == 0
    finally:
        probe.close()


def ensure_http_server():
    """Odoo's HTTP server on the configured port, for the tests that need
    one outside HttpCase's own. Odoo's test runner (odoo-bin --test-enable)
    and pytest-odoo's --odoo-http start it; plain pytest-odoo does not, and
    then it is started here, once."""
    port = odoo.tools.config["http_port"]
    with _http_lock:
        running = odoo.service.server.server
        if not (running and getattr(running, "httpd", None)) and not _listening(port):
            odoo.service.server.load_server_wide_modules()
            if running is None:
                running = odoo.service.server.server = odoo.service.server.ThreadedServer(odoo.http.root)
            running.http_spawn()
            deadline = time.time() + 15
            while not _listening(port) and time.time() < deadline:
                time.sleep(0.05)
    return "http://127.0.0.1:%s" % port


def working_time(env, hour_from=9.0, hour_to=17.0, weekdays=range(5), name="Test hours"):
    """A resource.calendar open from ``hour_from`` to ``hour_to`` on each of
    ``weekdays`` (0 = Monday), and at no other time: 17.0 fills a new
    calendar's hours from its company's."""
    return common.working_time(env, hour_from, hour_to, weekdays, name, clear_first=True)


def make_user(env, login, name, groups="base.group_user", **values):
    """An internal user (by default) whose password is its login."""
    values.setdefault("email", "%s@example.com" % login)
    values.setdefault("tz", "UTC")
    return new_test_user(env, login="test_" + login, groups=groups, name=name, password="test_" + login,
                         context={"no_reset_password": True, "mail_create_nosubscribe": True}, **values)


class ZoomSetupMixin(common.ZoomSetupMixin):

    @classmethod
    def setUpClass(cls):
        super(ZoomSetupMixin, cls).setUpClass()
        # 17.0 hashes each password with 600000 pbkdf2 rounds (over a
        # second here, three users a test); no test is about the hash's
        # cost. The same process serves HttpCase's requests: logins work.
        cls.startClassPatcher(patch("odoo.addons.base.models.res_users.MIN_ROUNDS", 1))
        cls.registry.clear_cache()  # the ormcached CryptContext
        cls.addClassCleanup(cls.registry.clear_cache)

    def _make_user(self, login, name):
        return make_user(self.env, login, name)

    def make_portal_user(self):
        return make_user(self.env, "portal", "Paula Portal", groups="base.group_portal",
                         email="paula@example.org")


@tagged("post_install", "-at_install")
class ZoomCase(ZoomSetupMixin, TransactionCase):
    """Post-install, as every test of the addon: Odoo's runner on an
    installed database (`--test-tags /zoom_calendar` without -u) runs the
    post-install tests only."""


@tagged("post_install", "-at_install")
class ZoomHttpCase(ZoomSetupMixin, HttpCase):
    """Over real HTTP to Odoo's test server (``self.base_url()``,
    ``self.url_open``, ``self.opener``, ``self.xmlrpc_object``), which
    shares the test's transaction."""

    def setUp(self):
        super(ZoomHttpCase, self).setUp()
        ensure_http_server()

    def checkpoint(self):
        """Before a request that does not go through self.opener (the fake
        Zoom's webhooks, a client of one's own): what the test wrote goes to
        the database, where the request's cursor sees it."""
        self.env.flush_all()

    def refresh(self):
        """After such a request: read again what it wrote."""
        self.env.invalidate_all()


class CommittedZoomMixin(common.CommittedZoomMixin):

    def _committed_user(self, env, index):
        return new_test_user(
            env, login="%s_%d" % (self.tag, index), groups="base.group_user", name="Member %d" % index,
            password=self.tag, email="%s_%d@example.com" % (self.tag, index), tz="UTC",
            context={"no_reset_password": True})

    def _committed_hours(self, env):
        """Open day and night, every day: any test time has its slots."""
        hours = working_time(env, 0.0, 24.0, range(7), name="Committed %s" % self.tag)
        self.committed["hours"] = hours.id
        return {"resource_calendar_id": hours.id}

    def _remove_committed_group(self, cr, data):
        """With its public bookings and its working hours."""
        cr.execute("DELETE FROM calendar_public_booking WHERE group_id = %s", (data["group"],))
        cr.execute("DELETE FROM calendar_group WHERE id = %s", (data["group"],))
        cr.execute("DELETE FROM resource_calendar WHERE id = %s", (data["hours"],))
