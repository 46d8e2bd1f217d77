"""Round robin's settings, as both addons test them: member lines (priority,
weight, max per day), distribution modes, the fairness window and what it
counts, the contact's salesperson first, and what the calendar's form shows
of the rotation.

Each addon's test class inherits these first, beside its version's helpers:
``error_text(exception)`` (a UserError's message), ``orm_datetime(value)``
(a datetime as its ORM reads and takes it), ``flush()`` and
``invalidate()`` (the ORM's pending writes to the database; its cache
dropped) and ``assert_known_email_not_shown(response)`` (the public page
shows only the email the visitor typed, where the version checks it)."""
import re
from datetime import timedelta

from freezegun import freeze_time

from psycopg2 import IntegrityError

from odoo.addons.zoom_calendar.tests.common import MONDAY, working_time
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from zoom_scheduling import booking_slots


class RoundRobinRulesTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.connect(self.bob)
        self.lines = {line.user_id: line for line in self.round_robin.member_line_ids}

    def line(self, user):
        return self.lines[user]

    def hosts(self, count, start=MONDAY, step=timedelta(hours=1)):
        """Books ``count`` slots one after the other; their hosts."""
        return [self.book(self.round_robin, start=start + n * step).user_id for n in range(count)]


class MemberLinesTests(RoundRobinRulesTests):

    def test_members_written_as_users_get_lines_with_defaults(self):
        self.assertEqual(set(self.lines), {self.alice, self.bob, self.carol})
        for line in self.lines.values():
            self.assertEqual((line.priority, line.weight, line.max_per_day, line.active),
                             ("medium", 100, 0, True))

    def test_member_ids_follow_the_lines_and_the_lines_follow_member_ids(self):
        dave = self._make_user("dave", "Dave Doe")
        self.round_robin.write({"member_ids": [(4, dave.id), (3, self.carol.id)]})
        self.assertEqual(set(self.round_robin.member_line_ids.mapped("user_id")), {self.alice, self.bob, dave})
        self.line(self.bob).active = False
        self.assertEqual(self.round_robin.member_ids, self.alice | dave)
        self.assertEqual(self.env["calendar.group"].search([("member_ids", "in", self.bob.ids)]),
                         self.collective)
        self.round_robin.write({"member_line_ids": [(0, 0, {"user_id": self.carol.id, "weight": 300})]})
        self.assertIn(self.carol, self.round_robin.member_ids)
        # Writing users back brings the archived line back, with its settings.
        self.line(self.bob).weight = 250
        self.round_robin.write({"member_ids": [(4, self.bob.id)]})
        self.assertTrue(self.line(self.bob).active)
        self.assertEqual(self.line(self.bob).weight, 250)

    def test_archived_member_hosts_nothing(self):
        self.line(self.bob).active = False
        self.assertEqual(set(self.hosts(3)), {self.alice})
        with self.assertRaises(ValidationError):  # alice is the primary owner
            self.line(self.alice).active = False

    def test_weight_and_max_per_day_are_checked(self):
        for values in ({"weight": 0}, {"max_per_day": -1}):
            with self.subTest(values=values), self.assertRaises(IntegrityError), \
                    self.cr.savepoint(), mute_logger("odoo.sql_db"):
                self.line(self.alice).write(values)
                self.flush()
        with self.assertRaises(ValidationError):
            self.round_robin.rr_window_days = 0


