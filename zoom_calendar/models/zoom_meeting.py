# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
from datetime import datetime, timedelta
from functools import partial

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services.meeting_payload import (dropped_options, find_by_marker, meeting_payload,
                                        refuses_alternative_hosts, registrant_names)
from ..zoom_api import (ZoomAuthError, ZoomBadRequest, ZoomError, ZoomNotFound, ZoomRateLimited,
                        ZoomRegistrationDisabled)

_logger = logging.getLogger(__name__)

STATUSES = [
    ("pending", "Pending"),
    ("scheduled", "Scheduled"),
    ("started", "Started"),
    ("ended", "Ended"),
    ("deleted", "Deleted"),
    ("failed", "Failed"),
]
# Retries back off from 1 minute to 6 hours.
RETRY_MINUTES = (1, 5, 15, 60, 180, 360)


class ZoomMeeting(models.Model):
    """One Zoom meeting created for one booking, with the host's own account.

    The record outlives its booking so that a delete Zoom refused can be
    retried, and so the history of every meeting stays visible."""

    _name = "zoom.meeting"
    _description = "Zoom Meeting"
    _order = "start desc, id desc"

    name = fields.Char(string="Topic", required=True, readonly=True)
    event_id = fields.Many2one(
        "calendar.event", string="Booking", ondelete="set null", index=True, readonly=True)
    host_user_id = fields.Many2one(
        "res.users", string="Host", required=True, index=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, index=True, readonly=True,
        default=lambda self: self.env["res.company"]._company_default_get("zoom.meeting"),
        help="The company of the booking's group calendar.")
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
        help="A Zoom call that failed for a passing reason and will be retried.")
    attempts = fields.Integer(readonly=True, copy=False)
    next_retry_at = fields.Datetime(readonly=True, copy=False)
    last_error = fields.Char(readonly=True, copy=False)
    registrant_ids = fields.One2many("zoom.meeting.registrant", "meeting_id", readonly=True)
    personal_links = fields.Boolean(
        readonly=True, default=True,
        help="Each external attendee gets a personal join link (a Zoom registrant). "
             "Off for a Basic Zoom host, whose meetings take no registrants: "
             "every attendee gets the meeting's join link.")

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
            data = meeting._host_account()._zoom_client().get_meeting(meeting.zoom_meeting_id)
        except ZoomError as error:
            raise UserError(error.message)
        meeting.start_url_private = data.get("start_url") or meeting.start_url_private
        return {"type": "ir.actions.act_url", "url": meeting.start_url_private, "target": "new"}

    def action_retry(self):
        self._schedule_retry_now()
        self.sudo()._process_pending()
        return True

    # ------------------------------------------------------------------
    # Zoom operations (the models decide when; these say how)
    # ------------------------------------------------------------------

    def _host_account(self):
        # A search, not host_user_id.zoom_account_ids, which first reads the
        # host (every res.users field): 3 queries instead of 1 per booking.
        account = self.zoom_account_id or self.env["zoom.account"].search(
            [("user_id", "=", self.host_user_id.id)], limit=1)
        if not account:
            raise ZoomAuthError(_("%s has no Zoom account connected.") % self.host_user_id.name)
        return account

    def _marker(self):
        """A reference unique to this meeting record in this database."""
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid", "")
        return "odoo-booking:%s-%s" % (uuid[:8], self.id)

    def _payload(self):
        event = self.event_id
        tz = self.host_user_id.tz or event.user_id.tz or "UTC"
        return meeting_payload(
            topic=event.name, start_utc=fields.Datetime.from_string(event.start),
            duration_minutes=event.duration * 60, timezone=tz,
            agenda=event.description, marker=self._marker(), personal_links=self.personal_links,
            options=event.group_calendar_id._zoom_options() if event.group_calendar_id else None,
            passcode=self.password,
            alternative_hosts=event.group_calendar_id._co_host_emails(self.host_user_id)
            if event.group_calendar_id else ())

    def _send(self, call, payload):
        """``call(payload)``; co-hosts Zoom refuses (their Zoom account changed
        since they connected) are left out, with a note on the booking,
        rather than failing it. A refused create made nothing: sending it
        again is safe."""
        try:
            return call(payload)
        except ZoomBadRequest as error:
            if not payload["settings"].get("alternative_hosts") or not refuses_alternative_hosts(error):
                raise
        payload["settings"].pop("alternative_hosts")
        result = call(payload)
        if self.event_id:
            self.event_id.sudo().message_post(body=_(
                "Zoom refused the other members as alternative hosts of this meeting (they must be "
                "licensed users of the host's Zoom account): only the host can start it."))
        return result

    @api.model
    def _values_for(self, event):
        """What a meeting mirrors of its booking (whose responsible user is
        the meeting's host: a new host gets a new meeting)."""
        return {
            "name": event.name,
            "start": event.start,
            "duration": max(1, int(round(event.duration * 60))),
            "timezone": event.user_id.tz or "UTC",
        }

    def _zoom_create(self):
        """Creates the meeting at Zoom. Idempotent: a create whose answer was
        lost is found again by its marker before anything is re-sent."""
        for meeting in self:
            if meeting.zoom_meeting_id:
                continue
            values = dict(meeting._values_for(meeting.event_id), status="pending", pending_operation="create")
            changed = {name: value for name, value in values.items() if meeting[name] != value}
            if changed:  # a meeting just made by _zoom_sync has them all already
                meeting.write(changed)
            with meeting._zoom_errors("create"):
                account = meeting._host_account()
                client = account._zoom_client()
                data = None
                if meeting.attempts:
                    data = find_by_marker(client.list_meetings(), meeting._marker())
                if data is None:
                    personal_links = account.zoom_user_type == "licensed"
                    if meeting.personal_links != personal_links:
                        meeting.personal_links = personal_links
                    if account._is_capped():
                        raise ZoomRateLimited(daily=True, retry_at=pytz.utc.localize(
                            fields.Datetime.from_string(account.daily_cap_until)))
                    data = meeting._send(client.create_meeting, meeting._payload())
                    if meeting.personal_links and not data.get("registration_url"):
                        # Zoom made it without registration: the host's account
                        # is no longer Licensed. (A meeting found again by its
                        # marker says nothing of it: listings carry no such link.)
                        meeting._registration_refused(account, client)
                meeting._created(account, client, data)

    def _created(self, account, client, data):
        self.write({
            "zoom_account_id": account.id,
            "zoom_meeting_id": str(data["id"]),
            "join_url": data["join_url"],
            "password": data.get("password"),
            "start_url_private": data.get("start_url"),
            "status": "scheduled",
            "pending_operation": False,
            "attempts": 0,
            "next_retry_at": False,
            "last_error": False,
        })
        # If the booking's transaction rolls back after this point, the
        # meeting must not outlive it at Zoom.
        self.env.cr.after("rollback", partial(_delete_orphan, client, str(data["id"])))
        if self.event_id:
            self._note_dropped_options()
            self.event_id._zoom_link_ready(self)

    def _zoom_update(self, force=False):
        """Sends the booking's topic, time and duration when they changed
        (``force``: the calendar's Zoom options did)."""
        for meeting in self:
            if not meeting.zoom_meeting_id:
                meeting._zoom_create()
                continue
            values = meeting._values_for(meeting.event_id)
            if not force and all(meeting[name] == value for name, value in values.items()) \
                    and meeting.pending_operation != "update":
                continue
            meeting.write(dict(values, pending_operation="update"))
            with meeting._zoom_errors("update"):
                try:
                    meeting._send(partial(meeting._host_account()._zoom_client().update_meeting,
                                          meeting.zoom_meeting_id), meeting._payload())
                except ZoomNotFound:
                    # Deleted in Zoom meanwhile: the booking still wants one.
                    meeting.write({"zoom_meeting_id": False, "join_url": False,
                                   "start_url_private": False, "status": "pending"})
                    meeting.registrant_ids.unlink()
                    meeting._zoom_create()
                    continue
                meeting.write({"pending_operation": False, "attempts": 0,
                               "next_retry_at": False, "last_error": False})

    def _zoom_delete(self):
        """Deletes the meeting at Zoom; one already gone there is done too."""
        for meeting in self:
            if not meeting.zoom_meeting_id or meeting.status == "deleted":
                meeting.write({"status": "deleted", "pending_operation": False})
                continue
            meeting.write({"pending_operation": "delete"})
            with meeting._zoom_errors("delete"):
                meeting._host_account()._zoom_client().delete_meeting(meeting.zoom_meeting_id)
                meeting.write({"status": "deleted", "pending_operation": False, "attempts": 0,
                               "next_retry_at": False, "last_error": False})
                meeting.registrant_ids.write({"state": "cancelled"})

    def _zoom_sync_registrants(self):
        """Every external attendee with an email has an active registrant
        (their personal join link); removed attendees' are cancelled."""
        for meeting in self:
            if not meeting.zoom_meeting_id or meeting.status in ("deleted", "failed") \
                    or not meeting.personal_links:
                continue
            wanted = meeting.event_id.partner_ids.filtered(
                lambda partner: partner.email and not partner.user_ids.filtered(
                    lambda user: user.has_group("base.group_user")))
            active = meeting.registrant_ids.filtered(lambda reg: reg.state == "active")
            missing = wanted - active.mapped("partner_id")
            extra = active.filtered(lambda reg: reg.partner_id not in wanted)
            if not missing and not extra:
                continue
            with meeting._zoom_errors("update"):
                client = meeting._host_account()._zoom_client()
                if extra:
                    client.cancel_registrants(meeting.zoom_meeting_id, [
                        {"id": reg.registrant_id, "email": reg.email} for reg in extra])
                    extra.write({"state": "cancelled"})
                for partner in missing:
                    first, last = registrant_names(partner.name, partner.email)
                    try:
                        data = client.add_registrant(meeting.zoom_meeting_id, partner.email, first, last)
                    except ZoomRegistrationDisabled:
                        meeting._registration_refused(meeting._host_account(), client)
                        break
                    self.env["zoom.meeting.registrant"].create({
                        "meeting_id": meeting.id,
                        "partner_id": partner.id,
                        "email": partner.email,
                        "registrant_id": str(data.get("registrant_id") or data.get("id")),
                        "join_url": data["join_url"],
                    })

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
        permanent = isinstance(error, ZoomBadRequest) and not isinstance(error, ZoomRateLimited)
        values = {"last_error": error.message, "attempts": self.attempts + 1}
        if permanent:
            values.update(pending_operation=False, next_retry_at=False)
            if operation == "create":
                values["status"] = "failed"
        else:
            values.update(pending_operation=operation, next_retry_at=fields.Datetime.to_string(
                self._next_retry(error)))
        self.write(values)
        _logger.warning("Zoom %s failed for zoom.meeting %s: %s", operation, self.id, error.message)
        if self.event_id and operation != "delete":
            self.event_id._zoom_report_failure(self, operation, error, permanent)

    def _next_retry(self, error):
        now = datetime.utcnow()
        if isinstance(error, ZoomAuthError):
            # Nothing helps before the host reconnects; reconnecting retries.
            return now + timedelta(days=1)
        if isinstance(error, ZoomRateLimited) and error.retry_at:
            return error.retry_at.astimezone(pytz.utc).replace(tzinfo=None)
        minutes = RETRY_MINUTES[min(self.attempts, len(RETRY_MINUTES) - 1)]
        return now + timedelta(minutes=minutes)

    def _schedule_retry_now(self):
        self.filtered("pending_operation").write({"next_retry_at": fields.Datetime.now()})

    def _process_pending(self):
        for meeting in self:
            operation = meeting.pending_operation
            if operation == "delete" or (operation and not meeting.event_id):
                meeting._zoom_delete()
            elif operation == "create":
                meeting._zoom_create()
                meeting._zoom_sync_registrants()
            elif operation == "update":
                meeting._zoom_update()
                meeting._zoom_sync_registrants()

    @api.model
    def _cron_retry_pending(self, limit=100):
        """Scheduled action: retries the Zoom calls that failed for a passing
        reason, the longest-waiting first."""
        due = self.search([
            ("pending_operation", "!=", False),
            ("next_retry_at", "<=", fields.Datetime.now()),
        ], order="next_retry_at, id", limit=limit)
        for meeting in due:
            # A database error on one meeting must not undo the others.
            with self.env.cr.savepoint():
                meeting._process_pending()
        return True

    # ------------------------------------------------------------------
    # Webhooks
    # ------------------------------------------------------------------

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
        if event_name == "meeting.started" and meeting.status in ("scheduled", "ended"):
            meeting.status = "started"
        elif event_name == "meeting.ended" and meeting.status in ("scheduled", "started"):
            meeting.status = "ended"
        elif event_name == "meeting.deleted" and meeting.status != "deleted":
            meeting.write({"status": "deleted", "pending_operation": False})
            if meeting.event_id and meeting.event_id.zoom_meeting_id == meeting:
                meeting.event_id._zoom_link_gone(meeting)
        elif event_name == "meeting.updated" and meeting.event_id and meeting.status != "deleted":
            # The booking in Odoo stays the reference (its attendees were
            # invited to it); the host hears that Zoom now says otherwise.
            changed = sorted(key for key in obj if key in ("topic", "start_time", "duration", "timezone"))
            if changed:
                meeting.event_id.sudo().message_post(
                    body=_("The Zoom meeting was changed in Zoom (%s). The booking keeps its own "
                           "time and subject, and sends them to Zoom again on its next change.")
                    % ", ".join(changed),
                    partner_ids=meeting.host_user_id.partner_id.ids)
        return "meeting %s is %s" % (meeting.id, meeting.status)


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


def _delete_orphan(client, zoom_meeting_id):
    """After a rollback: the booking is gone, so is its meeting."""
    try:
        client.delete_meeting(zoom_meeting_id)
    except ZoomError as error:
        _logger.warning("Could not delete orphan Zoom meeting %s: %s", zoom_meeting_id, error.message)
