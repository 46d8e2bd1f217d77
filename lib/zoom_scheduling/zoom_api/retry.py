"""When a Zoom call is sent again: urllib3's `Retry`, with Zoom's rules.

The transport mounts it on the adapter every session shares, so the retries
happen inside `requests`, below the client:

* network errors: a connection that could not be made is retried for every
  method (nothing was sent); a lost answer only for idempotent methods (GET,
  PUT, PATCH, DELETE). A POST whose answer was lost may have created the
  meeting or the registrant: the caller finds it again by its marker.
* 5xx: idempotent methods only, same reason.
* 429: every method (Zoom processed nothing), after `Retry-After` when Zoom
  says when, else after the backoff; but never when waiting would take
  longer than `max_retry_after` (a caller's thread is waiting), nor for
  Zoom's daily cap on meeting creates and updates, which lifts at 00:00 UTC
  only: those come back to the caller as ZoomRateLimited.

`Retry` sees the status and headers, never the body, and only the body
tells the daily cap when Zoom leaves out `X-RateLimit-Type`: so a 429
without `Retry-After` on a meeting create or update is not retried here.
"""
import datetime
import email.utils
import logging
import re
import time

from urllib3.exceptions import MaxRetryError, ResponseError
from urllib3.util.retry import Retry

_logger = logging.getLogger(__name__)

UTC = datetime.timezone.utc
IDEMPOTENT_METHODS = frozenset(['GET', 'PUT', 'PATCH', 'DELETE'])
RETRY_STATUSES = frozenset([429, 500, 502, 503, 504])
# The calls Zoom's daily cap counts: meeting create (POST) and update (PATCH).
DAILY_CAPPED_CALLS = (
    ('POST', re.compile(r'/users/[^/?]+/meetings(\?|$)')),
    ('PATCH', re.compile(r'/meetings/[^/?]+(\?|$)')),
)

_ISO_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$')


def parse_retry_after(value, now=None):
    """When a Retry-After header says to retry, as an aware UTC datetime.

    Zoom has sent seconds, HTTP-dates and ISO-8601 datetimes here (urllib3
    reads the first two only); an unreadable value gives None.
    """
    now = now or datetime.datetime.now(UTC)
    value = (value or '').strip()
    if not value:
        return None
    if re.match(r'^\d+(\.\d+)?$', value):
        return now + datetime.timedelta(seconds=float(value))
    if _ISO_RE.match(value):
        text = value.replace('Z', '+00:00')
        if re.search(r'[+-]\d{4}$', text):  # +0000 -> +00:00 for fromisoformat
            text = text[:-2] + ':' + text[-2:]
        try:
            when = datetime.datetime.fromisoformat(text)
        except ValueError:
            return None
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def is_daily_limit(headers):
    """The 429 is Zoom's daily cap, as far as its headers tell."""
    return (headers.get('X-RateLimit-Type') or '').lower() == 'daily-limit'


class ZoomRetry(Retry):
    """`Retry` with the rules above; `sleep` is replaceable for tests."""

    def __init__(self, total=2, backoff_factor=0.5, max_retry_after=5.0, sleep=time.sleep, **kwargs):
        kwargs.setdefault('allowed_methods', IDEMPOTENT_METHODS)
        kwargs.setdefault('status_forcelist', RETRY_STATUSES)
        kwargs.setdefault('raise_on_status', False)  # the last answer goes to the caller
        kwargs.setdefault('other', 0)  # an error neither of connecting nor of reading
        super(ZoomRetry, self).__init__(total=total, backoff_factor=backoff_factor, **kwargs)
        self.max_retry_after = max_retry_after
        self.sleep_function = sleep

    def new(self, **kwargs):
        retry = super(ZoomRetry, self).new(**kwargs)
        retry.max_retry_after = self.max_retry_after
        retry.sleep_function = self.sleep_function
        return retry

    def is_retry(self, method, status_code, has_retry_after=False):
        if status_code == 429:
            return True
        return super(ZoomRetry, self).is_retry(method, status_code, has_retry_after)

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        if response is not None and response.status == 429 and not self._worth_waiting(method, url, response):
            # With raise_on_status off, urllib3 hands this 429 to the caller.
            raise MaxRetryError(_pool, url, ResponseError('Zoom rate limit: not retried now'))
        return super(ZoomRetry, self).increment(method, url, response, error, _pool, _stacktrace)

    def _worth_waiting(self, method, url, response):
        if is_daily_limit(response.headers):
            return False
        wait = self.get_retry_after(response)
        if wait is None:
            path = (url or '').split('://', 1)[-1]
            return not any(method == capped and pattern.search(path) for capped, pattern in DAILY_CAPPED_CALLS)
        return wait <= self.max_retry_after

    def get_retry_after(self, response):
        when = parse_retry_after(response.headers.get('Retry-After'))
        if when is None:
            return None
        return max(0.0, (when - datetime.datetime.now(UTC)).total_seconds())

    def get_backoff_time(self):
        # backoff_factor, then twice as long each time (urllib3 sends its
        # first retry at once).
        errors = len(self.history)
        return self.backoff_factor * (2 ** (errors - 1)) if errors else 0.0

    def sleep(self, response=None):
        wait = self.get_retry_after(response) if response is not None else None
        if wait is None:
            wait = self.get_backoff_time()
        last = self.history[-1] if self.history else None
        if last is not None:
            _logger.warning("Zoom %s %s: %s, retrying in %.2f s", last.method, last.url.split('?', 1)[0],
                            'HTTP %s' % last.status if last.status else type(last.error).__name__, wait)
        self.sleep_function(wait)
