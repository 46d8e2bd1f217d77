"""The public booking page's tests that both addons run as they are (each
addon's tests/test_booking_page.py inherits them): the slot arithmetic
alone, and the page, /book/<id or slug>, over real HTTP to Odoo's test
server, with the fake Zoom server behind it.

What each Odoo does its own way stays on the addon's BookingPageCase:
``request()``, and the named helpers these tests call: ``DETECT_TZ``,
``stored_datetime()`` and ``description_text()``."""
import html
import re
from datetime import date, datetime, time, timedelta

import pytz

from odoo.addons.zoom_calendar.tests.common import working_time
from zoom_scheduling import booking_slots

BRUSSELS = pytz.timezone("Europe/Brussels")


def next_monday(after_days=1):
    """A Monday 1 to 7 days from today (in Brussels): always within the page's
    14 days, never today."""
    today = datetime.now(BRUSSELS).date()
    day = today + timedelta(days=after_days)
    while day.weekday() != 0:
        day += timedelta(days=1)
    return day


def utc(day, hour, minute=0, zone=BRUSSELS):
    """Naive UTC of a wall-clock time in ``zone``."""
    local = zone.localize(datetime(day.year, day.month, day.day, hour, minute))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


class BookingSlotsTests(object):
    """The slot arithmetic alone: each addon's TestBookingSlots runs these."""

    @staticmethod
    def intervals(days, hour_from, hour_to):
        """Working intervals as resource.calendar gives them: wall-clock."""
        return [(datetime.combine(day, time(hour_from)), datetime.combine(day, time(hour_to))) for day in days]

    def test_slots_follow_working_hours_in_the_calendar_timezone(self):
        now = datetime(2031, 3, 3, 0, 0)  # Monday, 01:00 in Brussels
        days = booking_slots.local_days(now, "Europe/Brussels", days=7)
        self.assertEqual(days[0], date(2031, 3, 3))
        weekdays = [day for day in days if day.weekday() < 5]
        slots = booking_slots.candidate_slots(now, "Europe/Brussels", 1.0, self.intervals(weekdays, 9, 12))
        self.assertEqual(len(slots), 5 * 3)
        self.assertEqual(slots[0], (datetime(2031, 3, 3, 8, 0), datetime(2031, 3, 3, 9, 0)))  # 09:00 CET
        self.assertEqual({start.weekday() for start, _stop in slots}, {0, 1, 2, 3, 4})

    def test_slots_keep_wall_clock_hours_across_daylight_saving(self):
        now = datetime(2031, 3, 28, 12, 0)  # Friday; Brussels moves to summer time on Sunday 30
        slots = booking_slots.candidate_slots(now, "Europe/Brussels", 0.5, [
            (datetime(2031, 3, 28, 9, 0), datetime(2031, 3, 28, 9, 30)),
            (datetime(2031, 3, 31, 9, 0), datetime(2031, 3, 31, 9, 30))])
        self.assertEqual([start for start, _stop in slots], [datetime(2031, 3, 31, 7, 0)])  # 09:00 CEST

    def test_slots_already_started_or_on_leave_are_left_out(self):
        now = datetime(2031, 3, 3, 9, 10)  # 10:10 in Brussels
        work = self.intervals([date(2031, 3, 3)], 9, 12)
        slots = booking_slots.candidate_slots(now, "Europe/Brussels", 0.5, work)
        self.assertEqual([start for start, _stop in slots][:2],
                         [datetime(2031, 3, 3, 9, 30), datetime(2031, 3, 3, 10, 0)])
        leave = [(datetime(2031, 3, 3, 9, 45), datetime(2031, 3, 3, 10, 0))]  # 10:45-11:00 in Brussels
        slots = booking_slots.candidate_slots(now, "Europe/Brussels", 0.5, work, leave)
        self.assertEqual([start for start, _stop in slots], [datetime(2031, 3, 3, 10, 0), datetime(2031, 3, 3, 10, 30)])

    def test_working_time_until_midnight_takes_the_last_slot(self):
        day = date(2031, 3, 3)
        work = [(datetime.combine(day, time(23)), datetime.combine(day, time.max))]  # Odoo's 24:00
        slots = booking_slots.candidate_slots(datetime(2031, 3, 3), "UTC", 0.5, work)
        self.assertEqual(slots[-1], (datetime(2031, 3, 3, 23, 30), datetime(2031, 3, 4, 0, 0)))

    def test_round_robin_needs_one_free_member_collective_needs_all(self):
        slot = (datetime(2031, 3, 3, 9, 0), datetime(2031, 3, 3, 10, 0))
        busy = {1: [(datetime(2031, 3, 3, 9, 30), datetime(2031, 3, 3, 11, 0))]}
        self.assertEqual(booking_slots.free_slots([slot], busy, [1, 2], need_all=False), [slot])
        self.assertEqual(booking_slots.free_slots([slot], busy, [1, 2], need_all=True), [])
        self.assertEqual(booking_slots.free_slots([slot], busy, [1], need_all=False), [])

    def test_bad_timezones_and_slot_keys_are_refused(self):
        self.assertEqual(booking_slots.valid_tz("Mars/Olympus", "Europe/Brussels"), "Europe/Brussels")
        self.assertEqual(booking_slots.valid_tz("America/New_York"), "America/New_York")
        for value in ("2031-03-03 09:00", "2031-13-03T09:00Z", "x" * 17, None, "2031-03-03T09:00"):
            with self.assertRaises(ValueError, msg=value):
                booking_slots.parse_slot(value)


