# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
from functools import partial

from psycopg2 import sql

from odoo import _, api, fields, models

from zoom_scheduling import queries
from zoom_scheduling.zoom_api import ZoomAuthError

from zoom_calendar_common.models.zoom_meeting import CLAIM, LEASE

from .owned_fields import write_columns

_logger = logging.getLogger(__name__)


def _push_committed(cr, uid, context, meeting_ids, just_committed=False):
    """Runs the pending operations of ``meeting_ids``, each on its own, on
    ``cr``, whose transaction just committed: it is free for new ones, and a
    fresh cursor would take one database connection more per request at the
    busiest moment (two servers with twenty bookings at once ran out).

    ``just_committed``: called by the commit of the transaction that planned
    these meetings. What it read and wrote is still in the ORM cache and is
    what it committed: the booking, its host and attendees are not read
    again (~10 queries a booking). The meetings are, once claimed (_claim):
    another worker may have run one meanwhile. The scheduled action runs
    meetings planned long ago: it reads everything afresh."""
    with api.Environment.manage():
        env = api.Environment(cr, uid, context)
        for meeting_id in sorted(meeting_ids):
            if not just_committed:
                env.cache.invalidate()  # what other transactions committed meanwhile
            env["zoom.meeting"]._zoom_run_committed(meeting_id)


