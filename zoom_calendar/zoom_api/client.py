"""Zoom REST client (API v2) for one user's access token."""
import datetime
import email.utils
import logging
import re
import time
from urllib.parse import quote

from .errors import (ZoomAuthError, ZoomBadRequest, ZoomNotFound,
                     ZoomRateLimited, ZoomRegistrationDisabled, ZoomUnavailable)
from .transport import (DEFAULT_TIMEOUT, json_body, send, shared_session,
                        unavailable, unexpected_response)

_logger = logging.getLogger(__name__)

UTC = datetime.timezone.utc
IDEMPOTENT_METHODS = frozenset(['GET', 'PUT', 'PATCH', 'DELETE'])
MAX_PAGES = 1000  # a guard against a server that keeps sending the same page
REGISTRANTS_PER_STATUS_CALL = 30  # Zoom's limit for registrants/status

_ISO_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$')

NOT_FOUND_MESSAGES = {
    3001: "This meeting no longer exists in Zoom.",
    1001: "This Zoom user no longer exists.",
}
# Zoom's answer to a registrant for a meeting without registration (a Basic
# host's): 404 "Registration has not been enabled for this meeting: <id>."
REGISTRATION_DISABLED = "registration has not been enabled"
BAD_REQUEST_MESSAGES = {
    3161: "This Zoom account is not allowed to host or schedule meetings.",
    3043: "This Zoom meeting has reached its maximum number of attendees.",
}


def next_utc_midnight(now=None):
    """The next 00:00 UTC, when Zoom resets its daily limits."""
    now = now or datetime.datetime.now(UTC)
    return datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(0), UTC)


def parse_retry_after(value, now=None):
    """When a Retry-After header says to retry, as an aware UTC datetime.

    Zoom has sent seconds, HTTP-dates and ISO-8601 datetimes here; an
    unreadable value gives None.
    """
    now = now or datetime.datetime.now(UTC)
    value = (value or '').strip()
    if not value:
        return None
    try:
        return now + datetime.timedelta(seconds=max(0.0, float(value)))
    except ValueError:
        pass
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


def _rate_limit_error(response, data):
    """Build ZoomRateLimited from a 429: daily cap or per-second limit."""
    now = datetime.datetime.now(UTC)
    message = str(data.get('message') or '')
    limit_type = response.headers.get('X-RateLimit-Type', '')
    daily = (limit_type.lower() == 'daily-limit'
             or 'daily rate limit' in message.lower())
    retry_at = parse_retry_after(response.headers.get('Retry-After'), now)
    if daily and (retry_at is None or retry_at <= now):
        retry_at = next_utc_midnight(now)
    retry_after = (retry_at - now).total_seconds() if retry_at else None
    return ZoomRateLimited(status=429, code=data.get('code'),
                           retry_after=retry_after, retry_at=retry_at,
                           daily=daily)


def error_from_response(response, pending=None):
    """Map a Zoom error response to the matching ZoomError."""
    status = response.status_code
    data = json_body(response) or {}
    code = data.get('code')
    zoom_message = str(data.get('message') or '').strip()
    if status == 401:
        return ZoomAuthError(status=status, code=code)
    if status == 429:
        return _rate_limit_error(response, data)
    if status >= 500:
        return unavailable('Zoom error %s' % status, pending, status=status)
    if status == 404 and REGISTRATION_DISABLED in zoom_message.lower():
        return ZoomRegistrationDisabled(status=status, code=code)
    if status == 404:
        message = NOT_FOUND_MESSAGES.get(code) or (
            "Zoom could not find it: %s" % (zoom_message or 'not found'))
        return ZoomNotFound(message, status=status, code=code)
    if 400 <= status < 500:
        errors = data.get('errors') if isinstance(data.get('errors'), list) else []
        message = BAD_REQUEST_MESSAGES.get(code)
        if not message:
            details = '; '.join('%s: %s' % (e.get('field'), e.get('message'))
                                for e in errors if isinstance(e, dict))
            message = "Zoom refused the request: %s%s" % (
                zoom_message or 'HTTP %s' % status,
                ' (%s)' % details if details else '')
        return ZoomBadRequest(message, status=status, code=code, errors=errors)
    return unexpected_response(status, pending)


