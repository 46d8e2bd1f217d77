"""zoom.meeting, declared once for both addons (see the package's
docstring): its fields and the methods that read the same; each addon's
ZoomMeeting extends it with its CRUD and what differs between Odoo 11.0
and 17.0."""
import json
import threading
from contextlib import nullcontext
from datetime import datetime, timedelta
from functools import partial

import psycopg2
import pytz
from psycopg2 import errorcodes

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from zoom_scheduling import attendance, meeting_life
from zoom_scheduling.meeting_payload import (changed_in_zoom, dropped_options, find_by_marker, meeting_payload,
                                             refuses_alternative_hosts, registrant_names, without_refused_co_hosts)
from zoom_scheduling.zoom_api import (ZoomAuthError, ZoomBadRequest, ZoomError, ZoomNotFound, ZoomRateLimited,
                                      ZoomRegistrationDisabled, call_while)

from .. import ADDON, addon_logger
from ..i18n import _

from .owned_fields import as_owner

_logger = addon_logger("models.zoom_meeting")

STATUSES = [
    ("pending", "Pending"),
    ("scheduled", "Scheduled"),
    ("started", "Started"),
    ("ended", "Ended"),
    ("deleted", "Deleted"),
    ("failed", "Failed"),
]
# How long a worker holds a meeting it runs: longer than its Zoom calls can
# take (timeouts and retries included); a worker that died frees it then.
LEASE = timedelta(minutes=5)
# _claim's statement: takes a meeting's pending operation if it is due
# (%(now)s) and no other worker holds it, counts the attempt and sets the
# lease (%(lease)s); returns the meeting's row as it left it.
CLAIM = """
            UPDATE zoom_meeting SET attempts = COALESCE(attempts, 0) + 1, next_retry_at = %(lease)s
             WHERE id = (SELECT id FROM zoom_meeting
                          WHERE id = %(id)s AND pending_operation IS NOT NULL
                            AND (next_retry_at IS NULL OR next_retry_at <= %(now)s)
                            FOR UPDATE SKIP LOCKED)
            RETURNING *"""
# What a finished operation leaves.
DONE = {"pending_operation": False, "attempts": 0, "next_retry_at": False, "last_error": False}


CONCURRENCY_ERRORS = (errorcodes.SERIALIZATION_FAILURE, errorcodes.DEADLOCK_DETECTED,
                      errorcodes.LOCK_NOT_AVAILABLE)


def _runs_now(env):
    """Odoo's test runner never commits (on 17.0, its cursor drops
    post-commit callbacks): there, the after-commit work runs at once in
    the current transaction (Odoo 11's mail does the same)."""
    return getattr(threading.current_thread(), "testing", False) or env.registry.in_test_mode()


