"""What Odoo sends Zoom for a booking: plain functions, no ORM."""

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


def meeting_payload(topic, start_utc, duration_minutes, timezone, agenda, marker, personal_links=True):
    """The body of a meeting create or update.

    :param start_utc: naive datetime in UTC (as Odoo stores it)
    :param marker: a reference unique to this booking, kept at the end of the
        agenda so a create whose answer was lost can be found again
    :param personal_links: registration on, so each attendee gets a link of
        their own (a Licensed host); else one link for all, behind a passcode
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
            "join_before_host": False,
            "waiting_room": False,
            "approval_type": AUTO_APPROVE if personal_links else NO_REGISTRATION,
            "meeting_authentication": False,
            # Odoo sends the invitations, with each attendee's own link.
            "email_notification": False,
            "registrants_email_notification": False,
        },
    }
    if not personal_links:
        # The shared link is all that stands between the meeting and anyone
        # who sees it: Zoom generates a passcode.
        payload["default_password"] = True
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