class PriorityAndModesTests(RoundRobinRulesTests):

    def test_availability_mode_gives_free_high_priority_member_every_booking(self):
        self.line(self.bob).priority = "high"
        self.assertEqual(self.hosts(3), [self.bob] * 3)

    def test_busy_high_priority_member_is_skipped(self):
        self.line(self.bob).priority = "high"
        self.busy(self.bob)
        self.assertEqual(self.book(self.round_robin).user_id, self.alice)

    def test_low_priority_hosts_only_when_the_others_cannot(self):
        self.line(self.alice).priority = "low"
        self.assertEqual(self.book(self.round_robin).user_id, self.bob)
        self.busy(self.bob, MONDAY + timedelta(hours=2))
        self.assertEqual(self.book(self.round_robin, start=MONDAY + timedelta(hours=2)).user_id, self.alice)

    def test_equal_mode_puts_fairness_before_priority(self):
        self.round_robin.rr_mode = "equal"
        self.line(self.bob).priority = "high"
        with freeze_time("2031-02-20 10:00:00"):
            first = self.book(self.round_robin)
            second = self.book(self.round_robin, start=MONDAY + timedelta(hours=1))
        # Both at 0 bookings: priority breaks the tie (bob); then alice is fairer.
        self.assertEqual((first.user_id, second.user_id), (self.bob, self.alice))

    def test_weights_share_bookings_in_proportion(self):
        self.round_robin.rr_mode = "equal"
        self.line(self.alice).weight = 200
        with freeze_time("2031-02-20 10:00:00") as frozen:
            hosts = []
            for n in range(6):
                frozen.tick(timedelta(minutes=1))
                hosts.append(self.book(self.round_robin, start=MONDAY + timedelta(hours=n)).user_id)
        self.assertEqual(hosts.count(self.alice), 4)
        self.assertEqual(hosts.count(self.bob), 2)


class FairnessWindowTests(RoundRobinRulesTests):

    def test_bookings_outside_the_window_do_not_count(self):
        self.round_robin.rr_window_days = 7
        with freeze_time("2031-02-10 10:00:00"):
            self.book(self.round_robin, start=MONDAY - timedelta(days=20), host=self.alice)
        with freeze_time("2031-02-20 10:00:00"):
            self.book(self.round_robin, start=MONDAY - timedelta(days=10), host=self.bob)
            self.book(self.round_robin, start=MONDAY - timedelta(days=10, hours=-1), host=self.bob)
            # 7-day window: alice 0, bob 2: alice. (With 30 days: alice 1,
            # bob 2, still alice: alice's older booking only counts in a
            # longer window.)
            self.assertEqual(self.book(self.round_robin).user_id, self.alice)

    def test_window_length_decides(self):
        with freeze_time("2031-02-01 10:00:00"):
            self.book(self.round_robin, start=MONDAY - timedelta(days=9), host=self.alice)
            self.book(self.round_robin, start=MONDAY - timedelta(days=9, hours=-1), host=self.alice)
        with freeze_time("2031-02-20 10:00:00"):
            self.book(self.round_robin, start=MONDAY - timedelta(days=5), host=self.bob)
            self.round_robin.rr_window_days = 30  # alice 2, bob 1: bob
            self.assertEqual(self.book(self.round_robin).user_id, self.bob)
            self.round_robin.rr_window_days = 10  # alice 0, bob 2 now: alice
            self.assertEqual(self.book(self.round_robin, start=MONDAY + timedelta(hours=1)).user_id,
                             self.alice)

    def test_count_by_meeting_counts_when_the_meetings_take_place(self):
        # Booked long ago, but the meetings are still to come.
        with freeze_time("2030-12-01 10:00:00"):
            self.book(self.round_robin, start=MONDAY + timedelta(days=1), host=self.alice)
            self.book(self.round_robin, start=MONDAY + timedelta(days=2), host=self.alice)
        with freeze_time("2031-02-20 10:00:00"):
            self.book(self.round_robin, start=MONDAY + timedelta(days=3), host=self.bob)
            start = self.orm_datetime(MONDAY.replace(hour=12))
            stop = self.orm_datetime(MONDAY.replace(hour=12, minute=30))
            self.round_robin.rr_count_by = "booking"  # booked in 30 days: alice 0, bob 1
            self.assertEqual(self.round_robin._pick_round_robin_host(start, stop), self.alice)
            self.round_robin.rr_count_by = "meeting"  # meetings from 30 days ago on: alice 2, bob 1
            self.assertEqual(self.round_robin._pick_round_robin_host(start, stop), self.bob)


