"""The public booking page of a group calendar, /book/<id or slug>, as both
addons serve it: its routes, the checks of what a visitor sends and the
pages that answer.

Visitors have no Odoo account: every input is checked here, then the booking
runs as superuser through calendar.group._request_public_booking(). The
pages show the calendar's name, its free slots and the visitor's own
booking, nothing else (no member's email, no other booking).

Each addon's BookingController inherits this beside http.Controller and
gives what its Odoo does its own way: the request's language
(``_set_request_lang``) and a redirect (``_redirect``). A datetime field's
value, the current time's included, is read through the calendar's
``_as_datetime``.

The routes take the query string's leftovers as ``**_params``, never
``**kwargs``: Odoo's _() reads a frame's ``kwargs['context']``, which a
visitor could send as ``?context=...``."""
import random
import re
import time
from datetime import timedelta
from urllib.parse import quote_plus, urlencode

import psycopg2
from psycopg2 import errorcodes

from odoo import SUPERUSER_ID, api, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import mute_logger

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from zoom_scheduling import booking_slots, form_stamp, visitor_lang, visitor_text

from .. import addon_logger
from ..i18n import _
from ..models.calendar_group import SlotTaken
from ..models.calendar_public_booking import BookingLimitReached

_logger = addon_logger("controllers.booking")

# A booking that meets a concurrent one (a serialization failure or a
# deadlock) is tried again, up to this many times in all.
BOOKING_TRIES = 5
RETRIED_ERRORS = (errorcodes.SERIALIZATION_FAILURE, errorcodes.DEADLOCK_DETECTED)
NAME_MAX = 100
EMAIL_MAX = 254
NOTE_MAX = 2000
EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
# The form's field that people do not see (off screen) and programs fill in.
HONEYPOT = "homepage"
# Pages that carry a secret in their address: no Referer to the links they
# hold (the Zoom join link), no copy in any cache.
SECRET_PAGE_HEADERS = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


def route(*args, **kwargs):
    """Odoo's ``http.route``, for a route this mixin declares. Odoo 11's
    controller metaclass marks the routes a controller class declares itself
    (their ``routing_type``, which its response wrapper reads), not those it
    inherits: marked here. Odoo 17's route has no such mark, nor needs it."""
    def decorator(endpoint):
        wrapper = http.route(*args, **kwargs)(endpoint)
        if hasattr(wrapper, "original_func"):
            wrapper.original_func.routing_type = kwargs.get("type", "http")
        return wrapper
    return decorator


def _text(value):
    """A form field as a string: a missing field, or one sent twice, is empty."""
    return value if isinstance(value, str) else ""


