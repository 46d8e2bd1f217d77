"""Zoom REST client (API v2) for one user's access token."""
import datetime
import logging
from urllib.parse import quote

from .errors import ZoomAuthError, ZoomBadRequest, ZoomNotFound, ZoomRateLimited, ZoomRegistrationDisabled
from .retry import is_daily_limit, parse_retry_after
from .transport import (DEFAULT_TIMEOUT, json_body, send, shared_session,
                        unavailable, unexpected_response)

_logger = logging.getLogger(__name__)

UTC = datetime.timezone.utc
MAX_PAGES = 1000  # a guard against a server that keeps sending the same page
REGISTRANTS_PER_STATUS_CALL = 30  # Zoom's limit for registrants/status
REGISTRANTS_PER_BATCH = 30  # Zoom's limit for batch_registrants

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


def _rate_limit_error(response, data):
    """Build ZoomRateLimited from a 429: daily cap or per-second limit."""
    now = datetime.datetime.now(UTC)
    message = str(data.get('message') or '')
    daily = is_daily_limit(response.headers) or 'daily rate limit' in message.lower()
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
    # One registrant: 404; a batch: 400 with code 404.
    if (status == 404 or code == 404) and REGISTRATION_DISABLED in zoom_message.lower():
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

    The session's adapter retries what may be retried (`retry.ZoomRetry`):
    idempotent calls (GET, PUT, PATCH, DELETE) on network errors and 5xx,
    every call on a short per-second 429. Creations (POST) never are on a
    lost answer: it may hide a meeting that Zoom did create.
    """

    def __init__(self, access_token, api_base='https://api.zoom.us/v2',
                 session=None, timeout=DEFAULT_TIMEOUT):
        self.access_token = access_token
        self.api_base = api_base.rstrip('/')
        self.session = session
        self.timeout = timeout

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

    def add_registrants(self, meeting_id, registrants):
        """Register several attendees, up to 30 a call (one call for most
        bookings); `registrants` = [{'email', 'first_name', 'last_name'}].
        Returns {email (lower case): join_url} for every one of them.

        Needs a scheduled meeting (type 2) with automatic approval.
        """
        registrants = list(registrants)
        pending = "The attendees will be registered as soon as Zoom answers."
        path = self._meeting_path(meeting_id) + '/batch_registrants'
        links = {}
        for start in range(0, len(registrants), REGISTRANTS_PER_BATCH):
            batch = [{key: value for key, value in registrant.items() if value}
                     for registrant in registrants[start:start + REGISTRANTS_PER_BATCH]]
            response = self._request('POST', path, json={'registrants': batch}, expect=(200, 201),
                                     pending=pending)
            data = self._json(response, ('registrants',), pending)
            for answer in data['registrants'] if isinstance(data['registrants'], list) else ():
                email = str(answer.get('email') or '').lower() if isinstance(answer, dict) else ''
                if email and _is_url(answer.get('join_url')):
                    links[email] = {'join_url': answer['join_url'],
                                    'registrant_id': str(answer.get('registrant_id') or '')}
            missing = [entry['email'] for entry in batch if entry['email'].lower() not in links]
            if missing:
                # Zoom withholds the links while registrations await manual approval.
                raise ZoomBadRequest(
                    "Zoom registered the attendees but gave no join link for %s: the "
                    "meeting's registrations need manual approval in Zoom." % ", ".join(missing),
                    status=response.status_code)
        return links

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
        """Send (the session retries); return a response whose status is in `expect`."""
        headers = {'Authorization': 'Bearer %s' % self.access_token,
                   'Accept': 'application/json'}
        response = send(self.session or shared_session(), method, self.api_base + path, path,
                        self.timeout, pending, params=params, json=json, headers=headers)
        if response.status_code in expect:
            return response
        raise error_from_response(response, pending)
