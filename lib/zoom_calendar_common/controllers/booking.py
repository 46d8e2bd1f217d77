"""The public booking page's helpers both addons run as they are: the checks
of what a visitor sends and the pages that answer. The routes stay in each
addon's controllers/booking.py (their options and the request's API differ
between the versions); they call these.

``now``: each addon's controller gives the current naive UTC datetime
(``_utc_now``), which 11.0 and 17.0 read from ``fields.Datetime.now()``
in their own ways."""
import re
from datetime import timedelta
from urllib.parse import quote_plus, urlencode

from odoo.http import request

# pylint: disable=missing-import-error (the manifest's external_dependencies refuse the install without it)
from zoom_scheduling import booking_slots, form_stamp, visitor_text

from ..i18n import _

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


class BookingControllerCommon:
    """The helpers of the addons' BookingController that read the same in
    both. The pages' context is named ``qcontext``: Odoo's ``_`` takes the
    language from a local named ``context``."""

    @staticmethod
    def _utc_now():
        """The current time, as a naive UTC datetime."""
        raise NotImplementedError

    # ------------------------------------------------------------------
    # The visitor's language
    # ------------------------------------------------------------------

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
        now = self._utc_now()
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

    @staticmethod
    def _secret_page(response):
        for header, value in SECRET_PAGE_HEADERS.items():
            response.headers[header] = value
        return response

    @staticmethod
    def _message_page(title, message, status):
        return request.render("zoom_calendar.booking_message_page",
                              {"title": title, "message": message}, status=status)
