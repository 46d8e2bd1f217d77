"""Malformed input, case by case: each gets a clear message (a UserError or
ValidationError in the UI, a 4xx with a reason over HTTP), never a
traceback or a 500, and nothing already saved is lost or changed.

Each addon's test classes inherit these, beside its ZoomCase or
ZoomHttpCase, and provide what reads differently in its Odoo:
``error_text(exception)`` (a UserError's message), ``invalidate(records)``
(forget their cached values), ``RRULE_MONDAY`` (the recurrence's Monday
field), ``BAD_RECORD_ERROR`` (what refuses a bad record: UserError or
ValidationError, which on 17.0 is a UserError; its assertRaises takes no
tuple) and ``http(path, data=None, **kwargs)`` (a request to the test
server over the test's session: a GET, or a POST of ``data``)."""
import json
import re
import time
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse

from odoo.addons.zoom_calendar.tests.common import MONDAY, WEBHOOK_SECRET, dt
from odoo.exceptions import AccessError, UserError, ValidationError

from zoom_scheduling import booking_slots
from zoom_scheduling.zoom_api import webhooks

CREATE = "/v2/users/*/meetings"


class BadSettingsAndBookingsTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.connect(self.bob)

    def test_bad_settings_are_refused_and_change_nothing(self):
        params = self.env["ir.config_parameter"].sudo()
        saved = {key: params.get_param(key) for key in (
            "zoom_calendar.client_id", "zoom_calendar.oauth_base_url", "zoom_calendar.api_base_url",
            "zoom_calendar.client_secret_enc")}
        cases = [
            {"zoom_oauth_base_url": "ftp://zoom.us"},
            {"zoom_oauth_base_url": "not a url"},
            {"zoom_oauth_base_url": "http://"},
            {"zoom_oauth_base_url": "https://zoom .us"},
            {"zoom_oauth_base_url": "https://zoom.us/?next=1"},
            {"zoom_oauth_base_url": "javascript:alert(1)"},
            {"zoom_api_base_url": "api.zoom.us/v2"},
            {"zoom_api_base_url": "https://api.zoom.us/v2#top"},
            {"zoom_client_id": "has a space"},
        ]
        for values in cases:
            with self.subTest(values=values):
                settings = self.env["res.config.settings"].create(dict({
                    "zoom_client_id": "demo-client-id",
                    "zoom_oauth_base_url": self.fake.url,
                    "zoom_api_base_url": self.fake.url + "/v2"}, **values))
                with self.assertRaises(UserError) as caught, self.cr.savepoint():
                    settings.execute()
                self.assertNotIn("Traceback", self.error_text(caught.exception))
                self.assertEqual({key: params.get_param(key) for key in saved}, saved)

    def test_client_id_without_any_secret_is_refused(self):
        self.env["ir.config_parameter"].sudo().set_param("zoom_calendar.client_secret_enc", "")
        settings = self.env["res.config.settings"].create({"zoom_client_id": "new-client"})
        with self.assertRaises(UserError) as caught, self.cr.savepoint():
            settings.execute()
        self.assertIn("client secret", self.error_text(caught.exception))

    def test_secrets_are_write_only(self):
        settings = self.env["res.config.settings"].create({
            "zoom_client_id": "demo-client-id", "zoom_client_secret": "brand-new-secret",
            "zoom_webhook_secret": "brand-new-hook", "zoom_oauth_base_url": self.fake.url,
            "zoom_api_base_url": self.fake.url + "/v2"})
        settings.execute()
        values = self.env["res.config.settings"].default_get(list(self.env["res.config.settings"]._fields))
        self.assertFalse(values.get("zoom_client_secret"))
        self.assertTrue(values.get("zoom_client_secret_set"))
        stored = self.env["ir.config_parameter"].sudo().get_param("zoom_calendar.client_secret_enc")
        self.assertNotIn("brand-new-secret", stored)
        self.assertEqual(self.env["zoom.account"]._zoom_settings()["client_secret"], "brand-new-secret")
        # Saving again with the secret left empty keeps it.
        self.env["res.config.settings"].create({
            "zoom_client_id": "demo-client-id", "zoom_oauth_base_url": self.fake.url,
            "zoom_api_base_url": self.fake.url + "/v2"}).execute()
        self.assertEqual(self.env["zoom.account"]._zoom_settings()["client_secret"], "brand-new-secret")

    def test_bad_bookings_are_refused_with_a_reason(self):
        archived = self.env["calendar.group"].create({
            "name": "Old team", "member_ids": [(6, 0, self.alice.ids)], "active": False})
        empty = self.env["calendar.group"].create({"name": "Nobody"})
        outsider = self._make_user("dave", "Dave Outsider")
        base = {"name": "Call", "group_calendar_id": self.round_robin.id}
        cases = [
            ("ends before it starts", dict(base, start=dt(MONDAY), stop=dt(MONDAY - timedelta(hours=1)))),
            ("zero duration", dict(base, start=dt(MONDAY), stop=dt(MONDAY), duration=0)),
            ("huge duration", dict(base, start=dt(MONDAY), stop=dt(MONDAY + timedelta(hours=48)), duration=48)),
            ("all day on Zoom", dict(base, allday=True, start=dt(MONDAY), stop=dt(MONDAY),
                                     start_date="2031-03-03", stop_date="2031-03-03")),
            ("unknown group calendar", dict(base, group_calendar_id=987654,
                                            start=dt(MONDAY), stop=dt(MONDAY + timedelta(hours=1)))),
            ("archived group calendar", dict(base, group_calendar_id=archived.id,
                                             start=dt(MONDAY), stop=dt(MONDAY + timedelta(hours=1)))),
            ("group calendar without members", dict(base, group_calendar_id=empty.id,
                                                    start=dt(MONDAY), stop=dt(MONDAY + timedelta(hours=1)))),
            ("host outside the calendar", dict(base, user_id=outsider.id,
                                               start=dt(MONDAY), stop=dt(MONDAY + timedelta(hours=1)))),
            ("repeating booking", dict(base, start=dt(MONDAY), stop=dt(MONDAY + timedelta(hours=1)),
                                       recurrency=True, rrule_type="weekly", interval=1, count=3,
                                       end_type="count", **{self.RRULE_MONDAY: True})),
        ]
        events_before = self.env["calendar.event"].search_count([])
        for label, values in cases:
            with self.subTest(label):
                with self.assertRaises(self.BAD_RECORD_ERROR) as caught, self.cr.savepoint():
                    self.env["calendar.event"].create(values)
                message = self.error_text(caught.exception)
                self.assertTrue(message and "Traceback" not in message, message)
        self.assertEqual(self.env["calendar.event"].search_count([]), events_before)
        self.assertEqual(self.zoom_meetings(), [])

    def test_bad_group_calendars_are_refused(self):
        cases = [
            ("no duration", {"duration": 0}),
            ("too long", {"duration": 30}),
            ("negative duration", {"duration": -1}),
            ("primary owner not a member", {"primary_user_id": self._make_user("eve", "Eve").id}),
        ]
        for label, values in cases:
            with self.subTest(label):
                with self.assertRaises(ValidationError), self.cr.savepoint():
                    self.env["calendar.group"].create(dict({
                        "name": "Bad", "member_ids": [(6, 0, self.alice.ids)]}, **values))

    def test_moving_a_booking_badly_keeps_it_as_it_was(self):
        event = self.book(self.round_robin)
        saved = (event.start, event.stop, self.zoom_meeting(event)["start_time"])
        for label, values in [
                ("ends before it starts", {"stop": dt(MONDAY - timedelta(hours=2))}),
                ("all day", {"allday": True, "start_date": "2031-03-03", "stop_date": "2031-03-03"}),
                ("48 hours", {"stop": dt(MONDAY + timedelta(hours=48)), "duration": 48})]:
            with self.subTest(label):
                with self.assertRaises(self.BAD_RECORD_ERROR), self.cr.savepoint():
                    event.write(values)
                self.invalidate(event)
                self.assertEqual((event.start, event.stop, self.zoom_meeting(event)["start_time"]), saved)


