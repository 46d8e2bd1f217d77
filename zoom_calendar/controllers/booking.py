# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The public booking page of a group calendar: /book/<id or slug>.

Visitors have no Odoo account: every input is checked here, then the booking
runs as superuser through calendar.group._book_public(). The pages show the
calendar's name, its free slots and the visitor's own booking, nothing else
(no member's email, no other booking)."""
import logging
import re
from datetime import timedelta

import psycopg2
import werkzeug.urls
import werkzeug.utils

from odoo import _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq, mute_logger

from ..services import booking_slots

_logger = logging.getLogger(__name__)

NAME_MAX = 100
EMAIL_MAX = 254
NOTE_MAX = 2000
EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
# Control characters, the line breaks of a note excepted.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BookingController(http.Controller):

    @http.route("/book/<string:key>", type="http", auth="public", methods=["GET"])
    def book_slots(self, key, tz=None, **kwargs):
        group, page = self._calendar_or_page(key)
        if page:
            return page
        return self._slots_page(group, self._visitor_tz(group, tz), tz_from_visitor=bool(tz))

    @http.route("/book/<string:key>/slot", type="http", auth="public", methods=["GET"])
    def book_form(self, key, slot=None, tz=None, **kwargs):
        group, tz, slot_start, page = self._calendar_and_slot(key, slot, tz)
        if page:
            return page
        return self._form_page(group, tz, slot_start, {}, {})

    @http.route("/book/<string:key>/slot", type="http", auth="public", methods=["POST"], csrf=True)
    def book_submit(self, key, slot=None, tz=None, name=None, email=None, note=None, **kwargs):
        group, tz, slot_start, page = self._calendar_and_slot(key, slot, tz)
        if page:
            return page
        values = {"name": name if isinstance(name, str) else "",
                  "email": email if isinstance(email, str) else "",
                  "note": note if isinstance(note, str) else ""}
        values, errors = self._clean_visitor(values)
        if errors:
            return self._form_page(group, tz, slot_start, values, errors, status=400)
        try:
            with request.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                attendee = group.sudo()._book_public(
                    slot_start, values["name"], values["email"], values["note"], tz)
        except (UserError, ValidationError) as error:
            _logger.info("Public booking on calendar %s refused: %s", group.id, error.name)
            return self._taken_page(group, tz)
        except psycopg2.extensions.TransactionRollbackError:
            # A concurrent booking of this calendar won the race.
            return self._taken_page(group, tz)
        # Post/redirect/get: reloading the confirmation does not book again.
        return werkzeug.utils.redirect("/book/%s/booked/%s/%s?%s" % (
            self._key(group), attendee.id, attendee.sudo().access_token,
            werkzeug.urls.url_encode({"tz": tz})), 303)

    @http.route("/book/<string:key>/booked/<int:attendee_id>/<string:token>", type="http",
                auth="public", methods=["GET"])
    def book_done(self, key, attendee_id, token, tz=None, **kwargs):
        """The visitor's confirmation, behind their invitation's token."""
        group, page = self._calendar_or_page(key, archived_ok=True)
        if page:
            return page
        attendee = request.env["calendar.attendee"].sudo().browse(attendee_id).exists() \
            if attendee_id < 2 ** 31 else None
        if not attendee or attendee.event_id.group_calendar_id != group \
                or not attendee.access_token or not consteq(attendee.access_token, token):
            return self._message_page(_("Page not found"), _(
                "There is no booking at this address. Please check the link you were given."), 404)
        return self._confirmation_page(group, self._visitor_tz(group, tz), attendee)

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    def _calendar_or_page(self, key, archived_ok=False):
        """(calendar, None), or (None, the page that says why not)."""
        group = request.env["calendar.group"].sudo()._find_public(key if isinstance(key, str) else "")
        if not group:
            return None, self._message_page(
                _("Page not found"), _("There is no booking page at this address. "
                                       "Please check the link you were given."), 404)
        if not group.active and not archived_ok:
            return None, self._message_page(
                _("No longer available"), _("%s no longer takes bookings.") % group.name, 410)
        return group, None

    def _calendar_and_slot(self, key, slot, tz):
        """(calendar, visitor's timezone, naive UTC slot start, None), or
        (..., the page that says why this slot cannot be booked)."""
        group, page = self._calendar_or_page(key)
        if page:
            return None, None, None, page
        tz = self._visitor_tz(group, tz)
        slot_start, page = self._check_slot(group, slot, tz)
        return group, tz, slot_start, page

    @staticmethod
    def _visitor_tz(group, tz):
        return booking_slots.valid_tz(tz, default=group.tz or "UTC")

    def _check_slot(self, group, slot, tz):
        """(naive UTC start, None), or (None, the page that says what is
        wrong with ``slot``)."""
        try:
            slot_start = booking_slots.parse_slot(slot)
        except ValueError:
            return None, self._slots_page(group, tz, status=400, error=_(
                "The time you chose could not be read. Please pick one of the times below."))
        now = fields.Datetime.from_string(fields.Datetime.now())
        if slot_start <= now:
            return None, self._slots_page(group, tz, status=400, error=_(
                "This time is in the past. Please pick one of the times below."))
        candidates = booking_slots.candidate_slots(
            now, group.tz or "UTC", group.duration, group.work_start, group.work_end, group.work_days)
        if slot_start not in {start for start, _stop in candidates}:
            return None, self._slots_page(group, tz, status=400, error=_(
                "%(calendar)s does not take bookings at this time (outside its working hours or more "
                "than %(days)d days ahead). Please pick one of the times below.")
                % {"calendar": group.name, "days": booking_slots.DAYS_AHEAD})
        if slot_start not in {start for start, _stop in group.sudo()._public_slots()}:
            return None, self._taken_page(group, tz)
        return slot_start, None

    @staticmethod
    def _clean_visitor(values):
        """The visitor's input, stripped, and {field: error message}."""
        name = " ".join(values["name"].split())
        email = values["email"].strip()
        note = values["note"].strip()
        errors = {}
        if not name:
            errors["name"] = _("Please enter your name.")
        elif len(name) > NAME_MAX:
            errors["name"] = _("Your name is too long: at most %d characters.") % NAME_MAX
        elif CONTROL_RE.search(name):
            errors["name"] = _("Your name contains characters that are not allowed.")
        if not email:
            errors["email"] = _("Please enter your email address: your Zoom link is sent there.")
        elif len(email) > EMAIL_MAX:
            errors["email"] = _("This email address is too long: at most %d characters.") % EMAIL_MAX
        elif not EMAIL_RE.match(email):
            errors["email"] = _("This does not look like an email address (name@example.com).")
        if len(note) > NOTE_MAX:
            errors["note"] = _("Your note is too long: at most %d characters.") % NOTE_MAX
        elif CONTROL_RE.search(note):
            errors["note"] = _("Your note contains characters that are not allowed.")
        return {"name": name, "email": email, "note": note}, errors

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------

    @staticmethod
    def _key(group):
        return group.slug or str(group.id)

    def _base_context(self, group, tz):
        return {
            "calendar_name": group.name,
            "calendar_key": self._key(group),
            "duration_label": self._duration_label(group.duration),
            "tz": tz,
            "tz_query": werkzeug.urls.url_quote_plus(tz),
            "tz_label": tz.replace("_", " "),
        }

    @staticmethod
    def _duration_label(hours):
        minutes = int(round(hours * 60))
        if minutes < 60:
            return _("%d minutes") % minutes
        if minutes % 60:
            return _("%(hours)d h %(minutes)02d min") % {"hours": minutes // 60, "minutes": minutes % 60}
        return _("1 hour") if minutes == 60 else _("%d hours") % (minutes // 60)

    def _slots_page(self, group, tz, tz_from_visitor=True, status=200, error=None, taken=False):
        slots = group.sudo()._public_slots()
        context = dict(self._base_context(group, tz),
                       days=booking_slots.group_by_day(slots, tz),
                       detect_tz=not tz_from_visitor, error=error, taken=taken,
                       title=_("This time was just taken") if taken else group.name)
        return request.render("zoom_calendar.booking_slots_page", context, status=status)

    def _taken_page(self, group, tz):
        return self._slots_page(group, tz, status=409, taken=True, error=_(
            "Someone booked this time a moment ago, or it is no longer free. "
            "Here are the times still free."))

    def _form_page(self, group, tz, slot_start, values, errors, status=200):
        stop = slot_start + timedelta(minutes=int(round(group.duration * 60)))
        context = dict(self._base_context(group, tz),
                       slot=booking_slots.format_slot(slot_start),
                       slot_label=booking_slots.describe(slot_start, stop, tz),
                       form=values, errors=errors,
                       title=_("Book %s") % group.name)
        return request.render("zoom_calendar.booking_form_page", context, status=status)

    def _confirmation_page(self, group, tz, attendee):
        event = attendee.event_id.sudo()
        start, stop = (fields.Datetime.from_string(value) for value in (event.start, event.stop))
        meeting = event.zoom_meeting_id
        context = dict(self._base_context(group, tz),
                       title=_("You are booked") if event.active else _("This booking was cancelled"),
                       cancelled=not event.active,
                       visitor_email=attendee.email,
                       slot_label=booking_slots.describe(start, stop, tz),
                       host_name=event.user_id.name,
                       is_zoom=bool(meeting),
                       join_url=meeting and meeting.status not in ("pending", "deleted", "failed")
                       and attendee.sudo().zoom_join_url,
                       location=not meeting and event.location)
        return request.render("zoom_calendar.booking_confirmation_page", context, status=200)

    def _message_page(self, title, message, status):
        return request.render("zoom_calendar.booking_message_page",
                              {"title": title, "message": message}, status=status)
