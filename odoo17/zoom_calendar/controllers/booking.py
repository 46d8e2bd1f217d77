# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The public booking page of a group calendar: /book/<id or slug>.

Visitors have no Odoo account: every input is checked (by the helpers both
addons share, in zoom_calendar_common.controllers.booking), then the booking
runs as superuser through calendar.group._request_public_booking(). The pages
show the calendar's name, its free slots and the visitor's own booking,
nothing else (no member's email, no other booking). They use 17.0's
``web.frontend_layout``: neither website nor portal is needed."""
import logging
import random
import time
from datetime import timedelta
from urllib.parse import urlencode

import psycopg2
from psycopg2 import errorcodes

from odoo import SUPERUSER_ID, _, api, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import mute_logger

from zoom_scheduling import booking_slots, visitor_lang
from zoom_calendar_common.controllers.booking import HONEYPOT, BookingControllerCommon

from ..models import calendar_public_booking as public_booking
from ..models.calendar_group import SlotTaken

_logger = logging.getLogger(__name__)

# A booking that meets a concurrent one (a serialization failure or a
# deadlock) is tried again, up to this many times in all.
BOOKING_TRIES = 5
RETRIED_ERRORS = (errorcodes.SERIALIZATION_FAILURE, errorcodes.DEADLOCK_DETECTED)


def _text(value):
    """A form field as a string: a missing field, or one sent twice, is empty."""
    return value if isinstance(value, str) else ""


class BookingController(BookingControllerCommon, http.Controller):
    # The routes take the query string's leftovers as ``**_params``, never
    # ``**kwargs``: 17.0's _() reads a frame's ``kwargs['context']``, which
    # a visitor could send as ``?context=...``.

    @http.route("/book/<string:key>", type="http", auth="public", methods=["GET"])
    def book_slots(self, key, tz=None, **_params):
        self._use_visitor_lang()
        group, page = self._calendar_or_page(key)
        if page:
            return page
        return self._slots_page(group, self._visitor_tz(group, tz), tz_from_visitor=bool(tz))

    @http.route("/book/<string:key>/slot", type="http", auth="public", methods=["GET"])
    def book_form(self, key, slot=None, tz=None, **_params):
        self._use_visitor_lang()
        group, tz, slot_start, page = self._calendar_and_slot(key, slot, tz)
        if page:
            return page
        return self._form_page(group, tz, slot_start, {}, {})

    @http.route("/book/<string:key>/slot", type="http", auth="public", methods=["POST"], csrf=True)
    def book_submit(self, key, slot=None, tz=None, name=None, email=None, note=None, form_stamp=None,
                    **_params):
        self._use_visitor_lang()
        group, tz, slot_start, page = self._calendar_and_slot(key, slot, tz)
        if page:
            return page
        if _params.get(HONEYPOT):
            # A field hidden from people: only programs fill it in.
            _logger.info("Public booking on calendar %s refused: honeypot filled", group.id)
            return self._message_page(_("Booking not sent"), _(
                "Your booking could not be sent. If you use a form-filling tool, please fill "
                "the form in by hand."), 400)
        values, errors = self._clean_visitor({"name": _text(name), "email": _text(email), "note": _text(note)})
        stamp_error, stamp = self._check_form_stamp(group, form_stamp)
        if stamp_error and not errors:
            errors["form"] = stamp_error
        if errors:
            return self._form_page(group, tz, slot_start, values, errors, status=400, stamp=stamp)
        try:
            attendee_id, token = self._book(group, slot_start, values, tz)
        except public_booking.BookingLimitReached as error:
            _logger.info("Public booking on calendar %s refused: %s", group.id, error.args[0])
            return self._message_page(_("Too many bookings"), error.args[0], 429)
        except SlotTaken as error:
            _logger.info("Public booking on calendar %s refused: %s", group.id, error.args[0])
            return self._taken_page(group, tz)
        except (UserError, ValidationError) as error:
            # Not the visitor's doing (a calendar whose hosts lost Zoom, ...):
            # say so, and tell whoever reads the log why.
            _logger.warning("Public booking on calendar %s failed: %s", group.id, error.args[0])
            return self._message_page(_("Booking not possible right now"), _(
                "%(calendar)s cannot take this booking right now. Please try again later.",
                calendar=group.name), 503)
        if token is None:
            return self._message_page(_("Check your email"), _(
                "We sent a link to %(email)s. Open it within 30 minutes to confirm your booking: "
                "until then, nothing is booked.", email=values["email"]), 200)
        return self._booked_redirect(group, attendee_id, token, tz)

    @staticmethod
    def _book(group, slot_start, values, tz):
        """Requests the slot (the page's limits, then the booking, or the
        emailed link when the calendar wants the visitor's email confirmed)
        in a transaction of its own, committed before the page answers, so
        the Zoom calls that follow the commit are done when the visitor sees
        the confirmation. Returns (attendee id, confirmation page token); the
        token is None while the email waits for its confirmation.

        Read committed (calendar.group._booking_cursor): a concurrent booking
        of the calendar makes this one wait for milliseconds, then see it.
        A serialization failure or deadlock is retried, never shown."""
        for attempt in range(1, BOOKING_TRIES + 1):
            try:
                with group._booking_cursor() as cr, mute_logger("odoo.sql_db"):
                    env = api.Environment(cr, SUPERUSER_ID, dict(request.env.context))
                    booking, token = env["calendar.group"].browse(group.id)._request_public_booking(
                        slot_start, values["name"], values["email"], values["note"], tz,
                        client_address=request.httprequest.remote_addr)
                    return booking.attendee_id.id, token
            except psycopg2.OperationalError as error:
                if error.pgcode not in RETRIED_ERRORS or attempt == BOOKING_TRIES:
                    raise
                _logger.info("Public booking on calendar %s met a concurrent one (%s): retry %d",
                             group.id, errorcodes.lookup(error.pgcode), attempt)
                time.sleep(random.uniform(0, 0.05 * 2 ** attempt))

    @http.route("/book/<string:key>/booked/<int:attendee_id>/<string:token>", type="http",
                auth="public", methods=["GET"])
    def book_done(self, key, attendee_id, token, tz=None, **_params):
        """The visitor's confirmation, behind a secret of its own (not the
        attendee's access_token, which employees and portal users can read)."""
        self._use_visitor_lang()
        group, page = self._calendar_or_page(key, archived_ok=True)
        if page:
            return self._secret_page(page)
        booking = request.env["calendar.public.booking"].sudo()._find_booked(attendee_id, token) \
            if attendee_id < 2 ** 31 else None
        if not booking or booking.group_id != group or not booking.attendee_id:
            return self._secret_page(self._message_page(_("Page not found"), _(
                "There is no booking at this address. Please check the link you were given."), 404))
        return self._confirmation_page(group, self._visitor_tz(group, tz), booking)

    @http.route("/book/<string:key>/confirm/<int:request_id>/<string:token>", type="http",
                auth="public", methods=["GET"])
    def book_confirm_form(self, key, request_id, token, **_params):
        """The landing page of the emailed link: a button, so that mail
        scanners that open links book nothing."""
        self._use_visitor_lang()
        group, booking, page = self._pending_or_page(key, request_id, token)
        if page:
            return self._secret_page(page)
        start = fields.Datetime.to_datetime(booking.slot_start)
        stop = start + timedelta(minutes=int(round(group.duration * 60)))
        tz = self._visitor_tz(group, booking.tz)
        qcontext = dict(self._base_context(group, tz), title=_("Confirm your booking"),
                        slot_label=booking_slots.describe(start, stop, tz, request.env.lang),
                        visitor_email=booking.visitor_email)
        return self._secret_page(request.render("zoom_calendar.booking_confirm_email_page", qcontext))

    @http.route("/book/<string:key>/confirm/<int:request_id>/<string:token>", type="http",
                auth="public", methods=["POST"], csrf=True)
    def book_confirm(self, key, request_id, token, **_params):
        self._use_visitor_lang()
        group, booking, page = self._pending_or_page(key, request_id, token)
        if page:
            return self._secret_page(page)
        tz = self._visitor_tz(group, booking.tz)
        try:
            with request.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                page_token = booking._book()
        except (UserError, ValidationError) as error:
            _logger.info("Public booking on calendar %s refused at confirmation: %s", group.id, error.args[0])
            return self._taken_page(group, tz)
        except psycopg2.extensions.TransactionRollbackError:
            return self._taken_page(group, tz)
        return self._booked_redirect(group, booking.attendee_id.id, page_token, tz)

    # ------------------------------------------------------------------
    # The visitor's language
    # ------------------------------------------------------------------

    @staticmethod
    def _use_visitor_lang():
        """Renders this request in the visitor's language (its texts, day
        and month names, dates and times): the URL's ``lang``, else the
        browser's Accept-Language, among the languages installed in Odoo,
        else English. Without website (http_routing), 17.0 takes the
        public user's language for a route of its own."""
        installed = [code for code, _name in request.env["res.lang"].sudo().get_installed()]
        accepted = [tag for tag, _quality in request.httprequest.accept_languages]
        lang = visitor_lang.pick_lang(request.params.get("lang"), accepted, installed)
        request.update_context(lang=lang)

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------

    def _booked_redirect(self, group, attendee_id, token, tz):
        """To the confirmation page of the visitor's attendee; ``token`` is its
        own secret (calendar.public.booking), never the attendee's
        access_token. Post/redirect/get: reloading it does not book again."""
        return self._secret_page(request.redirect("/book/%s/booked/%s/%s?%s" % (
            self._key(group), attendee_id, token, urlencode(dict({"tz": tz}, **self._lang_param()))), 303))

    def _confirmation_page(self, group, tz, booking):
        """What the visitor booked; nothing of a contact their email may
        have matched: the email shown is the one they typed."""
        attendee = booking.attendee_id.sudo()
        event = attendee.event_id
        meeting = event.zoom_meeting_id
        qcontext = dict(self._base_context(group, tz),
                        title=_("You are booked") if event.active else _("This booking was cancelled"),
                        cancelled=not event.active,
                        visitor_email=booking.visitor_email,
                        slot_label=booking_slots.describe(event.start, event.stop, tz, request.env.lang),
                        host_name=event.user_id.name,
                        is_zoom=bool(meeting),
                        join_url=meeting and meeting.status not in ("pending", "deleted", "failed")
                        and attendee.zoom_join_url,
                        location=not meeting and event.location)
        return self._secret_page(request.render("zoom_calendar.booking_confirmation_page", qcontext))

    # ------------------------------------------------------------------
    # What BookingControllerCommon asks of 17.0
    # ------------------------------------------------------------------

    @staticmethod
    def _utc_now():
        return fields.Datetime.now()