class BadZoomResponsesTests(object):

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param("zoom_calendar.read_timeout", "2")
        self.connect(self.alice)

    def test_unusable_answers_leave_the_booking_saved_and_pending(self):
        cases = [
            ("created without join_url", dict(status=201, body={"id": 81234567890})),
            ("join_url of the wrong type", dict(status=201, body={"id": 81234567890, "join_url": 5})),
            ("id of the wrong type", dict(status=201, body={"id": {"a": 1}, "join_url": "https://x/j/1"})),
            ("HTML instead of JSON", dict(malformed=True)),
            ("truncated JSON", dict(malformed="truncated")),
            ("500 with an HTML page", dict(status=500, body="<html><h1>Oops</h1></html>")),
            ("400 that is not JSON", dict(status=400, body="Bad Request")),
            ("empty 201", dict(status=201, body="")),
        ]
        for index, (label, fault) in enumerate(cases):
            with self.subTest(label):
                self.fake.control.clear_faults()
                self.fake.control.fault(path=CREATE, method="POST", count=1, **fault)
                event = self.book(self.collective, start=datetime(2031, 3, 3, 8) + timedelta(days=index))
                meeting = event.zoom_meeting_id
                self.assertTrue(event.exists())
                self.assertIn(meeting.status, ("pending", "failed"))
                self.assertTrue(meeting.last_error)
                self.assertNotIn("Traceback", meeting.last_error)
                self.assertFalse(event.zoom_join_url)


