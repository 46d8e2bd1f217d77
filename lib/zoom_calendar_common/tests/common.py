"""Shared set-up for both addons' tests: a real fake-Zoom server over HTTP,
Zoom settings pointing at it, and users connected through the real OAuth
code path.

Each addon's tests/common.py builds its test cases on these mixins, with
what differs in its Odoo (each mixin says what it needs), and the addon's
tests import all of it from there."""
import atexit
import html
import time
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse

import odoo
import odoo.tests.common
from odoo import api, fields

from fake_zoom.testing import start_fake_zoom

from zoom_calendar_common.services import secret_box
from zoom_scheduling.zoom_api import make_pkce_pair

WEBHOOK_SECRET = "test-webhook-secret"
REDIRECT_URI = "http://odoo.test/zoom/oauth/callback"
# A Monday far from any demo data, in UTC (the test users' timezone).
MONDAY = datetime(2031, 3, 3, 9, 0)

_fake_zoom = None


def fake_zoom():
    """One fake Zoom server (a subprocess) for the whole test session."""
    global _fake_zoom
    if _fake_zoom is None:
        _fake_zoom = start_fake_zoom(env={"ZOOM_WEBHOOK_SECRET": WEBHOOK_SECRET})
        atexit.register(_fake_zoom.stop)
    return _fake_zoom


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
    # As ``user``: 11.0's sudo(user) and 17.0's with_user(user) are both this.
    return env(user=user.id)["zoom.account"]._connect_with_code(code, REDIRECT_URI, verifier)


def dt(value):
    """A datetime as the ORM and XML-RPC both take it."""
    return fields.Datetime.to_string(value)


def working_time(env, hour_from=9.0, hour_to=17.0, weekdays=range(5), name="Test hours", clear_first=False):
    """A resource.calendar open from ``hour_from`` to ``hour_to`` on each of
    ``weekdays`` (0 = Monday); ``clear_first``: without whatever hours the
    new calendar would start with."""
    return env["resource.calendar"].create({
        "name": name,
        "attendance_ids": ([(5, 0, 0)] if clear_first else []) + [
            (0, 0, {"name": name, "dayofweek": str(day), "hour_from": hour_from, "hour_to": hour_to})
            for day in weekdays],
    })


class ZoomSetupMixin(object):
    """Settings, users and a group calendar; mixed into a TransactionCase.
    The addon's class makes the users: ``_make_user(login, name)``, an
    internal user whose password is ``test_`` + its login."""

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


class CommittedZoomMixin(object):
    """For tests of real transactions (other threads, other Odoo processes),
    which only see committed data: users connected to Zoom and a public
    round-robin calendar, committed, then removed after the test.

    The addon's class provides ``_committed_user(env, index)`` (one of the
    internal users, whose password is the test's tag), ``_committed_hours(env)``
    (the calendar's values that keep it open day and night, every day) and
    ``_remove_committed_group(cr, data)`` (the calendar, with what its Odoo
    made for it)."""

    def setup_committed(self, members=3):
        self.fake = fake_zoom()
        self.fake.control.reset()
        self.tag = "tx%d" % (time.time() * 1000)
        registry = odoo.registry(odoo.tests.common.get_db_name())
        self.committed_registry = registry
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            configure_zoom(env, self.fake)
            users = env["res.users"]
            for index in range(members + 1):
                users |= self._committed_user(env, index)
            booker, hosts = users[0], users[1:]
            for member in hosts:
                connect(env, self.fake, member)
            self.committed = {"users": users.ids, "booker": booker.id, "hosts": hosts.ids, "partners": []}
            # _committed_hours may note in self.committed what it made.
            group = env["calendar.group"].create(dict(self._committed_hours(env), **{
                "name": "Committed %s" % self.tag, "member_ids": [(6, 0, hosts.ids)], "duration": 0.5,
                "tz": "UTC", "booking_public": True,
                # Many visitors from one test address, sending forms at once:
                # the booking page's limits (test_public_page_security) off.
                "booking_limit_per_address": 0, "booking_min_fill_seconds": 0}))
            self.committed["group"] = group.id
        self.addCleanup(self._remove_committed)
        return self.committed

    def committed_env(self, cr, uid=odoo.SUPERUSER_ID):  # pylint: disable=old-api7-method-defined (not a model's)
        return api.Environment(cr, uid, {})

    def committed_partners(self, count):
        with self.committed_registry.cursor() as cr:
            partners = self.committed_env(cr)["res.partner"]
            for index in range(count):
                partners |= partners.create({"name": "Guest %d %s" % (index, self.tag),
                                             "email": "guest%d.%s@example.org" % (index, self.tag)})
            self.committed["partners"] += partners.ids
            return partners.ids

    def _remove_committed(self):
        data = self.committed
        with self.committed_registry.cursor() as cr:
            cr.execute("SELECT id FROM calendar_event WHERE group_calendar_id = %s OR user_id IN %s",
                       (data["group"], tuple(data["users"])))
            events = tuple(row[0] for row in cr.fetchall()) or (0,)
            cr.execute("DELETE FROM mail_mail WHERE mail_message_id IN (SELECT id FROM mail_message "
                       "WHERE model = 'calendar.event' AND res_id IN %s)", (events,))
            cr.execute("DELETE FROM calendar_event WHERE id IN %s", (events,))
            cr.execute("DELETE FROM zoom_meeting WHERE host_user_id IN %s", (tuple(data["users"]),))
            self._remove_committed_group(cr, data)
            cr.execute("DELETE FROM zoom_account WHERE user_id IN %s", (tuple(data["users"]),))
            cr.execute("UPDATE res_users SET active = false WHERE id IN %s", (tuple(data["users"]),))
            if data["partners"]:
                cr.execute("UPDATE res_partner SET active = false WHERE id IN %s", (tuple(data["partners"]),))
