"""When a booking form was opened: a timestamp signed with the database
secret, sent with the form, so that a form sent back too fast (a program, not
a person) can be told apart without keeping anything on the server. Plain
functions, no ORM."""
import hashlib
import hmac
import re
import time

STAMP_RE = re.compile(r"^([0-9]{1,12})\.([0-9a-f]{32})$")


def _signature(secret, group_id, opened):
    payload = "zoom_calendar.booking_form:%s:%s" % (group_id, opened)
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()[:32]


def make_stamp(secret, group_id, now=None):
    opened = int(now if now is not None else time.time())
    return "%d.%s" % (opened, _signature(secret, group_id, opened))


def seconds_since(secret, group_id, stamp, now=None):
    """Seconds since the form of ``stamp`` was opened for calendar
    ``group_id``; raises ValueError on a stamp this server did not sign for
    this calendar."""
    match = STAMP_RE.match(stamp) if isinstance(stamp, str) else None
    if not match or not hmac.compare_digest(match.group(2), _signature(secret, group_id, match.group(1))):
        raise ValueError("missing or forged form stamp")
    return (now if now is not None else time.time()) - int(match.group(1))