class _BookedMeetingInput(object):
    """What the HTTP and security input tests start from: alice connected,
    a collective booking with its meeting; and how they send and judge."""

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.event = self.book(self.collective)
        self.meeting = self.event.zoom_meeting_id
        self.checkpoint()

    def assert_clean_refusal(self, response, statuses=(400, 401, 403, 404, 409)):
        self.assertIn(response.status_code, statuses, response.text[:300])
        self.assertNotIn("Traceback", response.text)

    def post(self, raw, headers):
        return self.http("/zoom/webhook", data=raw, headers=headers)

    def signed(self, body, timestamp=None, secret=WEBHOOK_SECRET):
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        timestamp = str(int(time.time())) if timestamp is None else str(timestamp)
        return raw, {"x-zm-request-timestamp": timestamp,
                     "x-zm-signature": webhooks.sign(secret, timestamp, raw),
                     "Content-Type": "application/json"}


class BadHttpInputTests(_BookedMeetingInput):

    def test_bad_oauth_callbacks(self):
        self.authenticate("test_bob", "test_bob")
        start = self.http("/zoom/oauth/start", allow_redirects=False)
        state = parse_qs(urlparse(start.headers["Location"]).query)["state"][0]
        cases = [
            ("nothing", ""),
            ("state only", "state=%s" % state),
            ("code only", "code=abc"),
            ("garbage state", "code=abc&state=x.y.z"),
            ("state of another user", "code=abc&state=%s" % state.replace(str(self.bob.id) + ".", "1.", 1)),
            ("Zoom error", "error=server_error&state=%s" % state),
            ("unknown code", "code=not-a-code&state=%s" % state),
            ("huge code", "code=%s&state=%s" % ("x" * 10000, state)),
        ]
        for label, query in cases:
            with self.subTest(label):
                if "state=%s" % state in query:
                    # Each case gets a fresh, valid state of its own.
                    start = self.http("/zoom/oauth/start", allow_redirects=False)
                    fresh = parse_qs(urlparse(start.headers["Location"]).query)["state"][0]
                    query = query.replace(state, fresh)
                response = self.http("/zoom/oauth/callback?" + query, timeout=20)
                self.assert_clean_refusal(response)
                self.invalidate(self.bob)
                self.assertEqual(self.bob.zoom_state, "not_connected")

    def test_bad_webhooks(self):
        started = {"event": "meeting.started", "payload": {"object": {"id": self.meeting.zoom_meeting_id}}}
        raw = json.dumps(started).encode()
        cases = [
            ("no signature headers", raw, {"Content-Type": "application/json"}),
            ("wrong signature", raw, {"x-zm-request-timestamp": str(int(time.time())),
                                      "x-zm-signature": "v0=" + "0" * 64}),
            ("stale timestamp",) + self.signed(started, int(time.time()) - 3600),
            ("timestamp in the future",) + self.signed(started, int(time.time()) + 3600),
            ("timestamp not a number",) + self.signed(started, "yesterday"),
            ("signed with another secret",) + self.signed(started, secret="other"),
            ("body not JSON",) + self.signed(b"event=meeting.started"),
            ("JSON array",) + self.signed([started]),
            ("no event",) + self.signed({"payload": {"object": {}}}),
            ("payload not an object",) + self.signed({"event": "meeting.started", "payload": "x"}),
            ("url validation without a token",) + self.signed(
                {"event": "endpoint.url_validation", "payload": {}}),
        ]
        for label, body, headers in cases:
            with self.subTest(label):
                self.assert_clean_refusal(self.post(body, headers))
        no_ops = [
            ("unknown meeting", {"event": "meeting.started", "payload": {"object": {"id": "999"}}}),
            ("meeting id as an object", {"event": "meeting.started", "payload": {"object": {"id": {"x": 1}}}}),
            ("no object", {"event": "meeting.ended", "payload": {}}),
            ("unknown event", {"event": "webinar.started", "payload": {"object": {}}}),
        ]
        for label, body in no_ops:
            with self.subTest(label):
                response = self.post(*self.signed(body))
                self.assertEqual(response.status_code, 200, response.text[:300])
        self.invalidate(self.meeting)
        self.assertEqual(self.meeting.status, "scheduled")


