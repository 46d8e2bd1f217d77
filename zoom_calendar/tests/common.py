"""Shared set-up for the addon's tests: a real fake-Zoom server over HTTP,
Zoom settings pointing at it, and users connected through the real OAuth
code path."""
import atexit
import html
import threading
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse

import odoo
import odoo.tests.common
from odoo import api, fields
from odoo.tests.common import HttpCase, TransactionCase

from fake_zoom.testing import start_fake_zoom

from ..services import secret_box
from ..zoom_api import make_pkce_pair

WEBHOOK_SECRET = "test-webhook-secret"
REDIRECT_URI = "http://odoo.test/zoom/oauth/callback"
# A Monday far from any demo data, in UTC (the test users' timezone).
MONDAY = datetime(2031, 3, 3, 9, 0)

_fake_zoom = None
_http_lock = threading.Lock()
_http_started = False


def fake_zoom():
    """One fake Zoom server (a subprocess) for the whole test session."""
    global _fake_zoom
    if _fake_zoom is None:
        _fake_zoom = start_fake_zoom(env={"ZOOM_WEBHOOK_SECRET": WEBHOOK_SECRET})
        atexit.register(_fake_zoom.stop)
    return _fake_zoom


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


def configure_zoom(env, fake):
    """Points the addon's settings at the fake Zoom server."""
    params = env["ir.config_parameter"].sudo()
    params.set_param("zoom_calendar.client_id", "demo-client-id")
    params.set_param("zoom_calendar.client_secret_enc", secret_box.encrypt("demo-client-secret"))
    params.set_param("zoom_calendar.webhook_secret_enc", secret_box.encrypt(WEBHOOK_SECRET))
    params.set_param("zoom_calendar.oauth_base_url", fake.url)
    params.set_param("zoom_calendar.api_base_url", fake.url + "/v2")


def connect(env, fake, user, zoom_email=None, user_type=None):
    """Connects ``user`` through the real OAuth code path: Zoom's consent
    page approved as that Zoom user (of ``user_type``: 1 Basic, 2 Licensed,
    the page's default), then the callback's code exchange."""
    verifier, challenge = make_pkce_pair()
    url = env["zoom.account"]._zoom_oauth().authorize_url(REDIRECT_URI, "test-state", challenge)
    location = fake.control.approve_consent(url, zoom_email or user.email, user_type=user_type)
    code = parse_qs(urlparse(location).query)["code"][0]
    return env["zoom.account"].sudo(user)._connect_with_code(code, REDIRECT_URI, verifier)


def dt(value):
    return fields.Datetime.to_string(value)


def working_time(env, hour_from=9.0, hour_to=17.0, weekdays=range(5), name="Test hours"):
    """A resource.calendar open from ``hour_from`` to ``hour_to`` on each of
    ``weekdays`` (0 = Monday)."""
    return env["resource.calendar"].create({
        "name": name,
        "attendance_ids": [(0, 0, {"name": name, "dayofweek": str(day), "hour_from": hour_from,
                                   "hour_to": hour_to}) for day in weekdays],
    })


class ZoomSetupMixin(object):
    """Settings, users and a group calendar; mixed into a TransactionCase."""

    def setUp(self):
        super(ZoomSetupMixin, self).setUp()
        self.fake = fake_zoom()
        self.fake.control.reset()
        self.zoom_meetings = self.fake.control.meetings
        configure_zoom(self.env, self.fake)
        self.alice = self._make_user("alice", "Alice Archer")
        self.bob = self._make_user("bob", "Bob Baker")
        self.carol = self._make_user("carol", "Carol Cole")
        self.erin = self.env["res.partner"].create({"name": "Erin External", "email": "erin@example.org"})
        self.frank = self.env["res.partner"].create({"name": "Frank Foreign", "email": "frank@example.org"})
        self.round_robin = self.env["calendar.group"].create({
            "name": "Sales Round Robin",
            "scheduling_mode": "round_robin",
            "member_ids": [(6, 0, (self.alice | self.bob | self.carol).ids)],
            "duration": 0.5,
        })
        self.collective = self.env["calendar.group"].create({
            "name": "Team Collective",
            "scheduling_mode": "collective",
            "member_ids": [(6, 0, (self.alice | self.bob | self.carol).ids)],
            "primary_user_id": self.alice.id,
            "duration": 1.0,
        })

    def _make_user(self, login, name):
        return self.env["res.users"].with_context(no_reset_password=True).create({
            "name": name,
            "login": "test_" + login,
            "password": "test_" + login,
            "email": "%s@example.com" % login,
            "tz": "UTC",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
        })

    def connect(self, user, zoom_email=None, user_type=None):
        return connect(self.env, self.fake, user, zoom_email, user_type)

    def book(self, group, start=MONDAY, hours=None, partners=(), host=None, name="Demo call", user=None):
        hours = group.duration if hours is None else hours
        values = {
            "name": name,
            "group_calendar_id": group.id,
            "start": dt(start),
            "stop": dt(start + timedelta(hours=hours)),
            "duration": hours,
            "partner_ids": [(6, 0, [partner.id for partner in partners])],
        }
        if host:
            values["user_id"] = host.id
        env = self.env if user is None else self.env(user=user.id)
        return env["calendar.event"].create(values)

    def busy(self, user, start=MONDAY, hours=1.0, name="Busy"):
        """A plain event that makes ``user`` busy."""
        return self.env["calendar.event"].create({
            "name": name,
            "start": dt(start),
            "stop": dt(start + timedelta(hours=hours)),
            "duration": hours,
            "user_id": user.id,
            "partner_ids": [(6, 0, user.partner_id.ids)],
        })

    def zoom_meeting(self, event):
        """What the fake Zoom server holds for ``event``'s meeting."""
        zoom_id = event.zoom_meeting_id.zoom_meeting_id
        matches = [m for m in self.zoom_meetings() if str(m["id"]) == zoom_id]
        self.assertEqual(len(matches), 1, "exactly one Zoom meeting %s at the fake server" % zoom_id)
        return matches[0]

    def mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    def mail_text(self, mails):
        """The mails' bodies with HTML entities decoded, as a reader sees them."""
        return html.unescape(" ".join(mails.mapped("body_html")))


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
        self.cr.commit()


class ZoomHttpCase(ZoomSetupMixin, SharedCursorHttpCase):
    def setUp(self):
        super(ZoomHttpCase, self).setUp()
        self.base_url = ensure_http_server()
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", self.base_url)
        self.checkpoint()