class ZoomMeeting(models.Model):
    """zoom.meeting on Odoo 11.0: what this version does its own way (what both
    versions share is in zoom_calendar_common.models.zoom_meeting)."""

    _inherit = "zoom.meeting"

    company_id = fields.Many2one(
        "res.company", string="Company", required=True, index=True, readonly=True,
        default=lambda self: self.env["res.company"]._company_default_get("zoom.meeting"),
        help="The company of the booking's group calendar.")

    # ------------------------------------------------------------------
    # What the shared methods (zoom_calendar_common) ask of Odoo 11.0
    # ------------------------------------------------------------------

    @api.model
    def _datetime(self, value):
        """The datetime of a Datetime field's ``value`` (a string on 11.0)."""
        return fields.Datetime.from_string(value)

    @api.model
    def _datetime_value(self, moment):
        """The Datetime field value of the datetime ``moment`` (a string on 11.0)."""
        return fields.Datetime.to_string(moment)

    @api.model
    def _agenda(self, event):
        """The Zoom agenda of the booking ``event``: its description (text on 11.0)."""
        return event.description

    def _write_own(self, values):
        """Writes the meeting's own fields ``values``, as Zoom answered.
        The meeting's own record, which only this addon writes and nothing
        stored depends on: one UPDATE (owned_fields), not an ORM write and a
        re-read of the meeting."""
        write_columns(self, values)

    # Also recomputed when an attendee's zoom_attendance changes or an
    # attendee goes (calendar.attendee._zoom_recount_attendance). Not through
    # @api.depends("event_id.attendee_ids.zoom_attendance"): Odoo would then
    # search the meetings of the booking at every attendee created or
    # written, five queries in every booking's transaction for counts that
    # only Zoom's notifications and the host's corrections change.
    @api.depends("host_user_id")
    def _compute_attendance(self):
        for meeting in self:
            meeting.update(self._attendance_of(meeting.event_id.attendee_ids, meeting.host_user_id))

    @api.model
    def _attendance_of(self, attendees, host):
        """The attendance fields of a meeting of ``attendees`` hosted by ``host``."""
        return {
            "attended_count": len(attendees.filtered(lambda att: att.zoom_attendance == "attended")),
            "no_show_count": len(attendees.filtered(lambda att: att.zoom_attendance == "no_show")),
            "host_attended": any(att.zoom_attendance == "attended" and att.partner_id == host.partner_id
                                 for att in attendees),
        }

    # ------------------------------------------------------------------
    # What Zoom must hold (the booking's transaction records it; the calls
    # run after commit, see _zoom_push_after_commit)
    # ------------------------------------------------------------------

    @api.model
    def _zoom_plan_create(self, event, new_booking=False):
        """A new meeting for ``event``, to be created at Zoom after commit,
        on its host's Zoom account. ``new_booking``: ``event`` was created
        in this transaction, so its attendees have no attendance yet.

        One INSERT, as this addon's own code (the caller syncs ``event``): the
        ORM's create would add a search for registrants and participants a
        new meeting cannot have, then read the meeting, its booking and the
        attendees again to compute the attendance stored with it (7 queries
        instead of 1, in every booking's transaction). What was inserted
        goes to the cache, as the ORM's create leaves it."""
        host = event.user_id
        values = dict(
            self._mirror(self._zoom_payload_for(event, host)),
            event_id=event.id, host_user_id=host.id, status="pending", personal_links=True,
            company_id=event.group_calendar_id.company_id.id,
            pending_operation="create", next_retry_at=fields.Datetime.now(),
            # Only attendees with an attendance count.
            **self._attendance_of(self.env["calendar.attendee"] if new_booking else self.env[
                "calendar.attendee"].search([("event_id", "=", event.id), ("zoom_attendance", "!=", False)]), host))
        names = sorted(values)
        self.env.cr.execute(sql.SQL("""
            INSERT INTO zoom_meeting ({}, zoom_account_id, create_uid, create_date, write_uid, write_date)
            VALUES ({}, (SELECT id FROM zoom_account WHERE user_id = %s LIMIT 1),
                    %s, now() at time zone 'UTC', %s, now() at time zone 'UTC')
            RETURNING id, zoom_account_id""").format(
            sql.SQL(", ").join(sql.Identifier(name) for name in names),
            sql.SQL(", ").join(sql.Placeholder() * len(names))),
            [self._fields[name].convert_to_column(values[name], self) for name in names]
            + [host.id, self.env.uid, self.env.uid])
        meeting_id, values["zoom_account_id"] = self.env.cr.fetchone()
        meeting = self.browse(meeting_id)
        meeting._cache.update(meeting._convert_to_cache(values, validate=False))
        return meeting

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

    def _host_client(self):
        """(host's account, a client with a fresh token). Kept on this
        recordset object, which _zoom_push passes from the meeting's create
        or update to its registrants: the token is read once a push, and a
        later push (a new recordset) reads it again."""
        if "_zoom_host_client" not in self.__dict__:
            account = self._host_account()
            self.__dict__["_zoom_host_client"] = (account, account._zoom_client())
        return self.__dict__["_zoom_host_client"]

    def _active_registrants(self):
        """The meeting's active registrants: a search rather than
        registrant_ids, which reads the meeting first."""
        return self.env["zoom.meeting.registrant"].search([
            ("meeting_id", "=", self.id), ("state", "=", "active")])

    def _registrant_partners(self):
        """The attendees of this meeting's booking who get a personal link (a
        registrant): those with an email who are not employees (no active
        user of the Employee group). One query: through the ORM, the
        attendees, their users and the users' groups are 5."""
        self.ensure_one()
        self.env.cr.execute(queries.REGISTRANT_PARTNERS, {
            "event": self.event_id.id, "employees": self.env["ir.model.data"].xmlid_to_res_id("base.group_user")})
        return self.env["res.partner"].browse([row[0] for row in self.env.cr.fetchall()])

    def _store_registrants(self, registered):
        """Records the registrants Zoom just made, ``registered``: [(partner,
        {"registrant_id", "join_url"})], in one INSERT. zoom.meeting.registrant
        is this addon's alone and nothing stored depends on it: the ORM would
        add, for each, a read and the recompute of its related host (3
        queries a registrant). What was inserted goes to the cache, as the
        ORM's create leaves it (the invitations read the links next)."""
        now = fields.Datetime.now()
        values = {partner.id: {
            "meeting_id": self.id, "host_user_id": self.host_user_id.id, "partner_id": partner.id,
            "email": partner.email, "registrant_id": link["registrant_id"], "join_url": link["join_url"],
            "state": "active"} for partner, link in registered}
        self.env.cr.execute(
            "INSERT INTO zoom_meeting_registrant (meeting_id, host_user_id, partner_id, email, registrant_id, "
            "join_url, state, create_uid, create_date, write_uid, write_date) VALUES "
            + ", ".join(["%s"] * len(values)) + " RETURNING id, partner_id",
            [(row["meeting_id"], row["host_user_id"], row["partner_id"], row["email"], row["registrant_id"],
              row["join_url"], row["state"], self.env.uid, now, self.env.uid, now) for row in values.values()])
        # Before filling the cache: this drops the registrants' meeting_id too.
        self.invalidate_cache(["registrant_ids"], self.ids)
        for registrant_id, partner_id in self.env.cr.fetchall():
            registrant = self.env["zoom.meeting.registrant"].browse(registrant_id)
            registrant._cache.update(registrant._convert_to_cache(values[partner_id], validate=False))

    # ------------------------------------------------------------------
    # Running the pending operations: after commit, and by the scheduled
    # action
    # ------------------------------------------------------------------

    def _push_queue(self):
        """The ids of the meetings this transaction's commit runs
        (_push_committed, called by the commit, which the first call here
        registers)."""
        cr = self.env.cr
        queued = cr.__dict__.get("_zoom_push_ids")
        if queued is None:
            queued = cr.__dict__["_zoom_push_ids"] = set()
            cr.after("commit", partial(_push_committed, cr, self.env.uid,
                                       dict(self.env.context), queued, just_committed=True))
        return queued

    def _push_now(self, meeting_ids):
        _push_committed(self.env.cr, self.env.uid, dict(self.env.context), meeting_ids)

    def _claim(self):
        """True when claimed; the claim's answer is read into the cache."""
        now = fields.Datetime.now()
        lease = fields.Datetime.to_string(fields.Datetime.from_string(now) + LEASE)
        self.env.cr.execute(CLAIM, {"id": self.id, "now": now, "lease": lease})
        row = self.env.cr.dictfetchone()
        if not row:
            return False
        # The meeting as it is now: another worker may have run it since
        # this transaction last read it (see _push_committed). The claim's
        # answer is that read, put in the cache as the ORM's read would.
        self.invalidate_cache(ids=self.ids)
        self._cache.update(self._convert_to_cache(
            {name: value for name, value in row.items() if name != "id" and name in self._fields},
            validate=False))
        return True

    def _claimed(self, claimed):
        """After the claim's commit, before the push: nothing to do, _claim
        left the meeting in the cache and the commit keeps it."""

    def _no_registrants_yet(self):
        """The registrants of a meeting Zoom just made: none."""
        return self.env["zoom.meeting.registrant"]

    def _postpone(self, reason):
        """After an unexpected error: the next try waits, longer each time."""
        self.ensure_one()
        self.env.cr.execute("""
            UPDATE zoom_meeting SET next_retry_at = %s, last_error = %s WHERE id = %s
               AND pending_operation IS NOT NULL""", (fields.Datetime.to_string(
                   self._next_retry(None)), reason, self.id))
        self.invalidate_cache(["next_retry_at", "last_error"], self.ids)

    # ------------------------------------------------------------------
    # Attendance
    # ------------------------------------------------------------------