class MaxPerDayTests(RoundRobinRulesTests):

    def test_member_at_their_daily_cap_is_passed_over(self):
        self.line(self.alice).write({"max_per_day": 1, "priority": "high"})
        hosts = self.hosts(3)
        self.assertEqual(hosts, [self.alice, self.bob, self.bob])
        # Another day: alice again.
        self.assertEqual(self.book(self.round_robin, start=MONDAY + timedelta(days=1)).user_id, self.alice)

    def test_the_day_is_the_calendar_timezone_day(self):
        self.round_robin.tz = "America/New_York"
        self.line(self.alice).write({"max_per_day": 1, "priority": "high"})
        # 2031-03-03 23:00 UTC is 18:00 in New York; 03:00 UTC the next day, 22:00 the same day there.
        self.assertEqual(self.book(self.round_robin, start=MONDAY.replace(hour=23)).user_id, self.alice)
        self.assertEqual(self.book(self.round_robin, start=MONDAY.replace(hour=3) + timedelta(days=1)).user_id,
                         self.bob)

    def test_public_page_offers_no_slot_only_capped_members_could_take(self):
        self.round_robin.write({"tz": "UTC", "resource_calendar_id": working_time(self.env).id})
        self.line(self.carol).active = False
        self.line(self.alice).max_per_day = 1

        def page_days():
            with freeze_time(MONDAY.replace(hour=7)):
                return {start.date() for start, _stop in self.round_robin._public_slots()}
        self.assertIn(MONDAY.date(), page_days())
        self.hosts(2)  # alice and bob host one Monday booking each; bob has no cap
        self.assertIn(MONDAY.date(), page_days())
        self.line(self.bob).max_per_day = 1
        self.assertEqual(min(page_days()), MONDAY.date() + timedelta(days=1))

    def test_chosen_host_at_their_cap_is_refused(self):
        self.line(self.bob).max_per_day = 1
        self.book(self.round_robin, host=self.bob)
        with self.assertRaises(UserError) as caught:
            self.book(self.round_robin, start=MONDAY + timedelta(hours=2), host=self.bob)
        self.assertIn("at most 1", self.error_text(caught.exception))

    def test_everyone_at_their_cap_is_a_clear_error(self):
        for user in (self.alice, self.bob):
            self.line(user).max_per_day = 1
        self.line(self.carol).active = False
        self.hosts(2)
        with self.assertRaises(UserError) as caught:
            self.book(self.round_robin, start=MONDAY + timedelta(hours=4))
        self.assertIn("No free member of Sales Round Robin can host", self.error_text(caught.exception))
        self.assertIn("at most 1", self.error_text(caught.exception))


class PreferOwnerTests(RoundRobinRulesTests):

    def setUp(self):
        super().setUp()
        self.round_robin.rr_prefer_owner = True
        self.line(self.alice).priority = "high"

    def test_contact_salesperson_hosts_first(self):
        self.erin.user_id = self.bob
        self.assertEqual(self.book(self.round_robin, partners=[self.erin]).user_id, self.bob)
        # Without the setting, priority rules.
        self.round_robin.rr_prefer_owner = False
        self.assertEqual(self.book(self.round_robin, start=MONDAY + timedelta(hours=1),
                                   partners=[self.erin]).user_id, self.alice)

    def test_company_salesperson_hosts_for_its_people(self):
        company = self.env["res.partner"].create({"name": "Globex", "is_company": True, "user_id": self.bob.id})
        self.frank.parent_id = company
        self.assertEqual(self.book(self.round_robin, partners=[self.frank]).user_id, self.bob)

    def test_busy_or_unready_salesperson_leaves_it_to_the_rules(self):
        self.erin.user_id = self.bob
        self.busy(self.bob)
        self.assertEqual(self.book(self.round_robin, partners=[self.erin]).user_id, self.alice)
        self.erin.user_id = self.carol  # free, but no Zoom
        self.assertEqual(self.book(self.round_robin, start=MONDAY + timedelta(hours=2),
                                   partners=[self.erin]).user_id, self.alice)

    def test_salesperson_who_is_not_a_member_changes_nothing(self):
        self.erin.user_id = self._make_user("dave", "Dave Doe")
        self.assertEqual(self.book(self.round_robin, partners=[self.erin]).user_id, self.alice)


