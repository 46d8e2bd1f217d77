"""What Odoo sends Zoom for a booking: plain functions, no ORM."""
import secrets
import string
from datetime import datetime

TOPIC_MAX = 200
AGENDA_MAX = 2000
# Zoom's scheduled-meeting type.
SCHEDULED = 2
# Registration on, approved automatically: every registrant gets a personal
# join link at once (1 would hold it for approval, 2 would refuse registrants).
AUTO_APPROVE = 0
# No registration: what a Basic host's meeting has (registration needs a
# Licensed host); every attendee joins with the meeting's own link.
NO_REGISTRATION = 2
# A group calendar's Zoom meeting options (calendar.group.zoom_*): "on",
# "off", or "default" for the host's own Zoom setting (nothing sent).
ON_OFF_OPTIONS = ("waiting_room", "join_before_host", "mute_upon_entry")
OPTION_DEFAULTS = {"waiting_room": "off", "passcode": "on", "join_before_host": "off",
                   "mute_upon_entry": "default", "auto_recording": "default"}
# What a Basic (free) Zoom account cannot do: (option, value).
LICENSED_ONLY = {("auto_recording", "cloud")}
PASSCODE_LENGTH = 8


def new_passcode():
    """A meeting passcode Zoom accepts whatever the account's complexity
    rules: 8 characters with letters and digits."""
    digits = [secrets.choice(string.digits) for _ in range(4)]
    letters = [secrets.choice(string.ascii_letters) for _ in range(PASSCODE_LENGTH - 4)]
    chars = digits + letters
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def dropped_options(options, licensed):
    """The options a Basic host's account does not allow: [(name, value)]."""
    if licensed:
        return []
    return sorted((name, value) for name, value in (options or {}).items() if (name, value) in LICENSED_ONLY)


def meeting_settings(options, licensed, passcode):
    """What Zoom should hold of a calendar's options: (settings, top-level
    fields). Options a Basic host cannot have are left out (dropped_options);
    a Basic host's meeting always has a passcode, its one link being shared."""
    options = dict(OPTION_DEFAULTS, **(options or {}))
    dropped = dict(dropped_options(options, licensed))
    settings, top = {}, {}
    for name in ON_OFF_OPTIONS:
        if options[name] != "default":
            settings[name] = options[name] == "on"
    if options["auto_recording"] != "default" and "auto_recording" not in dropped:
        settings["auto_recording"] = options["auto_recording"]
    if options["passcode"] == "on" or not licensed:
        top["password"] = passcode
    return settings, top


def meeting_payload(topic, start_utc, duration_minutes, timezone, agenda, marker, personal_links=True,
                    options=None, passcode=None, alternative_hosts=()):
    """The body of a meeting create or update.

    :param start_utc: naive datetime in UTC (as Odoo stores it)
    :param marker: a reference unique to this booking, kept at the end of the
        agenda so a create whose answer was lost can be found again
    :param personal_links: registration on, so each attendee gets a link of
        their own (a Licensed host); else one link for all, behind a passcode
    :param options: the group calendar's Zoom options (OPTION_DEFAULTS)
    :param passcode: the meeting's passcode, when it has one (new_passcode)
    :param alternative_hosts: emails of Zoom users who may start the meeting
        too (Licensed users of the host's Zoom account)
    """
    marker_line = "\n\n[%s]" % marker
    agenda = (agenda or "").strip()[:AGENDA_MAX - len(marker_line)] + marker_line
    payload = {
        "topic": (topic or "Meeting").strip()[:TOPIC_MAX] or "Meeting",
        "type": SCHEDULED,
        "start_time": start_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration": max(1, int(round(duration_minutes))),
        "timezone": timezone or "UTC",
        "agenda": agenda.strip(),
        "settings": {
            "approval_type": AUTO_APPROVE if personal_links else NO_REGISTRATION,
            "meeting_authentication": False,
            # Odoo sends the invitations, with each attendee's own link.
            "email_notification": False,
            "registrants_email_notification": False,
        },
    }
    settings, top = meeting_settings(options, personal_links, passcode or new_passcode())
    payload["settings"].update(settings)
    payload.update(top)
    if alternative_hosts:
        payload["settings"]["alternative_hosts"] = ";".join(alternative_hosts)
    return payload


def refuses_alternative_hosts(error):
    """Whether Zoom's refusal (a ZoomBadRequest) is about the alternative
    hosts: one of them is not, or no longer, a licensed user of the host's
    Zoom account."""
    fields = [item.get("field") for item in getattr(error, "errors", []) if isinstance(item, dict)]
    return "settings.alternative_hosts" in fields or "alternative host" in (error.message or "").lower()


def without_refused_co_hosts(payload, refused):
    """``payload`` without its alternative hosts when they are those Zoom
    refused for the meeting (``refused``, as they were sent): they would be
    refused again. A changed list is asked for again."""
    if refused and payload["settings"].get("alternative_hosts") == refused:
        del payload["settings"]["alternative_hosts"]
    return payload


def find_by_marker(meetings, marker):
    """The meeting of a listing whose agenda carries ``marker``, or None."""
    tag = "[%s]" % marker
    for meeting in meetings:
        if tag in (meeting.get("agenda") or ""):
            return meeting
    return None


def registrant_names(name, email):
    """Zoom requires a first name; split the partner's name, or fall back to
    the email's local part."""
    parts = (name or "").strip().split(None, 1)
    if not parts:
        parts = [(email or "guest").split("@")[0] or "guest"]
    first = parts[0][:64]
    last = parts[1][:64] if len(parts) > 1 else ""
    return first, last


# What a meeting.updated notification may change that the booking also says.
WATCHED_IN_ZOOM = ("topic", "start_time", "duration", "timezone", "agenda")
# GET /users/me `type`: 2 is Licensed; 1 Basic, and the types that cannot
# even host (4, 99), take no registrants, so give no personal links.
LICENSED_TYPE = 2


def _same(key, sent, seen):
    if key == "start_time":  # Zoom may answer with or without the Z
        return str(sent).rstrip("Z") == str(seen).rstrip("Z")
    return sent == seen


def changed_in_zoom(sent, zoom_object):
    """The watched keys of a meeting.updated object that differ from
    ``sent``, the payload this addon last sent (a notification that only
    echoes it changes nothing), sorted."""
    return sorted(key for key in WATCHED_IN_ZOOM
                  if key in zoom_object and not _same(key, sent.get(key), zoom_object[key]))


def zoom_time(value):
    """A time of Zoom's (2031-03-03T09:00:00Z) as a naive UTC datetime;
    None when it is missing or malformed."""
    try:
        return datetime.strptime(str(value)[:19], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None


def zoom_user_type(zoom_user):
    """'licensed' or 'basic' from Zoom's answer to GET /users/me."""
    return "licensed" if zoom_user.get("type") == LICENSED_TYPE else "basic"