class BookingPageHelpers(object):
    """Two public calendars and a visitor's requests; no test of its own.
    Each addon's BookingPageCase mixes it into its ZoomHttpCase and adds
    ``request()``."""

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.connect(self.bob)
        # Every request comes from 127.0.0.1, at once: the limits and the
        # minimum fill time have tests of their own (test_public_page_security.py).
        no_limits = {"booking_min_fill_seconds": 0, "booking_limit_per_address": 0,
                     "booking_limit_per_email": 0}
        mornings = working_time(self.env, 9.0, 12.0)
        self.round_robin.write(dict(no_limits, tz="Europe/Brussels", resource_calendar_id=mornings.id,
                                    booking_public=True))
        self.collective.write(dict(no_limits, tz="Europe/Brussels", resource_calendar_id=mornings.id,
                                   booking_public=True))
        self.monday = next_monday()
        self.env["mail.mail"].search([]).unlink()

    # -- helpers -----------------------------------------------------------

    def page(self, path, status=200):
        response = self.request(path)
        self.assertEqual(response.status_code, status, response.text[:2000])
        return response.text

    def slot_keys(self, text):
        return set(re.findall(r'data-slot="([^"]+)"', text))

    def key(self, start):
        return booking_slots.format_slot(start)

    def form(self, group, start, tz="Europe/Brussels"):
        """The booking form of a slot: its csrf token (and its signed
        opening time in self.form_stamp, which submit() sends)."""
        text = self.page("/book/%s/slot?slot=%s&tz=%s" % (group.id, self.key(start), tz))
        self.form_stamp = re.search(r'name="form_stamp" value="([^"]+)"', text).group(1)
        return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)

    def submit(self, group, start, status=200, tz="Europe/Brussels", csrf=True, **fields_):
        data = {"slot": self.key(start), "tz": tz, "name": "Erin Visitor", "email": "erin.visitor@example.net",
                "note": "About the renewal"}
        data.update(fields_)
        if csrf:
            data["csrf_token"] = self.form(group, start, tz) if csrf is True else csrf
        data.setdefault("form_stamp", getattr(self, "form_stamp", ""))
        response = self.request("/book/%s/slot" % group.id, data=data)
        self.assertEqual(response.status_code, status, response.text[:2000])
        self.last_url = response.url
        return html.unescape(response.text)

    def bookings(self, group):
        return self.env["calendar.event"].search([("group_calendar_id", "=", group.id)])