class BadBookingPageInputTests(object):
    """The public booking page's bad inputs (issue 10): each a 4xx with a
    reason, never a 500."""

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.round_robin.write({"booking_public": True})
        self.checkpoint()

    def get(self, path):
        self.checkpoint()
        return self.url_open(path)

    def test_bad_booking_page_addresses(self):
        cases = [
            ("superscript two as the key", "/book/%C2%B2", 404),
            ("Arabic-Indic digit as the key", "/book/%D9%A3", 404),
            ("fullwidth digit as the key", "/book/%EF%BC%91/slot?slot=2031-03-03T09:00Z", 404),
            ("non-ASCII slug", "/book/sal%C3%A9s", 404),
            ("confirmation with a non-ASCII token", "/book/%s/booked/1/%%C3%%A9" % self.round_robin.id, 404),
            ("confirmation with a huge attendee id", "/book/%s/booked/99999999999999/x" % self.round_robin.id, 404),
            ("email link with a non-ASCII token", "/book/%s/confirm/1/%%C3%%A9" % self.round_robin.id, 404),
            ("email link with a huge request id", "/book/%s/confirm/99999999999999/x" % self.round_robin.id, 404),
            ("email link with a superscript id", "/book/%s/confirm/%%C2%%B2/x" % self.round_robin.id, 404),
        ]
        for label, path, status in cases:
            with self.subTest(label):
                response = self.get(path)
                self.assertEqual(response.status_code, status, response.text[:300])
                self.assertNotIn("Traceback", response.text)

    def test_bad_booking_forms(self):
        self.round_robin.write({"tz": "UTC", "booking_min_fill_seconds": 0, "booking_limit_per_address": 0})
        self.checkpoint()
        slot = next(start for start, _stop in self.round_robin.sudo()._public_slots()
                    if start > datetime.utcnow())
        path = "/book/%s/slot" % self.round_robin.id
        form = self.get("%s?slot=%s" % (path, booking_slots.format_slot(slot))).text
        good = {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', form).group(1),
                "form_stamp": re.search(r'name="form_stamp" value="([^"]+)"', form).group(1),
                "slot": booking_slots.format_slot(slot), "name": "Erin", "email": "erin@example.net"}
        cases = [
            ("honeypot filled", {"homepage": "http://spam.example"}, 400),
            ("no form stamp", {"form_stamp": ""}, 400),
            ("forged form stamp", {"form_stamp": "1." + "0" * 32}, 400),
            ("non-ASCII form stamp", {"form_stamp": "\u00b2.\u00e9"}, 400),
            ("bidirectional override in the name", {"name": "Mallory \u202etxt.exe\u200b"}, 400),
            ("line separator in the name", {"name": "Erin\u2028Bcc"}, 400),
            ("zero-width space in the note", {"note": "Hello\u200b"}, 400),
        ]
        for label, values, status in cases:
            with self.subTest(label):
                self.checkpoint()
                response = self.url_open(path, data=dict(good, **values))
                self.assertEqual(response.status_code, status, response.text[:300])
                self.assertNotIn("Traceback", response.text)
        self.assertFalse(self.env["calendar.event"].search([("group_calendar_id", "=", self.round_robin.id)]))
        self.checkpoint()
        response = self.url_open("/book/%s/confirm/1/x" % self.round_robin.id, data={"csrf_token": "x"})
        self.assertEqual(response.status_code, 400)


