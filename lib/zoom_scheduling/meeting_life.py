"""What happens to a Zoom meeting after it is planned, as plain decisions
on plain data (no ORM): when a failed call is tried again, which Zoom
notifications move its status, and which meetings at Zoom carry a booking's
marker. Both addons (Odoo 11.0 and 17.0) store and act on the answers.
"""
import re
from datetime import timedelta

from .zoom_api import ZoomAuthError, ZoomBadRequest, ZoomRateLimited

# Retries back off from 1 minute to 6 hours.
RETRY_MINUTES = (1, 5, 15, 60, 180, 360)

# Zoom notification -> (the statuses it moves a meeting from, the new one).
# A late meeting.started after meeting.ended is a host who came back.
STATUS_AFTER = {
    "meeting.started": (("scheduled", "ended"), "started"),
    "meeting.ended": (("scheduled", "started"), "ended"),
}


def is_permanent(error):
    """A refusal that trying again cannot fix (Zoom said the request itself
    is wrong), unlike an outage, a rate limit or a lost authorisation."""
    return isinstance(error, ZoomBadRequest) and not isinstance(error, ZoomRateLimited)


def next_retry(error, attempts, now):
    """When the next try of a failed call is due (naive UTC, as ``now``):
    ``error`` is the ZoomError (None: an unexpected one), ``attempts`` the
    tries made so far."""
    if isinstance(error, ZoomAuthError):
        # Nothing helps before the host reconnects; reconnecting retries.
        return now + timedelta(days=1)
    if isinstance(error, ZoomRateLimited) and error.retry_at:
        return naive_utc(error.retry_at)
    minutes = RETRY_MINUTES[min(max(attempts - 1, 0), len(RETRY_MINUTES) - 1)]
    return now + timedelta(minutes=minutes)


def naive_utc(moment):
    """``moment`` as Odoo stores it: naive UTC (Zoom's answers are aware)."""
    if moment.tzinfo:
        moment = (moment - moment.utcoffset()).replace(tzinfo=None)
    return moment


def marked_ids(meetings, prefix):
    """(Zoom meeting, record id) for each meeting of a Zoom listing whose
    agenda carries a marker ``[<prefix><id>]`` of this database."""
    pattern = re.compile(r"\[%s(\d+)\]" % re.escape(prefix))
    for data in meetings:
        found = pattern.search(data.get("agenda") or "")
        if found:
            yield data, int(found.group(1))


def changed_status(event_name, status):
    """The status a meeting in ``status`` takes on Zoom's ``event_name``
    (meeting.started, meeting.ended), or None when it does not move."""
    sources, target = STATUS_AFTER.get(event_name, ((), None))
    return target if status in sources else None