class ZoomMeetingCommon(models.Model):
    """One Zoom meeting created for one booking, with the host's own account.

    The record outlives its booking so that a delete Zoom refused can be
    retried, and so the history of every meeting stays visible."""

    _name = "zoom.meeting"
    _module = ADDON  # see the package's docstring
    _description = "Zoom Meeting"
    _order = "start desc, id desc"

    name = fields.Char(string="Topic", required=True, readonly=True)
    event_id = fields.Many2one(
        "calendar.event", string="Booking", ondelete="set null", index=True, readonly=True)
    host_user_id = fields.Many2one(
        "res.users", string="Host", required=True, index=True, readonly=True)
    zoom_account_id = fields.Many2one(
        "zoom.account", string="Host's Zoom Account", ondelete="set null", readonly=True)
    zoom_meeting_id = fields.Char(string="Zoom Meeting ID", index=True, readonly=True, copy=False)
    join_url = fields.Char(string="Join Link", readonly=True)
    password = fields.Char(readonly=True)
    start_url_private = fields.Char(groups="zoom_calendar.group_zoom_admin", readonly=True)
    start_url = fields.Char(
        string="Start Link", compute="_compute_start_url",
        help="The host's link to start the meeting (shown to the host and Zoom "
             "administrators only). Zoom makes it expire after two hours: use "
             "the Start button for a fresh one.")
    start = fields.Datetime(readonly=True)
    duration = fields.Integer(string="Duration (minutes)", readonly=True)
    timezone = fields.Char(readonly=True)
    status = fields.Selection(STATUSES, required=True, default="pending", index=True, readonly=True)
    pending_operation = fields.Selection(
        [("create", "Create"), ("update", "Update"), ("delete", "Delete")],
        index=True, readonly=True, copy=False,
        help="The Zoom call this meeting waits for: made right after the booking commits, and "
             "retried by the scheduled action when it failed for a passing reason.")
    attempts = fields.Integer(readonly=True, copy=False)
    next_retry_at = fields.Datetime(readonly=True, copy=False)
    last_error = fields.Char(readonly=True, copy=False)
    registrant_ids = fields.One2many("zoom.meeting.registrant", "meeting_id", readonly=True)
    payload_sent = fields.Text(
        readonly=True, copy=False, groups="base.group_system",
        help="What this addon last sent Zoom (JSON): a change is sent only when it differs, and a "
             "meeting.updated notification that only repeats it is this addon's own change.")
    refused_co_hosts = fields.Char(
        string="Co-hosts Zoom Refused", readonly=True, copy=False,
        help="The alternative hosts Zoom refused for this meeting (they are not licensed users "
             "of the host's Zoom account): not asked for again until the members change.")
    personal_links = fields.Boolean(
        readonly=True, default=True,
        help="Each external attendee gets a personal join link (a Zoom registrant). "
             "Off for a Basic Zoom host, whose meetings take no registrants: "
             "every attendee gets the meeting's join link.")
    # Attendance, from Zoom's meeting.participant_joined / _left webhooks.
    participant_ids = fields.One2many("zoom.meeting.participant", "meeting_id", readonly=True)
    attended_count = fields.Integer(string="Came", compute="_compute_attendance", store=True)
    no_show_count = fields.Integer(string="No-shows", compute="_compute_attendance", store=True)
    host_attended = fields.Boolean(string="Host Came", compute="_compute_attendance", store=True)

    @api.depends("host_user_id")
    def _compute_start_url(self):
        for meeting in self:
            meeting.start_url = meeting._start_url_for(self.env.user)

    def _start_url_for(self, user):
        """The one rule for who sees a start link (which starts the meeting
        as its host): the meeting's own host and Zoom administrators."""
        self.ensure_one()
        if self.host_user_id == user or user.has_group("zoom_calendar.group_zoom_admin"):
            return self.sudo().start_url_private
        return False

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_start(self):
        """Opens a fresh start link: the stored one expires after two hours."""
        self.ensure_one()
        if self.host_user_id != self.env.user:
            raise UserError(_("Only the host, %s, can start this Zoom meeting.") % self.host_user_id.name)
        if self.status not in ("scheduled", "started", "ended") or not self.zoom_meeting_id:
            raise UserError(_("This Zoom meeting is not scheduled in Zoom."))
        meeting = self.sudo()
        try:
            _account, client = meeting._host_client()
            data = client.get_meeting(meeting.zoom_meeting_id)
        except ZoomError as error:
            raise UserError(error.message)
        meeting.start_url_private = data.get("start_url") or meeting.start_url_private
        return {"type": "ir.actions.act_url", "url": meeting.start_url_private, "target": "new"}

    def action_retry(self):
        """*Retry now*, for the host (or a Zoom administrator): the record
        rules let them see the meeting; the calls run as the addon."""
        self.check_access_rights("read")
        self.check_access_rule("read")
        meetings = self.sudo().filtered("pending_operation")
        meetings.write({"next_retry_at": fields.Datetime.now()})
        meetings._zoom_push_after_commit()
        return True

    # ------------------------------------------------------------------
    # What Zoom must hold (the booking's transaction records it; the calls
    # run after commit, see _zoom_push_after_commit)
    # ------------------------------------------------------------------

    def _zoom_plan_update(self):
        """The booking changed: its meeting is brought in line after commit
        (nothing is sent when what Zoom holds is already right)."""
        self.filtered(lambda meeting: meeting.status not in ("deleted", "failed")
                      and not meeting.pending_operation).write({
                          "pending_operation": "update", "next_retry_at": fields.Datetime.now()})
        return self

    def _zoom_plan_delete(self):
        """The meeting must go at Zoom, after commit."""
        live = self.filtered(lambda meeting: meeting.status != "deleted")
        live.write({"pending_operation": "delete", "next_retry_at": fields.Datetime.now()})
        return live

    # ------------------------------------------------------------------
    # Zoom operations (the models decide when; these say how)
    # ------------------------------------------------------------------

    @api.model
    def _marker_prefix(self):
        """This database's part of every marker: its uuid's start."""
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid", "")
        return "odoo-booking:%s-" % uuid[:8]

    def _marker(self):
        """A reference unique to this meeting record in this database."""
        return "%s%s" % (self._marker_prefix(), self.id)

    @api.model
    def _zoom_payload_for(self, event, host, marker="", personal_links=True, passcode=None):
        """What Zoom should hold for the booking ``event`` hosted by ``host``:
        the one place that says it (the create and every update send it, and
        what was last sent is kept to tell real changes from echoes). With
        the calendar's Zoom options and, for a collective booking, its
        co-hosts; ``personal_links``: registration on (a Licensed host)."""
        group = event.group_calendar_id
        return meeting_payload(
            topic=event.name, start_utc=self._datetime(event.start),
            duration_minutes=event.duration * 60, timezone=host.tz or "UTC",
            agenda=self._agenda(event), marker=marker, personal_links=personal_links,
            options=group._zoom_options() if group else None, passcode=passcode,
            alternative_hosts=group._co_host_emails(host) if group else ())

    def _zoom_payload(self, passcode=None):
        # Co-hosts Zoom refused for this meeting would be refused again, and
        # the booking told again, at every update.
        return without_refused_co_hosts(
            self._zoom_payload_for(self.event_id, self.host_user_id, self._marker(),
                                   self.personal_links, passcode or self.password),
            self.refused_co_hosts)

    def _send(self, call, payload):
        """``call(payload)``; co-hosts Zoom refuses (their Zoom account changed
        since they connected) are left out, with a note on the booking,
        rather than failing it. A refused create made nothing: sending it
        again is safe. ``payload`` is left as sent (what _sent keeps)."""
        try:
            return call(payload)
        except ZoomBadRequest as error:
            if not payload["settings"].get("alternative_hosts") or not refuses_alternative_hosts(error):
                raise
        refused = payload["settings"].pop("alternative_hosts")
        result = call(payload)
        self.refused_co_hosts = refused
        if self.event_id:
            self.event_id.sudo().message_post(body=_(
                "Zoom refused the other members as alternative hosts of this meeting (they must be "
                "licensed users of the host's Zoom account): only the host can start it."))
        return result

    @api.model
    def _mirror(self, payload):
        """The meeting's own fields, as Zoom holds them after ``payload``."""
        return {
            "name": payload["topic"],
            "start": self._datetime_value(datetime.strptime(payload["start_time"], "%Y-%m-%dT%H:%M:%SZ")),
            "duration": payload["duration"],
            "timezone": payload["timezone"],
        }

    def _sent(self, payload):
        """Remembers what Zoom now holds (for the next change, and to know a
        meeting.updated notification that only echoes it)."""
        return dict(self._mirror(payload), payload_sent=json.dumps(payload, sort_keys=True))

    def _zoom_create(self):
        """Creates the meeting at Zoom. Idempotent: when an earlier try may
        have reached Zoom, the meeting is first looked for by its marker."""
        self.ensure_one()
        if self.zoom_meeting_id:
            return
        with self._zoom_errors("create"):
            account, client = self._host_client()
            data = None
            if self.attempts > 1:
                found = find_by_marker(client.list_meetings(), self._marker())
                # A listing holds neither the passcode nor the start link.
                data = found and client.get_meeting(found["id"])
            if data is None:
                personal_links = account.zoom_user_type == "licensed"
                if self.personal_links != personal_links:
                    self.personal_links = personal_links
                if account._is_capped():
                    raise ZoomRateLimited(daily=True, retry_at=pytz.utc.localize(
                        self._datetime(account.daily_cap_until)))
                payload = self._zoom_payload()
                data = self._send(client.create_meeting, payload)
                if self.personal_links and not data.get("registration_url"):
                    # Zoom made it without registration: the host's account
                    # is no longer Licensed. (A meeting found again by its
                    # marker says nothing of it: listings carry no such link.)
                    self._registration_refused(account, client)
            else:
                payload = self._zoom_payload(passcode=data.get("password"))
            self._write_own(dict(
                self._sent(payload), zoom_account_id=account.id, zoom_meeting_id=str(data["id"]),
                join_url=data["join_url"], password=data.get("password"),
                start_url_private=data.get("start_url"), status="scheduled",
                **DONE))
            if self.event_id:
                self._note_dropped_options()
            if self.event_id.zoom_meeting_id == self:  # not replaced meanwhile (a new host)
                self.event_id._zoom_link_ready(self)

    def _zoom_update(self):
        """Sends what Zoom should hold when it differs from what was sent."""
        self.ensure_one()
        if not self.zoom_meeting_id:
            return self._zoom_create()
        payload = self._zoom_payload()
        if self.payload_sent and json.loads(self.payload_sent) == payload:
            self.write(DONE)
            return
        with self._zoom_errors("update"):
            try:
                _account, client = self._host_client()
                self._send(partial(client.update_meeting, self.zoom_meeting_id), payload)
            except ZoomNotFound:
                # Deleted in Zoom meanwhile: the booking still wants one.
                self.write({"zoom_meeting_id": False, "join_url": False,
                            "start_url_private": False, "status": "pending", "attempts": 1})
                self.registrant_ids.unlink()
                return self._zoom_create()
            self.write(dict(self._sent(payload), **DONE))

    def _zoom_delete(self):
        """Deletes the meeting at Zoom; one already gone there is done too. A
        meeting whose create may have reached Zoom unanswered is looked for
        by its marker first."""
        self.ensure_one()
        with self._zoom_errors("delete"):
            zoom_id = self.zoom_meeting_id
            if not zoom_id and self.attempts > 1 and self.status != "deleted":
                _account, client = self._host_client()
                data = find_by_marker(client.list_meetings(), self._marker())
                zoom_id = data and data["id"]
            if zoom_id and self.status != "deleted":
                _account, client = self._host_client()
                client.delete_meeting(zoom_id)
            self.write(dict(DONE, status="deleted"))
            self.registrant_ids.write({"state": "cancelled"})

    def _zoom_sync_registrants(self, registrants=None, meanwhile=None):
        """Every external attendee with an email has an active registrant
        (their personal join link), added in one batch; removed attendees'
        are cancelled. ``registrants``: the meeting's active ones, when the
        caller knows them. ``meanwhile(partners)``: work that runs while
        Zoom registers ``partners`` (the invitations of everyone else: a
        booking's answer then waits for the longer of the two, not both)."""
        self.ensure_one()
        if not self.zoom_meeting_id or self.status in ("deleted", "failed") or not self.event_id \
                or not self.personal_links:
            return
        wanted = self._registrant_partners()
        active = self._active_registrants() if registrants is None else registrants
        missing = wanted - active.mapped("partner_id")
        extra = active.filtered(lambda reg: reg.partner_id not in wanted)
        if not missing and not extra:
            return
        with self._zoom_errors("update"):
            account, client = self._host_client()
            if extra:
                client.cancel_registrants(self.zoom_meeting_id, [
                    {"id": reg.registrant_id, "email": reg.email} for reg in extra])
                extra.write({"state": "cancelled"})
            if missing:
                people = []
                for partner in missing:
                    first, last = registrant_names(partner.name, partner.email)
                    people.append({"email": partner.email, "first_name": first, "last_name": last})
                register = partial(client.add_registrants, self.zoom_meeting_id, people)
                try:
                    links = call_while(register, partial(meanwhile, missing)) if meanwhile else register()
                except ZoomRegistrationDisabled:
                    # Batch or one by one, Zoom says so alike (400 code 404 / 404).
                    self._registration_refused(account, client)
                    return
                self._store_registrants([(partner, links[partner.email.lower()]) for partner in missing])

    def _note_dropped_options(self):
        """Options of the calendar the host's Zoom account does not allow
        were left out of the meeting: the booking says so, it does not fail."""
        group = self.event_id.group_calendar_id
        dropped = group and dropped_options(group._zoom_options(), self.personal_links)
        if dropped:
            self.event_id.sudo().message_post(body=_(
                "Cloud recording is not available on the host's Basic Zoom account: this meeting "
                "is made without it."))

    def _registration_refused(self, account, client):
        """Zoom takes no registrants for this meeting (its host is not, or no
        longer, Licensed): its attendees get the meeting's own join link,
        which their invitations then hold. Nothing is retried; the host hears
        of the change of their account once (zoom.account)."""
        self.ensure_one()
        self.personal_links = False
        account._refresh_user_type(client)
        if self.event_id:
            self.event_id.sudo().message_post(body=_(
                "Zoom refused personal links for this meeting: its host's Zoom account is not "
                "licensed. Every attendee gets the meeting's join link."))
    # ------------------------------------------------------------------
    # Running the pending operations: after commit, and by the scheduled
    # action
    # ------------------------------------------------------------------

    def _zoom_push_after_commit(self):
        """Runs the meetings' pending Zoom calls once the current transaction
        has committed: in the same request, before its answer (Odoo commits
        the request's cursor, which runs these callbacks, then answers), each
        meeting in a transaction of its own. Nothing to
        undo if the transaction rolls back instead: the calls never ran. If
        Odoo dies meanwhile, the scheduled action finds them pending.

        Under Odoo's test runner (whose transactions never commit) they run
        at once in the current transaction (as Odoo 11's mail does)."""
        if not self:
            return
        if _runs_now(self.env):
            for meeting in self.sudo():
                meeting._zoom_run(commit=False)
            return
        self._push_queue().update(self.ids)

    @api.model
    def _push_now(self, meeting_ids):
        """Runs the meetings ``meeting_ids``, each in a transaction of its
        own, on this cursor (each addon's _push_committed)."""
        raise NotImplementedError

    def _claim(self):
        """Takes this meeting's pending operation if it is due and no other
        worker holds it; counts the attempt and sets the lease. Returns what
        _claimed takes after the claim's commit (falsy: not claimed)."""
        raise NotImplementedError

    def _claimed(self, claimed):
        """After the claim's commit, before the push: the meeting as its
        claim left it (``claimed``: what _claim returned)."""
        raise NotImplementedError

    def _zoom_push(self):
        """The pending operation, then the invitations that waited for it."""
        operation = self.pending_operation
        if operation == "delete" or (operation and not self.event_id):
            self._zoom_delete()
        elif operation in ("create", "update"):
            # A meeting this push makes has no registrants yet, unless its
            # link went to attendees invited before it existed: then
            # _zoom_link_ready added them first.
            new_meeting = operation == "create" and not self.zoom_meeting_id \
                and not self.event_id.zoom_invitations_sent
            if operation == "create":
                self._zoom_create()
            else:
                self._zoom_update()
            if self.zoom_meeting_id:
                self._zoom_sync_registrants(registrants=self._no_registrants_yet() if new_meeting else None,
                                            meanwhile=self._send_invitations_but)
        self._send_invitations_but()

    def _zoom_run(self, commit=True):
        """Runs this meeting's pending operation, alone: claims it (a lease:
        its next try moves a few minutes on, so that no other worker runs it
        meanwhile; committed before any Zoom call), calls Zoom, stores the
        result and sends the invitations that waited for it. A Zoom failure is
        recorded for a retry; any other error is logged with the meeting,
        and its next try moves later. Returns whether it ran."""
        self.ensure_one()
        cr = self.env.cr
        done_step = cr.commit if commit else (lambda: None)
        try:
            # Without commits (tests), a savepoint keeps the failure apart.
            with nullcontext() if commit else cr.savepoint():
                claimed = self._claim()
                if not claimed:
                    return False
                done_step()
                self._claimed(claimed)
                self._zoom_push()
                done_step()
        except Exception as error:
            if commit:
                cr.rollback()
            self.env.clear()
            if isinstance(error, psycopg2.OperationalError) and error.pgcode in CONCURRENCY_ERRORS:
                _logger.info("zoom.meeting %s changed concurrently: retried later", self.id)
            else:
                _logger.exception("Zoom: zoom.meeting %s failed unexpectedly: retried later", self.id)
            self._postpone(_("Unexpected error: %s") % (tools.ustr(error)[:200] or type(error).__name__))
            done_step()
        return True

    @api.model
    def _zoom_run_committed(self, meeting_id):
        """_zoom_run of the meeting ``meeting_id``, as superuser, for each
        addon's _push_committed. _zoom_run records its own failures; what is
        left is the database itself failing: rolled back and logged, and the
        scheduled action retries."""
        try:
            self.sudo().browse(meeting_id)._zoom_run()
        except Exception:
            self.env.cr.rollback()
            _logger.exception("Zoom: zoom.meeting %s could not be run now; the scheduled "
                              "action retries it", meeting_id)

    def _send_invitations_but(self, partners=None):
        """The invitations that waited for this meeting, but those of
        ``partners`` (whose personal links Zoom is still making)."""
        event = self.event_id
        if event and event.zoom_meeting_id == self and event.active:
            event._zoom_send_invitations(but=partners)
    # ------------------------------------------------------------------
    # Failures and retries
    # ------------------------------------------------------------------

    def _zoom_errors(self, operation):
        return _ZoomErrorHandler(self, operation)

    def _failed(self, operation, error):
        """Records a failed Zoom call. Passing failures are retried by the
        scheduled action; a refusal that a retry cannot fix fails for good."""
        self.ensure_one()
        if isinstance(error, ZoomAuthError):
            account = self.zoom_account_id or self.host_user_id.zoom_account_ids[:1]
            if account and account.state == "connected":
                account._mark_reconnect_needed_durably(error.message)
        if isinstance(error, ZoomRateLimited) and error.daily:
            self._host_account()._note_daily_cap(error.retry_at)
        permanent = meeting_life.is_permanent(error)
        values = {"last_error": error.message}
        if permanent:
            values.update(pending_operation=False, next_retry_at=False)
            if operation == "create":
                values["status"] = "failed"
        else:
            values.update(pending_operation=self.pending_operation or operation,
                          next_retry_at=self._datetime_value(self._next_retry(error)))
        self.write(values)
        _logger.warning("Zoom %s failed for zoom.meeting %s: %s", operation, self.id, error.message)
        if self.event_id and operation != "delete":
            self.event_id._zoom_report_failure(self, operation, error, permanent)

    def _next_retry(self, error):
        return meeting_life.next_retry(error, self.attempts, self._datetime(fields.Datetime.now()))

    def _schedule_retry_now(self):
        """Due at once, and run after commit (a host reconnected)."""
        pending = self.filtered("pending_operation")
        pending.write({"next_retry_at": fields.Datetime.now()})
        pending._zoom_push_after_commit()

    @api.model
    def _cron_retry_pending(self, limit=100):
        """Scheduled action: retries the pending Zoom calls that are due, the
        longest-waiting first, each meeting in a transaction of its own (one
        meeting's failure is its own)."""
        due = self.search([
            ("pending_operation", "!=", False),
            ("next_retry_at", "<=", fields.Datetime.now()),
        ], order="next_retry_at, id", limit=limit)
        if _runs_now(self.env):
            for meeting in due:
                meeting._zoom_run(commit=False)
            return True
        self._push_now(due.ids)
        return True

    @api.model
    def _cron_reconcile(self):
        """Scheduled action: deletes the meetings that Zoom holds under this
        database's marker but no live booking owns (a safety net: every
        known way to leave one behind is handled where it happens). Never
        touches another database's meetings, nor meetings it did not make."""
        deleted = []
        for account in self.env["zoom.account"].search([("state", "=", "connected")]):
            try:
                client = account._zoom_client()
                listed = client.list_meetings(meeting_type="scheduled")
            except ZoomError as error:
                _logger.warning("Zoom reconciliation skipped %s: %s", account.zoom_email, error.message)
                continue
            for data, meeting_id in meeting_life.marked_ids(listed, self._marker_prefix()):
                meeting = self.browse(meeting_id).exists()
                if meeting and meeting._owns_at_zoom(str(data["id"])):
                    continue
                try:
                    client.delete_meeting(data["id"])
                    deleted.append(data["id"])
                    _logger.info("Zoom reconciliation: deleted meeting %s (marker %s%s), no live "
                                 "booking holds it", data["id"], self._marker_prefix(), meeting_id)
                except ZoomError as error:
                    _logger.warning("Zoom reconciliation could not delete %s: %s", data["id"], error.message)
        return deleted

    def _owns_at_zoom(self, zoom_id):
        """Whether this record stands for the Zoom meeting ``zoom_id``: its
        booking is live and it is that meeting, or a create whose answer is
        still awaited (the retry adopts it by its marker)."""
        self.ensure_one()
        if self.pending_operation == "delete" or self.status == "deleted":
            return self.pending_operation == "delete"  # its own delete is on its way
        if not (self.event_id and self.event_id.active and self.event_id.zoom_meeting_id == self):
            return False
        return self.zoom_meeting_id == zoom_id or (
            not self.zoom_meeting_id and self.pending_operation == "create")

    # ------------------------------------------------------------------
    # Webhooks
    # ------------------------------------------------------------------

    def _changed_in_zoom(self, zoom_object):
        """The watched fields of a meeting.updated object that differ from
        what this addon last sent."""
        return changed_in_zoom(json.loads(self.sudo().payload_sent or "{}"), zoom_object)

    @api.model
    def _apply_webhook(self, event_name, payload):
        """Applies one Zoom event notification; returns what was done."""
        if event_name == "app_deauthorized":
            zoom_user_id = str(payload.get("user_id") or "")
            accounts = self.env["zoom.account"].sudo().search([("zoom_user_id", "=", zoom_user_id)])
            if accounts:
                accounts._mark_reconnect_needed_durably(_("The Zoom app was removed from the Zoom account."))
            return "deauthorized %d binding(s)" % len(accounts)
        obj = payload.get("object") or {}
        zoom_id = str(obj.get("id") or "").strip()
        meeting = self.sudo().search([("zoom_meeting_id", "=", zoom_id)], limit=1) if zoom_id else self
        if not meeting:
            return "unknown meeting"
        if event_name in (attendance.JOINED, attendance.LEFT):
            return meeting._apply_participant(event_name, obj.get("participant"))
        status = meeting_life.changed_status(event_name, meeting.status)
        if status:
            meeting.status = status
            if status == "ended":
                meeting._close_attendance(attendance.zoom_time_or_now(obj.get("end_time")))
        elif event_name == "meeting.deleted" and meeting.status != "deleted":
            meeting.write({"status": "deleted", "pending_operation": False})
            if meeting.event_id and meeting.event_id.zoom_meeting_id == meeting:
                meeting.event_id._zoom_link_gone(meeting)
        elif event_name == "meeting.updated" and meeting.event_id and meeting.status != "deleted":
            # The booking in Odoo stays the reference (its attendees were
            # invited to it); the host hears that Zoom now says otherwise,
            # unless the notification only echoes this addon's own change.
            changed = meeting._changed_in_zoom(obj)
            if changed:
                meeting.event_id.sudo().message_post(
                    body=_("The Zoom meeting was changed in Zoom (%s). The booking keeps its own "
                           "time and subject, and sends them to Zoom again on its next change.")
                    % ", ".join(changed),
                    partner_ids=meeting.host_user_id.partner_id.ids)
            else:
                return "meeting %s: echo of its own update" % meeting.id
        return "meeting %s is %s" % (meeting.id, meeting.status)
    # ------------------------------------------------------------------
    # Attendance
    # ------------------------------------------------------------------

    def _close_attendance(self, ended_at):
        """After meeting.ended: stays still open end with the meeting, and
        every attendee who never joined is a no-show (unless the host
        corrected it by hand)."""
        stays = self.sudo().participant_ids
        open_stays = stays.filtered(lambda stay: not stay.leave_time)
        for stay in open_stays:
            stay.leave_time = self._datetime_value(attendance.stay_end(ended_at, self._datetime(stay.join_time)))
        attendees = self.event_id.attendee_ids
        open_stays.mapped("attendee_id")._zoom_attendance_from_stays(stays)
        absent = attendees.filtered(lambda att: att.state != "declined" and not att.zoom_attendance
                                    and not att.zoom_attendance_manual)
        as_owner(absent.sudo()).write({"zoom_attendance": "no_show", "zoom_minutes": 0})
        self.event_id._zoom_note_guests_no_show()

    def _apply_participant(self, event_name, person):
        """One join or leave of one person: a stay opens or closes, and the
        attendee it belongs to (if any) is attended, with their minutes."""
        self.ensure_one()
        if not isinstance(person, dict):
            return "participant missing"
        key = attendance.participant_key(person)
        if not key:
            return "participant without an id"
        stays = self.env["zoom.meeting.participant"].sudo()
        if event_name == attendance.JOINED:
            if stays.search_count([("meeting_id", "=", self.id), ("zoom_participant_id", "=", key),
                                   ("leave_time", "=", False)]):
                return "already in the meeting"  # the same join told twice
            attendee = self._attendee_of(person)
            values = attendance.stay_values(person)
            stay = stays.create(dict(values, meeting_id=self.id, attendee_id=attendee.id,
                                     join_time=self._datetime_value(values["join_time"])))
        else:
            stay = stays.search([("meeting_id", "=", self.id), ("zoom_participant_id", "=", key),
                                 ("leave_time", "=", False)], order="join_time desc, id desc", limit=1)
            if not stay:
                return "a leave without its join"
            stay.leave_time = self._datetime_value(attendance.stay_end(
                attendance.zoom_time_or_now(person.get("leave_time")), self._datetime(stay.join_time)))
        if stay.attendee_id:
            stay.attendee_id._zoom_attendance_from_stays(self.sudo().participant_ids)
        return "meeting %s: %s %s" % (self.id, event_name.split("_")[-1],
                                      "attendee %s" % stay.attendee_id.id if stay.attendee_id else "a guest")

    def _attendee_of(self, person):
        """The booking's attendee who is this Zoom participant
        (zoom_scheduling.attendance.matching_attendee)."""
        attendees = self.event_id.attendee_ids
        account = self.sudo().zoom_account_id
        attendee_id = attendance.matching_attendee(
            person,
            {reg.registrant_id: reg.partner_id.id for reg in self.registrant_ids if reg.registrant_id},
            account and (account.zoom_user_id, account.zoom_email, self.host_user_id.partner_id.id),
            [(att.id, att.partner_id.id, att.email or att.partner_id.email) for att in attendees])
        return attendees.browse(attendee_id or [])


class _ZoomErrorHandler(object):
    """``with meeting._zoom_errors(op):`` records a ZoomError instead of
    letting it undo the booking: the booking is saved, the call retried."""

    def __init__(self, meeting, operation):
        self.meeting = meeting
        self.operation = operation

    def __enter__(self):
        return self

    def __exit__(self, exc_type, error, traceback):
        if exc_type is not None and issubclass(exc_type, ZoomError):
            self.meeting._failed(self.operation, error)
            return True
        return False