class BadSecurityInputTests(_BookedMeetingInput):
    """Issue 10's bad inputs on the webhook, the OAuth callback, Settings
    and the addon's own fields: each refused with a reason, never a 500,
    and nothing changed."""

    def test_bad_oauth_states(self):
        self.authenticate("test_bob", "test_bob")
        for state in ("x.y.z.%C3%A9", "%C3%A9", "1.%C3%A9.1.x", "1.x.%C2%B2.x", "1.x.1e9.x", "%00.%00.%00.%00"):
            with self.subTest(state=state):
                response = self.http("/zoom/oauth/callback?code=abc&state=" + state, timeout=20)
                self.assert_clean_refusal(response, statuses=(400,))
                self.assertEqual(response.headers.get("Referrer-Policy"), "no-referrer")

    def test_bad_webhook_timestamps_and_sizes(self):
        started = {"event": "meeting.started", "payload": {"object": {"id": self.meeting.zoom_meeting_id}}}
        cases = [("timestamp %r" % timestamp,) + self.signed(started, timestamp)
                 for timestamp in ("nan", "inf", "-1", "1e9", "0x10", "\u00b2", "1" * 17)]
        cases += [
            ("body over 64 KiB",) + self.signed(dict(started, pad="x" * 65536)),
            ("form body over 64 KiB", b"a=" + b"x" * 65536,
             {"Content-Type": "application/x-www-form-urlencoded"}),
        ]
        for label, body, headers in cases:
            with self.subTest(label):
                self.assert_clean_refusal(self.post(body, headers), statuses=(400, 401, 413))
        self.invalidate(self.meeting)
        self.assertEqual(self.meeting.status, "scheduled")

    def test_bad_settings_urls(self):
        params = self.env["ir.config_parameter"].sudo()
        saved = params.get_param("zoom_calendar.api_base_url")
        for url in ("http://api.zoom.us/v2", "https://api.zoom.us.example.net/v2", "https://zoom.us@example.net",
                    "https://example.net/v2", "http://localhost:8790/v2", "https://zoom.us:8443"):
            with self.subTest(url=url):
                settings = self.env["res.config.settings"].create({
                    "zoom_client_id": "demo-client-id", "zoom_client_secret": "demo-client-secret",
                    "zoom_oauth_base_url": self.fake.url, "zoom_api_base_url": url})
                with self.assertRaises(UserError) as caught, self.cr.savepoint():
                    settings.execute()
                self.assertNotIn("Traceback", self.error_text(caught.exception))
        self.assertEqual(params.get_param("zoom_calendar.api_base_url"), saved)

    def test_addon_owned_fields_are_refused(self):
        before = self.event.read(["zoom_meeting_id", "booking_date", "zoom_invitations_sent"])[0]
        carol_env = self.env(user=self.carol.id)
        for values in ({"zoom_meeting_id": False}, {"booking_date": "2000-01-01 00:00:00"},
                       {"zoom_invitations_sent": False}, {"name": "x", "booking_date": False}):
            with self.subTest(values=values), self.assertRaises(AccessError), self.cr.savepoint():
                carol_env["calendar.event"].browse(self.event.id).write(values)
        self.invalidate(self.event)
        self.assertEqual(self.event.read(["zoom_meeting_id", "booking_date", "zoom_invitations_sent"])[0], before)
