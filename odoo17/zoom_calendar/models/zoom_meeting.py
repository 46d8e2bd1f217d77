# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
from functools import partial

from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.tools import html2plaintext, is_html_empty

from zoom_scheduling import queries
from zoom_scheduling.zoom_api import ZoomAuthError

from zoom_calendar_common.models.zoom_meeting import CLAIM, LEASE

from .owned_fields import cache_columns

_logger = logging.getLogger(__name__)

# A new meeting's attendance, given at create: the ORM would compute it
# there and write it again at flush.
NO_ATTENDANCE = {"attended_count": 0, "no_show_count": 0, "host_attended": False}


def _push_committed(cr, uid, context, meeting_ids):
    """Runs the pending operations of ``meeting_ids``, each on its own, on
    ``cr``, whose transaction just committed: it is free for new ones, and a
    fresh cursor would take one database connection more per request at the
    busiest moment (two servers with twenty bookings at once ran out)."""
    env = api.Environment(cr, uid, context)
    for meeting_id in sorted(meeting_ids):
        env.invalidate_all()  # what other transactions committed meanwhile
        env["zoom.meeting"]._zoom_run_committed(meeting_id)


class ZoomMeeting(models.Model):
    """zoom.meeting on Odoo 17.0: what this version does its own way (what both
    versions share is in zoom_calendar_common.models.zoom_meeting)."""

    _inherit = "zoom.meeting"

    company_id = fields.Many2one(
        "res.company", string="Company", required=True, index=True, readonly=True,
        default=lambda self: self.env.company,
        help="The company of the booking's group calendar.")

    # ------------------------------------------------------------------
    # What the shared methods (zoom_calendar_common) ask of Odoo 17.0
    # ------------------------------------------------------------------

    @api.model
    def _datetime(self, value):
        """The datetime of a Datetime field's ``value`` (itself on 17.0)."""
        return value

    @api.model
    def _datetime_value(self, moment):
        """The Datetime field value of the datetime ``moment`` (itself on 17.0)."""
        return moment

    @api.model
    def _agenda(self, event):
        """The Zoom agenda of the booking ``event``: its description, as
        plain text (an HTML field on 17.0)."""
        return False if is_html_empty(event.description) else html2plaintext(event.description)

    def _write_own(self, values):
        """Writes the meeting's own fields ``values``, as Zoom answered."""
        self.write(values)

    # Also recomputed when an attendee's zoom_attendance changes or an
    # attendee goes (calendar.attendee._zoom_recount_attendance). Not through
    # @api.depends("event_id.attendee_ids.zoom_attendance"): Odoo would then
    # search the meetings of the booking at every attendee created or
    # written, in every booking's transaction (plain events' too), for
    # counts that only Zoom's notifications and the host's corrections change.
    @api.depends("host_user_id")
    def _compute_attendance(self):
        for meeting in self:
            attendees = meeting.event_id.attendee_ids
            meeting.attended_count = len(attendees.filtered(lambda att: att.zoom_attendance == "attended"))
            meeting.no_show_count = len(attendees.filtered(lambda att: att.zoom_attendance == "no_show"))
            meeting.host_attended = any(
                att.zoom_attendance == "attended" and att.partner_id == meeting.host_user_id.partner_id
                for att in attendees)

    # ------------------------------------------------------------------
    # What Zoom must hold (the booking's transaction records it; the calls
    # run after commit, see _zoom_push_after_commit)
    # ------------------------------------------------------------------

    @api.model
    def _zoom_plan_create(self, event, new_booking=False):
        """A new meeting for ``event``, to be created at Zoom after commit.
        Whether ``event`` is a ``new_booking`` changes nothing here: every
        new meeting starts without attendance (NO_ATTENDANCE)."""
        meeting = self.create(dict(
            self._mirror(self._zoom_payload_for(event, event.user_id)), **NO_ATTENDANCE,
            event_id=event.id, host_user_id=event.user_id.id, status="pending",
            company_id=event.group_calendar_id.company_id.id,
            pending_operation="create", next_retry_at=fields.Datetime.now()))
        return meeting

    # ------------------------------------------------------------------
    # Zoom operations (the models decide when; these say how)
    # ------------------------------------------------------------------

    def _host_account(self):
        return self._host_binding()[0]

    def _host_binding(self):
        """(host's account, its tokens when they were read with it, else
        None). Found by the host with its tokens in one query
        (zoom.account._with_tokens): host_user_id.zoom_account_ids would
        first read the host (every res.users field), and the tokens be read
        after."""
        if self.zoom_account_id:
            return self.zoom_account_id, None
        account, tokens = self.env["zoom.account"].sudo()._with_tokens(self.host_user_id)
        if not account:
            raise ZoomAuthError(_("%s has no Zoom account connected.") % self.host_user_id.name)
        return account, tokens

    def _host_client(self):
        """(host's account, a client with a fresh token). During a push
        (_zoom_push), kept for the push's calls: the token is read once a
        push (17.0's records have no __dict__ to keep it on, as 11.0's do;
        the cursor's cache holds it until the push ends)."""
        key = ("zoom_push_client", self.id)
        pair = self.env.cr.cache.get(key)
        if pair is None:
            account, tokens = self._host_binding()
            pair = (account, account._zoom_client(tokens))
            if key in self.env.cr.cache:
                self.env.cr.cache[key] = pair
        return pair

    def _active_registrants(self):
        """The meeting's active registrants (a new meeting's push leaves its
        registrant_ids empty in the cache: none to read, see _zoom_push)."""
        return self.registrant_ids.filtered(lambda reg: reg.state == "active")

    def _registrant_partners(self):
        """The attendees of this meeting's booking who get a personal link (a
        registrant): those with an email who are not employees (no active
        user of the Employee group). One query: through the ORM, the
        attendees, their users and the users' groups are 3."""
        self.ensure_one()
        self.event_id.flush_recordset(["partner_ids"])
        self.env["res.partner"].flush_model(["email"])
        self.env["res.users"].flush_model(["active", "partner_id", "groups_id"])
        self.env.cr.execute(queries.REGISTRANT_PARTNERS, {
            "event": self.event_id.id, "employees": self.env["ir.model.data"]._xmlid_to_res_id("base.group_user")})
        return self.env["res.partner"].browse([row[0] for row in self.env.cr.fetchall()])

    def _store_registrants(self, registered):
        """Records the registrants Zoom just made, ``registered``: [(partner,
        {"registrant_id", "join_url"})], in one INSERT. zoom.meeting.registrant
        is this addon's alone and nothing stored depends on it: the ORM would
        add the defaults' read of the user and company, and the recompute of
        each registrant's related host, written again at flush. What was
        inserted goes to the cache, as the ORM's create leaves it (the
        invitations read the links next)."""
        Registrant = self.env["zoom.meeting.registrant"]
        now = fields.Datetime.now()
        values = {partner.id: {
            "meeting_id": self.id, "host_user_id": self.host_user_id.id, "partner_id": partner.id,
            "email": partner.email, "registrant_id": link["registrant_id"], "join_url": link["join_url"],
            "state": "active", "create_uid": self.env.uid, "create_date": now, "write_uid": self.env.uid,
            "write_date": now} for partner, link in registered}
        columns = list(next(iter(values.values())))
        self.env.cr.execute(
            sql.SQL("INSERT INTO zoom_meeting_registrant ({}) VALUES {} RETURNING id, partner_id").format(
                sql.SQL(", ").join(map(sql.Identifier, columns)),
                sql.SQL(", ").join([sql.Placeholder()] * len(values))),
            [tuple(row[name] for name in columns) for row in values.values()])
        inserted = self.env.cr.fetchall()
        for registrant_id, partner_id in inserted:
            cache_columns(Registrant.browse(registrant_id), values[partner_id])
        registrant_ids = self._fields["registrant_ids"]
        if self.env.cache.contains(self, registrant_ids):
            self.env.cache.set(self, registrant_ids, self.env.cache.get(self, registrant_ids)
                               + tuple(registrant_id for registrant_id, _partner in inserted))

    # ------------------------------------------------------------------
    # Running the pending operations: after commit, and by the scheduled
    # action
    # ------------------------------------------------------------------

    def _push_queue(self):
        """The ids of the meetings this transaction's commit runs
        (_push_committed, a post-commit callback, which the first call here
        adds)."""
        cr = self.env.cr
        queued = cr.postcommit.data.get("zoom_calendar.push_ids")
        if queued is None:
            # One callback per transaction, for every meeting it touched;
            # a rollback drops it (and the set) with the transaction.
            queued = cr.postcommit.data["zoom_calendar.push_ids"] = set()
            cr.postcommit.add(partial(_push_committed, cr, self.env.uid, dict(self.env.context), queued))
        return queued

    def _push_now(self, meeting_ids):
        _push_committed(self.env.cr, self.env.uid, dict(self.env.context), meeting_ids)

    def _claim(self):
        """In one statement; returns the meeting's row as the claim left it
        (None: not claimed)."""
        now = fields.Datetime.now()
        # Written before the SQL below reads and updates them (else a later
        # flush would write the ORM's older values over it).
        self.flush_recordset()
        self.env.cr.execute(CLAIM, {"id": self.id, "now": now, "lease": now + LEASE})
        return self.env.cr.dictfetchone()

    def _claimed(self, claimed):
        """After the claim's commit, before the push: the meeting as its
        claim left it (``claimed``, its row): committed, and no other worker
        runs it during the lease. The commit emptied the cache; the push
        reads the meeting first."""
        self.invalidate_recordset()
        cache_columns(self, claimed)

    def _zoom_push(self):
        """The host's client is kept for the push's calls (_host_client)."""
        key = ("zoom_push_client", self.id)
        self.env.cr.cache[key] = None
        try:
            return super()._zoom_push()
        finally:
            self.env.cr.cache.pop(key, None)

    def _no_registrants_yet(self):
        """The registrants of a meeting Zoom just made: none, known without
        a query (the cache then holds those the push adds)."""
        self.env.cache.set(self, self._fields["registrant_ids"], ())
        return self.registrant_ids

    def _postpone(self, reason):
        """After an unexpected error: the next try waits, longer each time."""
        self.ensure_one()
        self.flush_recordset(["pending_operation", "next_retry_at", "last_error"])
        self.env.cr.execute("""
            UPDATE zoom_meeting SET next_retry_at = %s, last_error = %s WHERE id = %s
               AND pending_operation IS NOT NULL""", (self._next_retry(None), reason, self.id))
        self.invalidate_recordset(["next_retry_at", "last_error"])

    # ------------------------------------------------------------------
    # Attendance
    # ------------------------------------------------------------------