def _is_url(value):
    """A link Zoom gives must be one a browser can open."""
    return isinstance(value, str) and value.startswith(('https://', 'http://'))


def _str_id(record, key='id'):
    """Zoom ids are 64-bit integers: keep them as text."""
    if record.get(key) is not None:
        record[key] = str(record[key])
    return record


class ZoomClient(object):
    """Calls Zoom's REST API with one user's access token.

    Idempotent calls (GET, PUT, PATCH, DELETE) are retried with exponential
    backoff on network errors and 5xx. Creations (POST) never are: a lost
    answer may hide a meeting that Zoom did create.
    """

    def __init__(self, access_token, api_base='https://api.zoom.us/v2',
                 session=None, timeout=DEFAULT_TIMEOUT, max_retries=2,
                 backoff=0.5, max_retry_after=5.0, sleep=time.sleep):
        self.access_token = access_token
        self.api_base = api_base.rstrip('/')
        self.session = session
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.sleep = sleep

    def __repr__(self):
        return 'ZoomClient(api_base=%r)' % self.api_base

    # Users

    def get_me(self):
        """The token's Zoom user (`id` is the binding key)."""
        return self._json(self._request('GET', '/users/me'), required=('id',))

    # Meetings

    def create_meeting(self, payload, user_id='me'):
        """Create a meeting; returns Zoom's body with `id` as text."""
        pending = "The meeting will be created as soon as Zoom answers."
        response = self._request('POST', '/users/%s/meetings' % quote(user_id),
                                 json=payload, expect=(201,), pending=pending)
        data = _str_id(self._json(response, ('id', 'join_url'), pending))
        if not (data['id'].isdigit() and _is_url(data['join_url'])):
            _logger.warning("Zoom answered HTTP %s with a malformed meeting", response.status_code)
            raise unexpected_response(response.status_code, pending)
        return data

    def list_meetings(self, user_id='me', meeting_type='upcoming', page_size=300):
        """All the user's meetings of `meeting_type`, every page."""
        meetings = self._pages('/users/%s/meetings' % quote(user_id), 'meetings',
                               {'type': meeting_type, 'page_size': page_size})
        return [_str_id(m) for m in meetings]

    def get_meeting(self, meeting_id):
        """The meeting with a fresh `start_url`."""
        data = self._json(self._request('GET', self._meeting_path(meeting_id)),
                          required=('id',))
        return _str_id(data)

    def update_meeting(self, meeting_id, payload):
        """Change the meeting (PATCH: only the fields given)."""
        self._request('PATCH', self._meeting_path(meeting_id), json=payload,
                      expect=(200, 204),
                      pending="The meeting will be updated as soon as Zoom answers.")

    def delete_meeting(self, meeting_id, notify=False):
        """Delete the meeting; False when Zoom no longer had it (done too).

        `notify` asks Zoom to mail the cancellation to registrants.
        """
        try:
            self._request('DELETE', self._meeting_path(meeting_id),
                          params={'cancel_meeting_reminder': 'true' if notify else 'false'},
                          expect=(200, 204),
                          pending="The meeting will be cancelled as soon as Zoom answers.")
        except ZoomNotFound:
            return False
        return True

    # Registrants

    def add_registrant(self, meeting_id, email, first_name, last_name=None):
        """Register an attendee; returns `registrant_id` and a personal `join_url`.

        Needs a meeting created with approval_type 0 (automatic approval).
        """
        body = {'email': email, 'first_name': first_name}
        if last_name:
            body['last_name'] = last_name
        pending = "The attendee will be registered as soon as Zoom answers."
        response = self._request('POST', self._meeting_path(meeting_id) + '/registrants',
                                 json=body, expect=(201,), pending=pending)
        data = self._json(response, (), pending)
        registrant_id = data.get('registrant_id') or data.get('id')
        if not registrant_id:
            raise unexpected_response(response.status_code, pending)
        data['registrant_id'] = str(registrant_id)
        if data.get('join_url') and not _is_url(data['join_url']):
            raise unexpected_response(response.status_code, pending)
        if not data.get('join_url'):
            # Zoom withholds the link while registrations await manual approval.
            raise ZoomBadRequest(
                "Zoom registered the attendee but gave no join link: the "
                "meeting's registrations need manual approval in Zoom.",
                status=response.status_code)
        return data

    def list_registrants(self, meeting_id, status='approved', page_size=300):
        """All registrants of the meeting with that status, every page."""
        registrants = self._pages(self._meeting_path(meeting_id) + '/registrants',
                                  'registrants', {'status': status, 'page_size': page_size})
        return registrants

    def cancel_registrants(self, meeting_id, registrants):
        """Cancel registrations; `registrants` = [{'id': ..., 'email': ...}]."""
        registrants = list(registrants)
        path = self._meeting_path(meeting_id) + '/registrants/status'
        for start in range(0, len(registrants), REGISTRANTS_PER_STATUS_CALL):
            batch = registrants[start:start + REGISTRANTS_PER_STATUS_CALL]
            self._request('PUT', path, json={'action': 'cancel', 'registrants': batch},
                          expect=(200, 204))

    # Plumbing

    @staticmethod
    def _meeting_path(meeting_id):
        return '/meetings/%s' % quote(str(meeting_id), safe='')

    def _pages(self, path, key, params):
        """Follow next_page_token and return the concatenated `key` lists."""
        items, params, seen = [], dict(params), set()
        for _page in range(MAX_PAGES):
            data = self._json(self._request('GET', path, params=params))
            page = data.get(key)
            if not isinstance(page, list):
                raise unexpected_response(200)
            items.extend(page)
            token = data.get('next_page_token')
            if not token or token in seen:
                break
            seen.add(token)
            params['next_page_token'] = token
        return items

    def _json(self, response, required=(), pending=None):
        """The body as a dict holding `required` keys, else ZoomUnavailable."""
        data = json_body(response)
        if data is None or any(data.get(key) in (None, '') for key in required):
            _logger.warning("Zoom answered HTTP %s with an unusable body", response.status_code)
            raise unexpected_response(response.status_code, pending)
        return data

    def _request(self, method, path, params=None, json=None, expect=(200,), pending=None):
        """Send with the retry rules; return a response whose status is in `expect`."""
        session = self.session or shared_session()
        headers = {'Authorization': 'Bearer %s' % self.access_token,
                   'Accept': 'application/json'}
        idempotent = method in IDEMPOTENT_METHODS
        attempt = 0
        while True:
            try:
                response = send(session, method, self.api_base + path, path,
                                self.timeout, pending, params=params, json=json,
                                headers=headers)
            except ZoomUnavailable:
                if idempotent and attempt < self.max_retries:
                    self._backoff(attempt, method, path)
                    attempt += 1
                    continue
                raise
            if response.status_code in expect:
                return response
            error = error_from_response(response, pending)
            retry_in = self._retry_delay(error, idempotent, attempt)
            if retry_in is None:
                raise error
            _logger.warning("Zoom %s %s: HTTP %s, retrying in %.2f s",
                            method, path, response.status_code, retry_in)
            self.sleep(retry_in)
            attempt += 1

    def _retry_delay(self, error, idempotent, attempt):
        """Seconds to wait before another try, or None to give up."""
        if attempt >= self.max_retries:
            return None
        if isinstance(error, ZoomRateLimited):
            # A per-second 429 was not processed, so any method may retry;
            # the daily cap only lifts at midnight.
            if error.daily:
                return None
            if error.retry_after is None:
                return self.backoff * (2 ** attempt)
            if error.retry_after <= self.max_retry_after:
                return error.retry_after
            return None
        if isinstance(error, ZoomUnavailable) and error.status and idempotent:
            return self.backoff * (2 ** attempt)
        return None

    def _backoff(self, attempt, method, path):
        delay = self.backoff * (2 ** attempt)
        _logger.warning("Zoom %s %s: retrying in %.2f s", method, path, delay)
        self.sleep(delay)
