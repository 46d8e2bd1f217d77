"""17.0's own video-call field: a Zoom booking's join link is
``calendar.event.videocall_location`` (Odoo's *Join video call* button, the
invitations and the popover show it), set when Zoom made the meeting, moved
with it, and never replaced by a Discuss call."""
import contextlib
import re
from datetime import timedelta

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form
from odoo.tools.safe_eval import safe_eval

from .common import MONDAY, ZoomCase

BASIC = 1
NAME_RE = re.compile(r"\b[a-z_][a-z0-9_]*\b")


def discuss_buttons_shown(event, values=None):
    """For each Discuss button ("Odoo meeting") of 17.0's event form as the
    addon leaves it: whether the web client shows it for ``event`` (its
    ``invisible`` expression evaluated on the event's values, as the web
    client does)."""
    view = event.env.ref("calendar.view_calendar_event_form")
    arch = etree.fromstring(event.get_view(view.id, "form")["arch"])
    shown = []
    for button in arch.iter("button"):
        if button.get("name") != "set_discuss_videocall_location":
            continue
        expression = button.get("invisible") or "False"
        names = {name for name in NAME_RE.findall(expression) if name in event._fields}
        scope = dict(values or {})
        for name in names - set(scope):
            value = event[name]
            scope[name] = value.id if hasattr(value, "_name") else value
        shown.append(not safe_eval(expression, scope))
    return shown


class TestVideocallLocation(ZoomCase):

    def setUp(self):
        super().setUp()
        self.connect(self.alice)
        self.env["mail.mail"].search([]).unlink()

    def test_the_join_link_is_odoos_video_call(self):
        event = self.book(self.collective, partners=self.erin)
        meeting = event.zoom_meeting_id
        self.assertEqual(meeting.status, "scheduled")
        self.assertTrue(meeting.join_url)
        self.assertEqual(event.videocall_location, meeting.join_url)
        self.assertEqual(event.videocall_location, self.zoom_meeting(event)["join_url"])
        self.assertEqual(event.videocall_source, "custom")  # not Discuss
        self.assertFalse(event.videocall_channel_id)
        action = event.action_join_video_call()
        self.assertEqual(action["url"], meeting.join_url)

    def test_a_booking_waiting_for_zoom_gets_the_link_when_zoom_takes_it(self):
        self.fake.control.fault(path="/v2/users/*/meetings", method="POST", count=1, status=503)
        event = self.book(self.collective, partners=self.erin)
        self.assertEqual(event.zoom_meeting_id.status, "pending")
        self.assertFalse(event.videocall_location)  # no link yet, and no Discuss call instead
        event.zoom_meeting_id.action_retry()
        self.assertEqual(event.zoom_meeting_id.status, "scheduled")
        self.assertEqual(event.videocall_location, event.zoom_meeting_id.join_url)

    def test_a_basic_hosts_shared_link_is_the_video_call_and_is_in_the_invitations(self):
        self.connect(self.alice, user_type=BASIC)
        event = self.book(self.collective, partners=self.erin | self.frank)
        self.assertEqual(event.videocall_location, event.zoom_meeting_id.join_url)
        for partner in (self.erin, self.frank):
            self.assertIn(event.videocall_location, self.mail_text(self.mails_to(partner)), partner.name)

    def test_a_licensed_hosts_external_attendee_gets_their_personal_link(self):
        event = self.book(self.round_robin, host=self.alice, partners=self.erin)
        personal = event.zoom_meeting_id.registrant_ids.filtered(lambda reg: reg.partner_id == self.erin).join_url
        self.assertTrue(personal)
        self.assertEqual(event.videocall_location, event.zoom_meeting_id.join_url)
        self.assertIn(personal, self.mail_text(self.mails_to(self.erin)))

    def test_a_discuss_call_does_not_replace_the_zoom_link(self):
        event = self.book(self.collective)
        join_url = event.zoom_meeting_id.join_url
        discuss = event.get_discuss_videocall_location()
        for user in (self.alice, self.bob):
            with self.subTest(user=user.name), contextlib.suppress(UserError, AccessError, ValidationError), \
                    self.cr.savepoint():
                event.with_user(user).write({"videocall_location": discuss})
        event.invalidate_recordset()
        self.assertEqual(event.videocall_location, join_url)

    def test_a_plain_event_keeps_odoos_video_call(self):
        # Events that are not Zoom bookings are left to Odoo: Discuss as usual.
        plain = self.busy(self.carol)
        plain._set_discuss_videocall_location()
        self.assertEqual(plain.videocall_source, "discuss")
        self.assertFalse(plain.zoom_meeting_id)

    def test_a_moved_booking_keeps_its_link_and_a_deleted_one_takes_it_away(self):
        event = self.book(self.collective)
        join_url = event.videocall_location
        event.write({"start": MONDAY + timedelta(hours=2), "stop": MONDAY + timedelta(hours=3)})
        self.assertEqual(event.videocall_location, join_url)
        self.assertTrue(self.zoom_meeting(event)["start_time"].startswith("2031-03-03T11:00"))
        zoom_id = event.zoom_meeting_id.zoom_meeting_id
        event.unlink()
        self.assertTrue([m for m in self.zoom_meetings() if str(m["id"]) == zoom_id][0]["deleted"])

    def test_the_form_offers_no_discuss_call_on_a_zoom_booking(self):
        plain = self.busy(self.alice, MONDAY + timedelta(days=3))
        # Seen by alice, who may edit them all: Odoo's own button on her plain event.
        self.assertIn(True, discuss_buttons_shown(plain.with_user(self.alice)))
        scheduled = self.book(self.collective)
        self.fake.control.fault(path="/v2/users/*/meetings", method="POST", count=1, status=503)
        pending = self.book(self.collective, start=MONDAY + timedelta(days=1))
        self.assertEqual(pending.zoom_meeting_id.status, "pending")  # no link yet
        for event in (scheduled, pending):
            with self.subTest(status=event.zoom_meeting_id.status):
                self.assertTrue(event.with_user(self.alice).user_can_edit)
                shown = discuss_buttons_shown(event.with_user(self.alice))
                self.assertTrue(shown)
                self.assertNotIn(True, shown)

    def test_the_form_offers_no_discuss_call_once_a_zoom_calendar_is_chosen(self):
        form = Form(self.env["calendar.event"])
        form.name = "New booking"
        form.start = MONDAY + timedelta(days=2)
        form.stop = MONDAY + timedelta(days=2, hours=1)
        form.group_calendar_id = self.round_robin
        values = {"group_calendar_id": self.round_robin.id, "booking_location": form.booking_location,
                  "videocall_location": form.videocall_location, "zoom_meeting_id": False,
                  "user_can_edit": True, "videocall_source": "custom"}
        shown = discuss_buttons_shown(self.env["calendar.event"], values)
        self.assertTrue(shown)
        self.assertNotIn(True, shown)
