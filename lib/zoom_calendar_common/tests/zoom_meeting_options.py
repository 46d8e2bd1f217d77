"""A group calendar's Zoom meeting options (issue 12, 3): sent when a
meeting is made, sent again to upcoming meetings when they change, and
what a Basic account cannot do is left out with a note: the tests both
addons run."""
from datetime import timedelta

from freezegun import freeze_time

from odoo.addons.zoom_calendar.tests.common import MONDAY


class ZoomMeetingOptionsTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)

    def test_new_calendar_has_a_passcode_and_no_waiting_room_or_early_join(self):
        event = self.book(self.round_robin, host=self.alice)
        at_zoom = self.zoom_meeting(event)
        self.assertTrue(at_zoom["password"])
        self.assertEqual(at_zoom["password"], event.zoom_meeting_id.password)
        self.assertIs(at_zoom["settings"]["waiting_room"], False)
        self.assertIs(at_zoom["settings"]["join_before_host"], False)

    def test_the_calendars_options_are_sent_with_the_meeting(self):
        self.round_robin.write({"zoom_waiting_room": "on", "zoom_mute_upon_entry": "on",
                                "zoom_join_before_host": "on", "zoom_auto_recording": "cloud"})
        settings = self.zoom_meeting(self.book(self.round_robin, host=self.alice))["settings"]
        self.assertEqual((settings["waiting_room"], settings["mute_upon_entry"], settings["join_before_host"],
                          settings["auto_recording"]), (True, True, True, "cloud"))

    def test_changed_options_reach_upcoming_meetings_only(self):
        with freeze_time("2031-03-01 10:00:00"):
            past = self.book(self.round_robin, host=self.alice)
            upcoming = self.book(self.round_robin, host=self.alice, start=MONDAY + timedelta(days=7))
        passcode = upcoming.zoom_meeting_id.password
        with freeze_time("2031-03-05 10:00:00"):
            self.round_robin.write({"zoom_waiting_room": "on", "zoom_auto_recording": "local"})
        settings = self.zoom_meeting(upcoming)["settings"]
        self.assertEqual((settings["waiting_room"], settings["auto_recording"]), (True, "local"))
        self.assertEqual(self.zoom_meeting(upcoming)["password"], passcode)  # the invitations' link still works
        self.assertIs(self.zoom_meeting(past)["settings"]["waiting_room"], False)
        self.assertFalse(upcoming.zoom_meeting_id.pending_operation)

    def test_cloud_recording_is_dropped_for_a_basic_host_with_a_note(self):
        self.connect(self.bob, user_type=1)
        self.round_robin.write({"zoom_auto_recording": "cloud", "zoom_passcode": "default"})
        event = self.book(self.round_robin, host=self.bob, partners=self.erin)
        meeting = event.zoom_meeting_id
        self.assertEqual(meeting.status, "scheduled")
        self.assertFalse(meeting.last_error)
        at_zoom = self.zoom_meeting(event)
        self.assertNotEqual(at_zoom["settings"]["auto_recording"], "cloud")
        self.assertTrue(at_zoom["password"])  # a Basic host's shared link always has one
        notes = event.message_ids.filtered(lambda msg: "Cloud recording is not available" in (msg.body or ""))
        self.assertEqual(len(notes), 1)
        # A licensed host on the same calendar records in the cloud.
        licensed = self.book(self.round_robin, host=self.alice, start=MONDAY + timedelta(hours=2))
        self.assertEqual(self.zoom_meeting(licensed)["settings"]["auto_recording"], "cloud")