class BookingControllerCommon:
    """The addons' BookingController, as both serve it. The pages' context
    is named ``qcontext``: Odoo's ``_`` takes the language from a local
    named ``context``."""

    @staticmethod
    def _set_request_lang(lang):
        """Renders the rest of this request in the language ``lang``."""
        raise NotImplementedError

    @staticmethod
    def _redirect(location, code):
        """The response that redirects to ``location``."""
        raise NotImplementedError

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------

    @route("/book/<string:key>", type="http", auth="public", methods=["GET"])
    def book_slots(self, key, tz=None, **_params):
        self._use_visitor_lang()
        group, page = self._calendar_or_page(key)
        if page:
            return page
        return self._slots_page(group, self._visitor_tz(group, tz), tz_from_visitor=bool(tz))

    @route("/book/<string:key>/slot", type="http", auth="public", methods=["GET"])
    def book_form(self, key, slot=None, tz=None, **_params):
        self._use_visitor_lang()
        group, tz, slot_start, page = self._calendar_and_slot(key, slot, tz)
        if page:
            return page
        return self._form_page(group, tz, slot_start, {}, {})

    @route("/book/<string:key>/slot", type="http", auth="public", methods=["POST"], csrf=True)
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
        except BookingLimitReached as error:
            _logger.info("Public booking on calendar %s refused: %s", group.id, error.args[0])
            return self._message_page(_("Too many bookings"), error.args[0], 429)
        except (UserError, ValidationError) as error:
            return self._refusal_page(group, tz, error)
        if token is None:
            return self._message_page(_("Check your email"), _(
                "We sent a link to %(email)s. Open it within 30 minutes to confirm your booking: "
                "until then, nothing is booked.") % {"email": values["email"]}, 200)
        return self._booked_redirect(group, attendee_id, token, tz)

    @route("/book/<string:key>/booked/<int:attendee_id>/<string:token>", type="http",
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

    @route("/book/<string:key>/confirm/<int:request_id>/<string:token>", type="http",
           auth="public", methods=["GET"])
    def book_confirm_form(self, key, request_id, token, **_params):
        """The landing page of the emailed link: a button, so that mail
        scanners that open links book nothing."""
        self._use_visitor_lang()
        group, booking, page = self._pending_or_page(key, request_id, token)
        if page:
            return self._secret_page(page)
        start = group._as_datetime(booking.slot_start)
        stop = start + timedelta(minutes=int(round(group.duration * 60)))
        tz = self._visitor_tz(group, booking.tz)
        qcontext = dict(self._base_context(group, tz), title=_("Confirm your booking"),
                        slot_label=booking_slots.describe(start, stop, tz, request.env.lang),
                        visitor_email=booking.visitor_email)
        return self._secret_page(request.render("zoom_calendar.booking_confirm_email_page", qcontext))

    @route("/book/<string:key>/confirm/<int:request_id>/<string:token>", type="http",
           auth="public", methods=["POST"], csrf=True)
    def book_confirm(self, key, request_id, token, **_params):
        self._use_visitor_lang()
        group, booking, page = self._pending_or_page(key, request_id, token)
        if page:
            return self._secret_page(page)
        tz = self._visitor_tz(group, booking.tz)

        def book_requested(env):
            requested = env["calendar.public.booking"].browse(booking.id)
            page_token = requested._book()
            return requested.attendee_id.id, page_token
        try:
            attendee_id, page_token = self._in_booking_transaction(group, book_requested)
        except (UserError, ValidationError) as error:
            return self._refusal_page(group, tz, error)
        return self._booked_redirect(group, attendee_id, page_token, tz)

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------

    def _book(self, group, slot_start, values, tz):
        """Requests the slot (the page's limits, then the booking, or the
        emailed link when the calendar wants the visitor's email confirmed).
        Returns (attendee id, confirmation page token); the token is None
        while the email waits for its confirmation."""
        def request_slot(env):
            booking, token = env["calendar.group"].browse(group.id)._request_public_booking(
                slot_start, values["name"], values["email"], values["note"], tz,
                client_address=request.httprequest.remote_addr)
            return booking.attendee_id.id, token
        return self._in_booking_transaction(group, request_slot)

    @staticmethod
    def _in_booking_transaction(group, book):
        """``book(env)`` (as superuser) in a transaction of its own, committed
        before the page answers, so that the Zoom calls that follow the
        commit are done when the visitor sees the confirmation; returns what
        it returns. Every booking of the page goes through here.

        Read committed (calendar.group._booking_cursor): a concurrent booking
        of the calendar makes this one wait for milliseconds, then see it.
        A serialization failure or deadlock is retried, never shown."""
        for attempt in range(1, BOOKING_TRIES + 1):
            try:
                with group._booking_cursor() as cr, mute_logger("odoo.sql_db"):
                    return book(api.Environment(cr, SUPERUSER_ID, dict(request.env.context)))
            except psycopg2.OperationalError as error:
                if error.pgcode not in RETRIED_ERRORS or attempt == BOOKING_TRIES:
                    raise
                _logger.info("Public booking on calendar %s met a concurrent one (%s): retry %d",
                             group.id, errorcodes.lookup(error.pgcode), attempt)
                time.sleep(random.uniform(0, 0.05 * 2 ** attempt))

    def _refusal_page(self, group, tz, error):
        """The page for a booking refused with ``error`` (a UserError): the
        time was taken, or the calendar cannot take bookings right now (not
        the visitor's doing: a calendar whose hosts lost Zoom, ...), which
        the log tells whoever reads it."""
        if isinstance(error, SlotTaken):
            _logger.info("Public booking on calendar %s refused: %s", group.id, error.args[0])
            return self._taken_page(group, tz)
        _logger.warning("Public booking on calendar %s failed: %s", group.id, error.args[0])
        return self._message_page(_("Booking not possible right now"), _(
            "%(calendar)s cannot take this booking right now. Please try again later.")
            % {"calendar": group.name}, 503)

    # ------------------------------------------------------------------
    # The visitor's language
    # ------------------------------------------------------------------

    def _use_visitor_lang(self):
        """Renders this request in the visitor's language (its texts, day
        and month names, dates and times): the URL's ``lang``, else the
        browser's Accept-Language, among the languages installed in Odoo,
        else English. Without the website module, Odoo does not do it for
        a route of its own (11.0), or takes the public user's (17.0)."""
        installed = [code for code, _name in request.env["res.lang"].sudo().get_installed()]
        accepted = [tag for tag, _quality in request.httprequest.accept_languages]
        self._set_request_lang(visitor_lang.pick_lang(request.params.get("lang"), accepted, installed))

    @staticmethod
    def _lang_param():
        """{'lang': code} when the URL chose the language, for the page's
        links to keep it; else {} (the browser's header comes again)."""
        requested = request.params.get("lang")
        if isinstance(requested, str) and requested:
            return {"lang": request.env.lang}
        return {}

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    def _pending_or_page(self, key, request_id, token):
        """(calendar, pending request, None) for a valid emailed link, else
        (..., the page that says why it cannot book)."""
        group, page = self._calendar_or_page(key)
        if page:
            return None, None, page
        booking = request.env["calendar.public.booking"].sudo()._find_by_confirmation_link(request_id, token)
        if not booking or booking.group_id != group:
            return group, None, self._message_page(_("Link not valid"), _(
                "This confirmation link is not valid. Please check that you opened the whole "
                "link from the email."), 404)
        problem = booking._link_problem()
        if problem:
            return group, None, self._message_page(_("Link no longer valid"), problem, 410)
        return group, booking, None

    @staticmethod
    def _database_secret():
        return request.env["ir.config_parameter"].sudo().get_param("database.secret")

    def _check_form_stamp(self, group, stamp):
        """(None or why the form cannot be taken as sent by a person, the
        stamp the form sent back gets: the same while it is valid, so that
        the time the visitor takes keeps counting)."""
        try:
            elapsed = form_stamp.seconds_since(self._database_secret(), group.id, stamp)
        except ValueError:
            return _("This form could not be checked (it was not opened from this page). "
                     "Please check your details and send it again."), None
        if elapsed < group.booking_min_fill_seconds:
            return _("This form was sent very fast, as programs do. Please check your details, "
                     "then send it again."), stamp
        return None, stamp

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
        now = group._as_datetime(fields.Datetime.now())
        if slot_start <= now:
            return None, self._slots_page(group, tz, status=400, error=_(
                "This time is in the past. Please pick one of the times below."))
        working = group.sudo()._working_slots(now)
        if slot_start not in {start for start, _stop in working}:
            return None, self._slots_page(group, tz, status=400, error=_(
                "%(calendar)s does not take bookings at this time (outside its working hours or more "
                "than %(days)d days ahead). Please pick one of the times below.")
                % {"calendar": group.name, "days": booking_slots.DAYS_AHEAD})
        if slot_start not in {start for start, _stop in group.sudo()._public_slots(now, working)}:
            return None, self._taken_page(group, tz)
        return slot_start, None

    @staticmethod
    def _clean_visitor(values):
        """The visitor's input, stripped, and {field: error message}."""
        name_bad = visitor_text.forbidden_characters(values["name"].strip())
        note_bad = visitor_text.forbidden_characters(values["note"].strip(), multiline=True)
        name = " ".join(values["name"].split())
        email = values["email"].strip()
        note = values["note"].strip()
        errors = {}
        if not name:
            errors["name"] = _("Please enter your name.")
        elif len(name) > NAME_MAX:
            errors["name"] = _("Your name is too long: at most %d characters.") % NAME_MAX
        elif name_bad:
            errors["name"] = _("Your name contains invisible or control characters, which are not "
                               "allowed (%(characters)s).") % {"characters": ", ".join(name_bad)}
        if not email:
            errors["email"] = _("Please enter your email address: your Zoom link is sent there.")
        elif len(email) > EMAIL_MAX:
            errors["email"] = _("This email address is too long: at most %d characters.") % EMAIL_MAX
        elif not EMAIL_RE.match(email):
            errors["email"] = _("This does not look like an email address (name@example.com).")
        if len(note) > NOTE_MAX:
            errors["note"] = _("Your note is too long: at most %d characters.") % NOTE_MAX
        elif note_bad:
            errors["note"] = _("Your note contains invisible or control characters, which are not "
                               "allowed (%(characters)s).") % {"characters": ", ".join(note_bad)}
        return {"name": name, "email": email, "note": note}, errors

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------

    @staticmethod
    def _key(group):
        return group.slug or str(group.id)

    def _base_context(self, group, tz):
        lang = self._lang_param()
        return {
            "calendar_name": group.name,
            "calendar_key": self._key(group),
            "duration_label": self._duration_label(group.duration),
            "tz": tz,
            "tz_query": quote_plus(tz),
            "tz_label": tz.replace("_", " "),
            # Appended to the page's links: "&lang=fr_FR", or nothing.
            "lang_query": "&" + urlencode(lang) if lang else "",
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
        qcontext = dict(self._base_context(group, tz),
                        days=booking_slots.group_by_day(slots, tz, request.env.lang),
                        detect_tz=not tz_from_visitor, error=error, taken=taken,
                        title=_("This time was just taken") if taken else group.name)
        return request.render("zoom_calendar.booking_slots_page", qcontext, status=status)

    def _taken_page(self, group, tz):
        return self._slots_page(group, tz, status=409, taken=True, error=_(
            "Someone booked this time a moment ago, or it is no longer free. "
            "Here are the times still free."))

    def _form_page(self, group, tz, slot_start, values, errors, status=200, stamp=None):
        """The form; ``stamp``: that of the form sent back, kept so that
        the time the visitor took keeps counting."""
        stop = slot_start + timedelta(minutes=int(round(group.duration * 60)))
        qcontext = dict(self._base_context(group, tz),
                        slot=booking_slots.format_slot(slot_start),
                        slot_label=booking_slots.describe(slot_start, stop, tz, request.env.lang),
                        form=values, errors=errors, honeypot=HONEYPOT,
                        form_stamp=stamp or form_stamp.make_stamp(self._database_secret(), group.id),
                        title=_("Book %s") % group.name)
        return request.render("zoom_calendar.booking_form_page", qcontext, status=status)

    def _booked_redirect(self, group, attendee_id, token, tz):
        """To the confirmation page of the visitor's attendee; ``token`` is its
        own secret (calendar.public.booking), never the attendee's
        access_token. Post/redirect/get: reloading it does not book again."""
        return self._secret_page(self._redirect("/book/%s/booked/%s/%s?%s" % (
            self._key(group), attendee_id, token, urlencode(dict({"tz": tz}, **self._lang_param()))), 303))

    def _confirmation_page(self, group, tz, booking):
        """What the visitor booked; nothing of a contact their email may
        have matched: the email shown is the one they typed."""
        attendee = booking.attendee_id.sudo()
        event = attendee.event_id
        start, stop = (group._as_datetime(value) for value in (event.start, event.stop))
        meeting = event.zoom_meeting_id
        qcontext = dict(self._base_context(group, tz),
                        title=_("You are booked") if event.active else _("This booking was cancelled"),
                        cancelled=not event.active,
                        visitor_email=booking.visitor_email,
                        slot_label=booking_slots.describe(start, stop, tz, request.env.lang),
                        host_name=event.user_id.name,
                        is_zoom=bool(meeting),
                        join_url=meeting and meeting.status not in ("pending", "deleted", "failed")
                        and attendee.zoom_join_url,
                        location=not meeting and event.location)
        return self._secret_page(request.render("zoom_calendar.booking_confirmation_page", qcontext))

    @staticmethod
    def _secret_page(response):
        for header, value in SECRET_PAGE_HEADERS.items():
            response.headers[header] = value
        return response

    @staticmethod
    def _message_page(title, message, status):
        return request.render("zoom_calendar.booking_message_page",
                              {"title": title, "message": message}, status=status)