class BookingPageTests(object):
    """The booking page's tests: each addon's TestBookingPage runs these."""

    # -- slots -------------------------------------------------------------

    def test_slots_exclude_busy_times_and_follow_working_hours(self):
        self.busy(self.alice, utc(self.monday, 10), hours=1.0)
        self.busy(self.bob, utc(self.monday, 10, 30), hours=0.5)
        text = self.page("/book/%s?tz=Europe/Brussels" % self.round_robin.id)
        keys = self.slot_keys(text)
        expected = {self.key(utc(self.monday, h, m)) for h, m in ((9, 0), (9, 30), (10, 0), (11, 0), (11, 30))}
        self.assertLessEqual(expected, keys)  # 10:00: bob is free
        self.assertNotIn(self.key(utc(self.monday, 10, 30)), keys)  # both busy
        self.assertNotIn(self.key(utc(self.monday, 12, 0)), keys)  # after working hours
        self.assertNotIn(self.key(utc(self.monday, 8, 30)), keys)  # before
        saturday = self.monday + timedelta(days=5)
        self.assertFalse({k for k in keys if k.startswith(saturday.isoformat())})
        self.assertIn("Sales Round Robin", text)
        self.assertIn("30 minutes", text)

    def test_members_without_zoom_make_no_round_robin_slots(self):
        # Carol is a member but has no Zoom account: her free time offers nothing.
        self.round_robin.write({"member_ids": [(6, 0, self.carol.ids)], "primary_user_id": self.carol.id})
        text = self.page("/book/%s" % self.round_robin.id)
        self.assertFalse(self.slot_keys(text))
        self.assertIn("No time is free", text)

    def test_collective_slots_need_every_member_free(self):
        self.busy(self.carol, utc(self.monday, 10), hours=1.0)
        keys = self.slot_keys(self.page("/book/%s?tz=Europe/Brussels" % self.collective.id))
        self.assertIn(self.key(utc(self.monday, 9)), keys)
        self.assertNotIn(self.key(utc(self.monday, 10)), keys)
        self.assertIn(self.key(utc(self.monday, 11)), keys)

    def test_slots_are_shown_in_the_visitor_timezone(self):
        new_york = pytz.timezone("America/New_York")
        start = utc(self.monday, 9)
        text = self.page("/book/%s?tz=America/New_York" % self.round_robin.id)
        local = pytz.utc.localize(start).astimezone(new_york)
        # Without a language asked for, English as in the US: 3:00 AM.
        self.assertRegex(text, r'data-slot="%s"[^>]*>%s\s%s<' % (
            re.escape(self.key(start)), local.strftime("%I:%M").lstrip("0"), local.strftime("%p")))
        self.assertIn("America/New York", text)
        self.assertNotIn(self.DETECT_TZ, text)  # the visitor's timezone is known
        # Unknown timezone: the calendar's; none given: the page asks the browser.
        text = self.page("/book/%s?tz=Mars/Olympus" % self.round_robin.id)
        self.assertRegex(text, r'data-slot="%s"[^>]*>9:00\sAM<' % re.escape(self.key(start)))
        self.assertIn("Europe/Brussels", text)
        self.assertIn(self.DETECT_TZ, self.page("/book/%s" % self.round_robin.id))
        # A timezone with a '+' survives the slot links' query string.
        text = html.unescape(self.page("/book/%s?tz=Etc%%2FGMT%%2B5" % self.round_robin.id))
        link = re.search(r'href="([^"]+)"[^>]*data-slot|data-slot="[^"]+"[^>]*href="([^"]+)"', text)
        self.assertIn("tz=Etc%2FGMT%2B5", link.group(1) or link.group(2))

    def test_page_answers_at_its_slug(self):
        self.round_robin.slug = "sales"
        self.assertIn("Sales Round Robin", self.page("/book/sales"))

    # -- booking -----------------------------------------------------------

    def test_booking_creates_the_event_meeting_and_personal_link(self):
        start = utc(self.monday, 9, 30)
        text = self.submit(self.round_robin, start)
        event = self.bookings(self.round_robin)
        self.assertEqual(len(event), 1)
        self.assertEqual((event.start, event.stop), (self.stored_datetime(start),
                                                     self.stored_datetime(start + timedelta(minutes=30))))
        self.assertIn(event.user_id, self.alice | self.bob)
        self.assertEqual(self.description_text(event), "About the renewal")
        visitor = self.env["res.partner"].search([("email", "=", "erin.visitor@example.net")])
        self.assertEqual(visitor.name, "Erin Visitor")
        self.assertIn(visitor, event.partner_ids)
        meeting = event.zoom_meeting_id
        self.assertEqual(meeting.status, "scheduled")
        self.zoom_meeting(event)
        personal = meeting.registrant_ids.filtered(lambda reg: reg.partner_id == visitor).join_url
        self.assertTrue(personal)
        self.assertNotEqual(personal, meeting.join_url)
        self.assertIn("You are booked", text)
        self.assertIn('href="%s"' % personal, text)
        self.assertIn("Monday", text)
        self.assertRegex(text, r"9:30\sAM \u2013 10:00\sAM \(Europe/Brussels\)")
        self.assertIn(personal, self.mail_text(self.mails_to(visitor)))
        # The confirmation has an address of its own (post/redirect/get):
        # reloading it shows the booking again and books nothing more.
        attendee = event.attendee_ids.filtered(lambda att: att.partner_id == visitor)
        prefix = "/book/%s/booked/%s/" % (self.round_robin.id, attendee.id)
        self.assertIn(prefix, self.last_url)
        self.assertTrue(self.last_url.endswith("?tz=Europe%2FBrussels"), self.last_url)
        token = self.last_url.split(prefix)[1].split("?")[0]
        path = prefix + token
        self.assertIn('href="%s"' % personal, html.unescape(self.page(path)))
        self.assertEqual(len(self.bookings(self.round_robin)), 1)
        for wrong in ("/book/%s/booked/%s/%s" % (self.round_robin.id, attendee.id, "x" * 32),
                      "/book/%s/booked/%s/%s" % (self.collective.id, attendee.id, token),
                      "/book/%s/booked/99999999999/%s" % (self.round_robin.id, token),
                      "/book/%s/booked/%s/%s" % (self.round_robin.id, attendee.id, attendee.access_token)):
            text = self.page(wrong, 404)
            self.assertNotIn(personal, text)
            self.assertIn("There is no booking at this address", text)

    def test_booked_slot_leaves_the_page_once_no_host_is_free(self):
        self.round_robin.member_ids = self.alice
        start = utc(self.monday, 9, 30)
        self.submit(self.round_robin, start)
        self.assertEqual(self.bookings(self.round_robin).user_id, self.alice)
        keys = self.slot_keys(self.page("/book/%s" % self.round_robin.id))
        self.assertNotIn(self.key(start), keys)
        self.assertIn(self.key(utc(self.monday, 10)), keys)

    def test_booking_reuses_the_contact_with_that_email_and_name(self):
        self.submit(self.round_robin, utc(self.monday, 9), email="Erin@Example.org", name="erin  external")
        self.assertIn(self.erin, self.bookings(self.round_robin).partner_ids)
        # Another name: a contact of its own, and the stored one unchanged.
        text = self.submit(self.round_robin, utc(self.monday, 10), email="erin@example.org", name="Erin E.")
        event = self.bookings(self.round_robin).filtered(lambda event: "Erin E." in event.name)
        self.assertNotIn(self.erin, event.partner_ids)
        self.assertEqual(self.erin.name, "Erin External")  # not renamed by a visitor
        self.assertNotIn("Erin External", text)

    def test_collective_booking_invites_every_member(self):
        self.connect(self.carol)
        text = self.submit(self.collective, utc(self.monday, 10))
        event = self.bookings(self.collective)
        self.assertEqual(event.user_id, self.alice)
        self.assertLessEqual((self.alice | self.bob | self.carol).mapped("partner_id"), event.partner_ids)
        self.assertIn("You are booked", text)

    def test_taken_slot_gives_a_clear_page_and_fresh_slots(self):
        start = utc(self.monday, 9)
        token = self.form(self.round_robin, start)
        # Meanwhile both hosts got busy at that time.
        self.busy(self.alice, start, hours=0.5)
        self.busy(self.bob, start, hours=0.5)
        text = self.submit(self.round_robin, start, status=409, csrf=token)
        self.assertIn("This time was just taken", text)
        keys = self.slot_keys(text)
        self.assertNotIn(self.key(start), keys)
        self.assertIn(self.key(utc(self.monday, 9, 30)), keys)
        self.assertFalse(self.bookings(self.round_robin))

    def test_booking_without_csrf_token_is_refused(self):
        start = utc(self.monday, 9)
        self.submit(self.round_robin, start, status=400, csrf=False)
        self.submit(self.round_robin, start, status=400, csrf="0" * 40 + "o9999999999")
        self.assertFalse(self.bookings(self.round_robin))

    def test_zoom_down_still_confirms_with_link_to_follow(self):
        self.fake.control.fault(path="/v2/users/*/meetings", method="POST", status=503, count=-1)
        text = self.submit(self.round_robin, utc(self.monday, 11))
        event = self.bookings(self.round_robin)
        self.assertEqual(event.zoom_meeting_id.status, "pending")
        self.assertIn("You are booked", text)
        self.assertIn("follows by email", text)
        self.assertNotIn('class="o_booking_join_url"', text)

    # -- bad input ---------------------------------------------------------

    def test_unknown_or_archived_calendar_gives_a_clear_page(self):
        for path in ("/book/999999", "/book/99999999999999999999", "/book/no-such-calendar",
                     "/book/%3Cscript%3E", "/book/999999/slot?slot=2031-03-03T09:00Z"):
            self.assertIn("There is no booking page at this address", self.page(path, 404), path)
        token = self.form(self.collective, utc(self.monday, 9))
        self.collective.active = False
        self.assertIn("no longer takes bookings", self.page("/book/%s" % self.collective.id, 410))
        self.submit(self.collective, utc(self.monday, 9), status=410, csrf=token)
        self.assertFalse(self.bookings(self.collective))
        self.round_robin.booking_public = False
        self.page("/book/%s" % self.round_robin.id, 404)

    def test_bad_slots_give_a_clear_form_error(self):
        group = self.round_robin
        cases = {
            "not-a-date": "could not be read",
            "2031-02-30T09:00Z": "could not be read",
            self.key(datetime.utcnow().replace(second=0, microsecond=0) - timedelta(days=1)): "in the past",
            self.key(utc(self.monday, 20)): "does not take bookings at this time",
            self.key(utc(self.monday, 9, 10)): "does not take bookings at this time",  # not a slot start
            self.key(utc(self.monday + timedelta(days=5), 10)): "does not take bookings at this time",  # Saturday
            self.key(utc(self.monday + timedelta(days=21), 10)): "does not take bookings at this time",
        }
        for slot, message in cases.items():
            self.assertIn(message, html.unescape(self.page("/book/%s/slot?slot=%s" % (group.id, slot), 400)), slot)
        token = self.form(group, utc(self.monday, 9))
        response = self.request("/book/%s/slot" % group.id, data={
            "csrf_token": token, "slot": self.key(utc(self.monday, 20)), "name": "Erin", "email": "e@example.org"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.bookings(group))

    def test_bad_visitor_details_give_a_clear_form_error(self):
        start = utc(self.monday, 9)
        cases = [
            ({"name": "  "}, "Please enter your name"),
            ({"email": ""}, "Please enter your email address"),
            ({"email": "not an email"}, "does not look like an email address"),
            ({"email": "erin@localhost"}, "does not look like an email address"),
            ({"email": "a@b.example\nBcc: x@example.org"}, "does not look like an email address"),
            ({"email": "e" * 250 + "@example.org"}, "too long"),
            ({"name": "N" * 101}, "too long"),
            ({"name": "Erin\x00"}, "not allowed"),
            ({"note": "x" * 2001}, "too long"),
        ]
        for values, message in cases:
            text = self.submit(self.round_robin, start, status=400, **values)
            self.assertIn(message, text, values)
            self.assertIn("Please correct the fields marked below", text)
            self.assertNotIn("Traceback", text)
        self.assertFalse(self.bookings(self.round_robin))

    def test_pages_leak_no_other_booking_nor_member_email(self):
        self.busy(self.alice, utc(self.monday, 11), hours=0.5, name="Secret merger with Initech")
        self.book(self.round_robin, start=utc(self.monday + timedelta(days=1), 9), partners=self.frank,
                  name="Confidential: Frank's contract")
        pages = [
            self.page("/book/%s" % self.round_robin.id),
            self.page("/book/%s/slot?slot=%s" % (self.round_robin.id, self.key(utc(self.monday, 9)))),
            self.submit(self.round_robin, utc(self.monday, 9), status=400, email="bad"),
            self.submit(self.round_robin, utc(self.monday, 9)),
        ]
        for text in pages:
            for secret in ("Secret merger", "Initech", "Frank", "frank@example.org",
                           "alice@example.com", "bob@example.com", "carol@example.com", "test_alice"):
                self.assertNotIn(secret, text)
