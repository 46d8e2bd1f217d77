"""Rules of issue 11 seen from outside: the host's *Retry now* over RPC, a
meeting.updated that only echoes the addon's own change, one builder of what
Zoom holds (a description edit reaches Zoom).

The addon's test class inherits these beside its ZoomHttpCase, and provides
what reads differently in its Odoo: ``call(user, model, method, *args)``
(over XML-RPC, as ``user``), ``server_url()`` (the test server's),
``reread(event)`` (what a request wrote, read again), ``orm_datetime(value)``
(a datetime as its ORM's write takes it) and ``assert_link_shown(event,
join_url)`` (the booking shows its Zoom link)."""
import xmlrpc.client
from datetime import datetime

CREATE = "/v2/users/*/meetings"


class Issue11RulesTests(object):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)

    def test_the_host_retries_now_over_rpc(self):
        self.fake.control.fault(path=CREATE, method="POST", count=1, status=503)
        event = self.book(self.collective, partners=self.erin)
        meeting = event.zoom_meeting_id
        self.assertEqual(meeting.status, "pending")
        self.call(self.alice, "zoom.meeting", "action_retry", [meeting.id])
        self.assertEqual(meeting.status, "scheduled")
        self.assertEqual(self.zoom_meeting(event)["join_url"], meeting.join_url)
        self.assert_link_shown(event, meeting.join_url)
        # From the booking too, as the host; another user may not.
        self.fake.control.fault(path="/v2/meetings/*", method="PATCH", count=-1, status=503)
        event.write({"name": "Renamed"})
        self.assertEqual(meeting.pending_operation, "update")
        with self.assertRaises(xmlrpc.client.Fault):
            self.call(self.bob, "zoom.meeting", "action_retry", [meeting.id])
        self.fake.control.clear_faults()
        self.call(self.alice, "calendar.event", "action_zoom_retry", [event.id])
        self.assertFalse(meeting.pending_operation)
        self.assertEqual(self.zoom_meeting(event)["topic"], "Renamed")

    def test_a_description_edit_reaches_zoom(self):
        event = self.book(self.collective)
        event.write({"description": "Bring the contract"})
        self.assertIn("Bring the contract", self.zoom_meeting(event)["agenda"])

    def updated(self, event, changes):
        self.checkpoint()  # the webhook's request reads the test's cursor
        answer = self.fake.control.send_webhook(
            self.server_url() + "/zoom/webhook", "meeting.updated",
            meeting_id=event.zoom_meeting_id.zoom_meeting_id, changes=changes)
        self.assertEqual(answer["status"], 200)
        self.reread(event)
        return event.message_ids.filtered(lambda m: "changed in Zoom" in (m.body or ""))

    def test_an_echo_of_the_addons_own_change_tells_nobody(self):
        event = self.book(self.collective)
        event.write({"start": self.orm_datetime(datetime(2031, 3, 5, 14, 0)),
                     "stop": self.orm_datetime(datetime(2031, 3, 5, 15, 0))})
        sent = self.zoom_meeting(event)
        # What Zoom notifies after the addon's own PATCH: the same values.
        notes = self.updated(event, {"start_time": sent["start_time"], "topic": sent["topic"]})
        self.assertFalse(notes)
        # A real change made in Zoom still tells the host.
        notes = self.updated(event, {"start_time": "2031-03-05T16:00:00Z"})
        self.assertEqual(len(notes), 1)
        self.assertIn(self.alice.partner_id, notes.partner_ids)
