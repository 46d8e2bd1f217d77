"""Group calendars that follow each host's own meeting location (issue 12, 1):
the tests both addons run.

Each addon's test class inherits these first, beside its version's helpers:
``error_text(exception)`` (a UserError's message), ``as_user(records,
user)`` (the records as that user acts on them) and
``invalidate_fields(records, fnames)`` (those fields dropped from the
ORM's cache)."""
from datetime import timedelta

from odoo.exceptions import AccessError, UserError

from odoo.addons.zoom_calendar.tests.common import MONDAY


class HostMeetingLocationTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.carol.partner_id.phone = "+32 2 555 01 02"

    def test_new_group_calendar_follows_each_host_by_default(self):
        group = self.env["calendar.group"].create({"name": "Support", "member_ids": [(6, 0, self.alice.ids)]})
        self.assertEqual(group.meeting_location, "host")

    def test_host_on_zoom_gets_a_meeting(self):
        event = self.book(self.round_robin, host=self.alice)
        self.assertEqual(event.booking_location, "zoom")
        self.assertEqual(event.zoom_meeting_id.status, "scheduled")
        self.assertEqual(len(self.zoom_meetings()), 1)

    def test_host_on_the_phone_gets_no_meeting_and_needs_no_zoom(self):
        self.carol.meeting_location = "phone"
        event = self.book(self.round_robin, host=self.carol, partners=self.erin)
        self.assertEqual(event.booking_location, "phone")
        self.assertFalse(event.zoom_meeting_id)
        self.assertEqual(event.location, "Phone call: +32 2 555 01 02")
        self.assertEqual(self.zoom_meetings(), [])

    def test_round_robin_skips_zoom_member_without_zoom_but_not_phone_member(self):
        self.busy(self.alice, hours=2)
        # bob meets on Zoom without a Zoom account: he cannot host.
        self.carol.meeting_location = "phone"
        for start in (MONDAY, MONDAY + timedelta(hours=1)):
            event = self.book(self.round_robin, start=start)
            self.assertEqual(event.user_id, self.carol)
            self.assertFalse(event.zoom_meeting_id)

    def test_round_robin_with_only_unconnected_zoom_members_free_is_a_clear_error(self):
        self.busy(self.alice)
        with self.assertRaises(UserError) as caught:
            self.book(self.round_robin)
        self.assertIn("No free member of Sales Round Robin can host", self.error_text(caught.exception))
        self.assertIn("Bob Baker, Carol Cole", self.error_text(caught.exception))

    def test_requested_host_on_zoom_without_zoom_is_refused(self):
        with self.assertRaises(UserError) as caught:
            self.book(self.round_robin, host=self.bob)
        self.assertIn("Bob Baker meets on Zoom but has no Zoom account connected", self.error_text(caught.exception))

    def test_collective_booking_follows_its_primary_owner(self):
        self.alice.meeting_location = "in_person"
        event = self.book(self.collective)
        self.assertEqual(event.user_id, self.alice)
        self.assertEqual(event.booking_location, "in_person")
        self.assertEqual(event.location, "In person with Alice Archer")
        self.assertFalse(event.zoom_meeting_id)

    def test_changing_ones_location_changes_future_bookings_only(self):
        before = self.book(self.round_robin, host=self.alice)
        meeting = before.zoom_meeting_id
        self.alice.meeting_location = "custom"
        self.alice.meeting_location_custom = "Room 4, Brussels office"
        before.name = "Demo call (moved agenda)"
        self.assertEqual(before.zoom_meeting_id, meeting)
        self.assertEqual(meeting.status, "scheduled")
        self.assertFalse(self.zoom_meeting(before)["deleted"])
        after = self.book(self.round_robin, start=MONDAY + timedelta(hours=2), host=self.alice)
        self.assertEqual(after.booking_location, "custom")
        self.assertEqual(after.location, "Room 4, Brussels office")
        self.assertFalse(after.zoom_meeting_id)

    def test_new_host_brings_their_own_location(self):
        self.carol.meeting_location = "phone"
        event = self.book(self.round_robin, host=self.alice)
        zoom_id = event.zoom_meeting_id.zoom_meeting_id
        event.user_id = self.carol
        self.assertEqual(event.booking_location, "phone")
        self.assertFalse(event.zoom_meeting_id)
        self.assertEqual(event.location, "Phone call: +32 2 555 01 02")
        deleted = [m for m in self.zoom_meetings() if m["id"] == zoom_id]
        self.assertTrue(deleted[0]["deleted"])

    def test_calendar_on_zoom_ignores_the_hosts_own_location(self):
        self.round_robin.meeting_location = "zoom"
        self.alice.meeting_location = "phone"
        event = self.book(self.round_robin, host=self.alice)
        self.assertEqual(event.booking_location, "zoom")
        self.assertTrue(event.zoom_meeting_id)

    def test_calendar_form_names_the_members_who_cannot_host(self):
        self.carol.meeting_location = "phone"
        warning = self.round_robin.host_warning
        self.assertIn("Bob Baker: meets on Zoom but has no Zoom account connected", warning)
        self.assertNotIn("Alice", warning)
        self.assertNotIn("Carol", warning)
        self.round_robin.meeting_location = "phone"
        self.invalidate_fields(self.round_robin, ["host_warning"])
        self.assertFalse(self.round_robin.host_warning)

    def test_calendar_form_names_members_who_must_reconnect(self):
        self.alice.zoom_account_ids._mark_reconnect_needed_durably("token revoked")
        self.assertIn("Alice Archer: meets on Zoom but must reconnect", self.round_robin.host_warning)

    def test_booking_page_offers_phone_members_without_zoom(self):
        self.carol.meeting_location = "phone"
        self.assertEqual(self.round_robin._booking_hosts(), self.alice | self.carol)

    def test_booking_location_is_set_by_the_addon_only(self):
        self.carol.meeting_location = "phone"
        event = self.book(self.round_robin, host=self.carol)
        with self.assertRaises(AccessError):
            self.as_user(event, self.carol).write({"booking_location": "zoom"})
        with self.assertRaises(AccessError):
            event.write({"booking_location": "zoom"})
        self.assertEqual(event.booking_location, "phone")
