"""Each change of a booking leaves Zoom (the fake server's meeting list)
and Odoo in agreement: the tests both addons run.

Each addon's test class inherits these first, beside its version's helpers:
``assert_join_link_shown(event, join_url)`` (where its calendar shows an
event's Zoom link), ``assert_video_call_link(event, join_url)`` and
``assert_no_video_call(event)`` (Odoo 17's video call field, which Odoo 11
has not)."""


class MeetingSyncTests(object):
    """Each change of a booking leaves Zoom (the fake server's meeting list)
    and Odoo in agreement."""

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.connect(self.bob)
        self.event = self.book(self.round_robin, partners=self.erin, name="Intro call")

    def active_registrants(self, event):
        return sorted(reg["email"] for reg in self.zoom_meeting(event)["registrants"]
                      if reg["status"] != "cancelled")

    def test_new_booking_gets_its_own_meeting(self):
        zoom = self.zoom_meeting(self.event)
        self.assertEqual(zoom["topic"], "Intro call")
        self.assertEqual(zoom["start_time"], "2031-03-03T09:00:00Z")
        self.assertEqual(zoom["duration"], 30)
        self.assertEqual(zoom["host_email"], self.event.user_id.email)
        self.assertEqual(self.event.zoom_join_url, zoom["join_url"])
        self.assert_join_link_shown(self.event, zoom["join_url"])
        self.assertEqual(self.event.zoom_meeting_id.status, "scheduled")
        other = self.book(self.round_robin, partners=self.erin, name="Second call")
        self.assertNotEqual(other.zoom_join_url, self.event.zoom_join_url)
        self.assertEqual(len(self.zoom_meetings()), 2)

    def test_meeting_payload_is_what_zoom_expects(self):
        zoom = self.zoom_meeting(self.event)
        self.assertEqual(zoom["timezone"], "UTC")
        self.assertEqual(zoom["settings"]["approval_type"], 0)
        self.assertIn("[odoo-booking:", zoom["agenda"])

    def test_reschedule_updates_the_meeting(self):
        self.event.write({"start": "2031-03-05 14:00:00", "stop": "2031-03-05 15:00:00", "duration": 1.0})
        zoom = self.zoom_meeting(self.event)
        self.assertEqual(zoom["start_time"], "2031-03-05T14:00:00Z")
        self.assertEqual(zoom["duration"], 60)
        self.assertEqual(len(self.zoom_meetings()), 1)

    def test_subject_change_updates_the_topic(self):
        self.event.name = "Renamed call"
        self.assertEqual(self.zoom_meeting(self.event)["topic"], "Renamed call")

    def test_unrelated_change_sends_nothing_to_zoom(self):
        self.fake.control.clear_requests()
        self.event.write({"name": "Intro call"})  # same value
        self.event.write({"privacy": "private"})
        self.assertEqual(self.fake.control.requests_log(), [])

    def test_adding_and_removing_attendees_follows_to_registrants(self):
        self.event.write({"partner_ids": [(4, self.frank.id)]})
        self.assertEqual(self.active_registrants(self.event), ["erin@example.org", "frank@example.org"])
        self.event.write({"partner_ids": [(3, self.erin.id)]})
        self.assertEqual(self.active_registrants(self.event), ["frank@example.org"])
        registrants = self.event.zoom_meeting_id.registrant_ids
        self.assertEqual(registrants.filtered(lambda r: r.state == "cancelled").email, "erin@example.org")

    def test_internal_attendees_are_not_registered(self):
        self.event.write({"partner_ids": [(4, self.carol.partner_id.id)]})
        self.assertEqual(self.active_registrants(self.event), ["erin@example.org"])

    def test_host_change_moves_the_meeting_to_the_new_host(self):
        old_host = self.event.user_id
        new_host = (self.alice | self.bob) - old_host
        old_zoom_id = self.event.zoom_meeting_id.zoom_meeting_id
        self.event.user_id = new_host
        meetings = {m["id"]: m for m in self.zoom_meetings()}
        self.assertTrue(meetings[old_zoom_id]["deleted"])
        zoom = self.zoom_meeting(self.event)
        self.assertFalse(zoom["deleted"])
        self.assertEqual(zoom["host_email"], new_host.email)
        self.assertEqual([r["email"] for r in zoom["registrants"]], ["erin@example.org"])
        self.assertIn(new_host.partner_id, self.event.partner_ids)

    def test_host_change_to_a_busy_member_is_refused(self):
        new_host = (self.alice | self.bob) - self.event.user_id
        self.busy(new_host)
        with self.assertRaises(Exception), self.cr.savepoint():
            self.event.user_id = new_host

    def test_archiving_deletes_the_meeting(self):
        meeting = self.event.zoom_meeting_id
        self.event.active = False
        self.assertTrue(self.zoom_meeting_by_id(meeting.zoom_meeting_id)["deleted"])
        self.assertEqual(meeting.status, "deleted")
        self.assertFalse(self.event.zoom_meeting_id)

    def test_deleting_deletes_the_meeting(self):
        meeting = self.event.zoom_meeting_id
        self.event.unlink()
        self.assertTrue(self.zoom_meeting_by_id(meeting.zoom_meeting_id)["deleted"])
        self.assertEqual(meeting.status, "deleted")

    def test_deleting_a_meeting_already_gone_at_zoom_is_fine(self):
        meeting = self.event.zoom_meeting_id
        meeting._host_account()._zoom_client().delete_meeting(meeting.zoom_meeting_id)
        self.event.unlink()
        self.assertEqual(meeting.status, "deleted")
        self.assertFalse(meeting.last_error)

    def test_calendar_leaving_zoom_deletes_upcoming_meetings(self):
        meeting = self.event.zoom_meeting_id
        self.round_robin.meeting_location = "in_person"
        self.assertTrue(self.zoom_meeting_by_id(meeting.zoom_meeting_id)["deleted"])
        self.assertFalse(self.event.zoom_meeting_id)
        self.assertIn("In person", self.event.location)
        self.assert_no_video_call(self.event)

    def test_moving_the_booking_off_the_group_calendar_deletes_the_meeting(self):
        meeting = self.event.zoom_meeting_id
        self.event.group_calendar_id = False
        self.assertTrue(self.zoom_meeting_by_id(meeting.zoom_meeting_id)["deleted"])

    def test_meeting_deleted_in_zoom_is_recreated_on_the_next_change(self):
        meeting = self.event.zoom_meeting_id
        old_zoom_id = meeting.zoom_meeting_id
        meeting._host_account()._zoom_client().delete_meeting(old_zoom_id)
        self.event.write({"start": "2031-03-05 14:00:00", "stop": "2031-03-05 14:30:00"})
        self.assertNotEqual(meeting.zoom_meeting_id, old_zoom_id)
        zoom = self.zoom_meeting(self.event)
        self.assertEqual(zoom["start_time"], "2031-03-05T14:00:00Z")
        self.assertEqual(self.event.zoom_join_url, zoom["join_url"])
        self.assert_video_call_link(self.event, zoom["join_url"])

    def test_all_day_zoom_booking_is_refused(self):
        with self.assertRaises(Exception) as caught, self.cr.savepoint():
            self.event.write({"allday": True, "start_date": "2031-03-03", "stop_date": "2031-03-03"})
        self.assertIn("cannot last all day", str(caught.exception))

    def zoom_meeting_by_id(self, zoom_id):
        return [m for m in self.zoom_meetings() if m["id"] == zoom_id][0]
