"""Attendance from Zoom's participant notifications, as plain decisions on
plain data (no ORM): who a participant is, what one stay in the meeting
holds, which attendee of the booking it belongs to, and their minutes.
"""
from datetime import datetime

from .meeting_payload import zoom_time

# Participant notifications; meeting.ended closes what is still open.
JOINED = "meeting.participant_joined"
LEFT = "meeting.participant_left"


def participant_key(person):
    """Who this participant is across their join and leave notifications
    ('' when Zoom gave no id at all)."""
    return str(person.get("user_id") or person.get("participant_user_id") or person.get("id") or "")[:64]


def stay_values(person):
    """What a join notification says of a stay (the sizes the model keeps);
    times as naive UTC, now when Zoom's is missing or malformed."""
    return {
        "zoom_participant_id": participant_key(person),
        "name": str(person.get("user_name") or "")[:256],
        "email": str(person.get("email") or "")[:254],
        "registrant_id": str(person.get("registrant_id") or "")[:64],
        "join_time": zoom_time_or_now(person.get("join_time")),
    }


def zoom_time_or_now(value):
    """A time of Zoom's as naive UTC; now when it is missing or malformed
    (a notification is about something that just happened)."""
    return zoom_time(value) or datetime.utcnow()


def stay_end(left_at, join_time):
    """A stay ends when its person left, never before it began (Zoom's
    clocks are not ours)."""
    return max(left_at, join_time)


def matching_attendee(person, registrant_partners, host, attendees):
    """The attendee (an id of ``attendees``) who is this participant, or
    None: through their registrant (a personal link: exact), as the host
    (their Zoom user id or email), or by email (a shared link, when Zoom
    gives one).

    :param registrant_partners: {registrant id at Zoom: partner id}
    :param host: (Zoom user id, Zoom email, partner id) of the host's
        binding, or None
    :param attendees: [(attendee id, partner id, email)]
    """
    def by_partner(partner_id):
        return next((att_id for att_id, att_partner, _email in attendees if att_partner == partner_id), None)

    registrant_id = str(person.get("registrant_id") or "")
    if registrant_id and registrant_id in registrant_partners:
        return by_partner(registrant_partners[registrant_id])
    email = str(person.get("email") or "").strip().lower()
    zoom_user_id = str(person.get("id") or person.get("participant_user_id") or "")
    if host:
        host_zoom_id, host_email, host_partner = host
        if (zoom_user_id and zoom_user_id == host_zoom_id) or (email and email == (host_email or "").lower()):
            return by_partner(host_partner)
    if email:
        return next((att_id for att_id, _partner, att_email in attendees
                     if (att_email or "").lower() == email), None)
    return None


def minutes_present(stays, until=None):
    """Minutes present over ``stays`` [(join time, leave time or None)], an
    open one counting up to ``until`` when given (naive UTC datetimes)."""
    seconds = 0
    for join_time, leave_time in stays:
        end = leave_time or until
        if end:
            seconds += max(0, (end - join_time).total_seconds())
    return int(round(seconds / 60.0))