class RotationOnTheFormTests(RoundRobinRulesTests):

    def test_form_shows_bookings_share_target_and_why_not(self):
        self.line(self.alice).weight = 300
        with freeze_time("2031-03-03 08:00:00"):
            self.book(self.round_robin, start=MONDAY + timedelta(days=1), host=self.alice)
            self.book(self.round_robin, start=MONDAY + timedelta(days=1), host=self.bob)
            self.book(self.round_robin, start=MONDAY + timedelta(days=2), host=self.bob)
            self.busy(self.bob, MONDAY - timedelta(hours=1), hours=2)  # 08:00-10:00, now
            self.invalidate()
            alice, bob, carol = self.line(self.alice), self.line(self.bob), self.line(self.carol)
            self.assertEqual((alice.window_booking_count, bob.window_booking_count), (1, 2))
            self.assertAlmostEqual(bob.booking_share, 66.7, places=1)
            self.assertAlmostEqual(alice.weight_share, 60.0)
            self.assertAlmostEqual(carol.weight_share, 20.0)
            self.assertFalse(alice.host_blocker)
            self.assertIn("busy", bob.host_blocker)
            self.assertIn("no Zoom account", carol.host_blocker)


class PreferOwnerOnThePublicPageTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.connect(self.bob)
        self.round_robin.write({"booking_public": True, "rr_prefer_owner": True, "tz": "UTC",
                                "booking_min_fill_seconds": 0, "booking_limit_per_address": 0})
        self.round_robin.member_line_ids.filtered(lambda line: line.user_id == self.alice).priority = "high"
        self.erin.user_id = self.bob
        self.checkpoint()

    def _book_as(self, name, email):
        text = self.url_open("/book/%s" % self.round_robin.id).text
        slot = sorted(re.findall(r'data-slot="([^"]+)"', text))[0]
        form = self.url_open("/book/%s/slot?slot=%s" % (self.round_robin.id, slot)).text
        # Every hidden field of the form (csrf token, form token...), as a browser sends them.
        data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        data.update(slot=slot, name=name, email=email)
        self.checkpoint()
        response = self.url_open("/book/%s/slot" % self.round_robin.id, data=data)
        self.assertEqual(response.status_code, 200,
                         re.findall(r"o_(?:booking_error|field_message)[^>]*>([^<]*)", response.text))
        self.invalidate()
        event = self.env["calendar.event"].search([("group_calendar_id", "=", self.round_robin.id)],
                                                  order="id desc", limit=1)
        return response, event, slot

    def test_contact_known_by_email_only_gets_their_salesperson_and_learns_nothing(self):
        # Another name than the contact's: a new contact is made (issue 10's
        # rule: the visitor learns nothing of the known one), yet the
        # salesperson of the contact with that email hosts.
        response, event, _slot = self._book_as("E. Ext", "erin@EXAMPLE.org")
        self.assertEqual(event.user_id, self.bob)
        visitor = event.partner_ids - event.user_id.partner_id
        self.assertNotEqual(visitor, self.erin)
        self.assertEqual(visitor.name, "E. Ext")
        self.assertNotIn(self.erin.name, response.text)
        # Without the rule, alice's higher priority wins the next booking.
        self.round_robin.rr_prefer_owner = False
        self.assertEqual(self._book_as("E. Ext", "erin@example.org")[1].user_id, self.alice)

    def test_known_contact_gets_their_salesperson_and_learns_nothing(self):
        self.erin.write({"phone": "+32 470 12 34 56", "street": "Rue de la Loi 16"})
        response, event, slot = self._book_as("Erin External", "ERIN@example.org")
        self.assertEqual(event.user_id, self.bob)
        self.assertEqual(event.start, self.orm_datetime(booking_slots.parse_slot(slot)))
        # The contact is found as _public_partner finds it (email and name),
        # and the page shows nothing of it the visitor did not type.
        self.assertIn(self.erin, event.partner_ids)
        for secret in ("+32 470 12 34 56", "Rue de la Loi"):
            self.assertNotIn(secret, response.text)
        self.assert_known_email_not_shown(response)
