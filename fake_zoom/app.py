"""The fake Zoom's state and behaviour, independent of HTTP.

Every public method takes parsed input and returns a `Reply`; all of them
run under one lock, so the threaded HTTP server may call them at will.
"""
import base64
import copy
import datetime
import hashlib
import json
import os
import random
import re
import secrets
import string
import threading
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import pages

UTC = datetime.timezone.utc
DEFAULT_CONFIG = {
    'delay_ms': 0,              # added before every /v2 and /oauth answer
    'daily_limit': 100,         # meeting creates + updates per host and UTC day
    'token_ttl': 3599,          # access token lifetime (seconds)
    'refresh_ttl': 90 * 86400,  # refresh token lifetime (seconds)
    'code_ttl': 300,            # authorization code lifetime (seconds)
    'registrant_capacity': None,  # None: no limit; else 400 code 3043 beyond it
    'token_api_url': None,      # None: the token answer's api_url is our own URL
}
SCOPES = 'meeting:read meeting:write user:read'
MEETING_TYPES = (1, 2, 3, 8)
LIST_TYPES = ('scheduled', 'live', 'upcoming', 'upcoming_meetings', 'previous_meetings')
REGISTRANT_STATUSES = ('approved', 'pending', 'denied')
REGISTRANT_ACTIONS = {'approve': 'approved', 'deny': 'denied', 'cancel': 'cancelled'}
START_TIME_RE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z?)$')
DEFAULT_SETTINGS = {
    'host_video': False, 'participant_video': False, 'join_before_host': False,
    'mute_upon_entry': False, 'waiting_room': False, 'approval_type': 2,
    'registration_type': 1, 'audio': 'both', 'auto_recording': 'none',
    'meeting_authentication': False, 'email_notification': True,
    'registrants_confirmation_email': True, 'registrants_email_notification': True,
    'use_pmi': False,
}
BOOLEAN_SETTINGS = ('host_video', 'participant_video', 'join_before_host', 'mute_upon_entry',
                    'waiting_room', 'meeting_authentication', 'email_notification',
                    'registrants_confirmation_email', 'registrants_email_notification',
                    'use_pmi')
AUTO_RECORDING = ('local', 'cloud', 'none')
INVALID_TOKEN = {'code': 124, 'message': 'Invalid access token.'}
# GET /users/me `type`: only a Licensed host's meetings take registrants.
BASIC, LICENSED = 1, 2
USER_TYPES = (BASIC, LICENSED)


def parse_user_type(value, default=LICENSED):
    """'1' / 1 -> 1 (Basic), '2' / 2 -> 2 (Licensed), None / '' -> default;
    anything else -> None."""
    if value in (None, ''):
        return default
    try:
        value = int(value)
    except (TypeError, ValueError):
        return None
    return value if value in USER_TYPES else None


EXPIRED_TOKEN = {'code': 124, 'message': 'Access token is expired.'}


class Reply(object):
    """An HTTP answer: status, body (dict/list -> JSON, str -> HTML) and headers."""

    def __init__(self, status, body=None, headers=None):
        self.status = status
        self.body = body
        self.headers = dict(headers or {})

    def __repr__(self):
        return 'Reply(%r, %r)' % (self.status, self.body)


def api_error(status, code, message, errors=None, headers=None):
    body = {'code': code, 'message': message}
    if errors:
        body['errors'] = errors
    return Reply(status, body, headers)


def oauth_error(status, error, reason):
    return Reply(status, {'reason': reason, 'error': error})


def now_utc():
    return datetime.datetime.now(UTC).replace(microsecond=0)


def fmt_time(moment):
    return moment.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')


def parse_time(text):
    return datetime.datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=UTC)


def zoom_id():
    """22 url-safe characters, like Zoom's user, account and registrant ids."""
    return base64.urlsafe_b64encode(os.urandom(16)).rstrip(b'=').decode('ascii')


def random_text(length, alphabet=string.ascii_letters + string.digits):
    return ''.join(secrets.choice(alphabet) for _ in range(length))


def names_from_email(email):
    """'jane.doe@example.com' -> ('Jane', 'Doe')."""
    parts = [p for p in re.split(r'[._+-]+', email.split('@')[0]) if p]
    parts = [p.capitalize() for p in parts] or ['Zoom']
    return parts[0], ' '.join(parts[1:])


def s256(verifier):
    digest = hashlib.sha256(verifier.encode('ascii', 'replace')).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b'=').decode('ascii')


def add_query(url, params):
    """Append `params` to a URL that may already have a query."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params)
    return urlunsplit(parts._replace(query=urlencode(query)))


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def to_utc_start(text, timezone):
    """Zoom's start_time: 'Z' means UTC, else local time in `timezone`."""
    match = START_TIME_RE.match(text) if isinstance(text, str) else None
    if not match:
        return None
    try:
        moment = datetime.datetime(*[int(g) for g in match.groups()[:6]])
    except ValueError:
        return None
    if match.group(7) or not timezone or timezone in ('UTC', 'GMT'):
        return moment.replace(tzinfo=UTC)
    try:  # optional: the fake stays stdlib-only, pytz just makes local times exact
        import pytz
        return pytz.timezone(timezone).localize(moment).astimezone(UTC)
    except Exception:
        return moment.replace(tzinfo=UTC)


def _text_check(label, limit):
    def check(value):
        if not isinstance(value, str):
            return '%s must be a string.' % label
        if len(value) > limit:
            return '%s cannot exceed %d characters.' % (label, limit)
        return None
    return check


# The plain fields of a meeting body, in Zoom's order: each check gives
# Zoom's error message, or None when the value is valid.
MEETING_FIELD_CHECKS = (
    ('topic', _text_check('Topic', 200)),
    ('agenda', _text_check('Agenda', 2000)),
    ('type', lambda value: None if is_int(value) and value in MEETING_TYPES
     else 'Invalid meeting type: %r.' % (value,)),
    ('duration', lambda value: None if is_int(value) and value >= 0
     else 'Duration must be a non-negative integer.'),
    ('timezone', lambda value: None if isinstance(value, str) else 'Invalid timezone.'),
    ('password', lambda value: None if isinstance(value, str) and len(value) <= 10
     else 'Password can be at most 10 characters.'),
)


class FakeZoom(object):
    """All of the fake Zoom's data and rules."""

    def __init__(self, client_id, client_secret, webhook_secret, state_file=None):
        self.client_id = client_id
        self.client_secret = client_secret
        self.webhook_secret = webhook_secret
        self.state_file = state_file
        self.lock = threading.RLock()
        self.data = self._empty()
        if state_file and os.path.exists(state_file):
            with open(state_file) as handle:
                self.data.update(json.load(handle))
            self.data['config'] = dict(DEFAULT_CONFIG, **self.data.get('config', {}))

    @staticmethod
    def _empty():
        return {'users': {}, 'access_tokens': {}, 'refresh_tokens': {}, 'codes': {},
                'meetings': {}, 'daily_counts': {}, 'config': dict(DEFAULT_CONFIG)}

    @property
    def config(self):
        return self.data['config']

    def save(self):
        """Write the state atomically (a crash never leaves half a file)."""
        if not self.state_file:
            return
        tmp = self.state_file + '.tmp'
        with open(tmp, 'w') as handle:
            json.dump(self.data, handle)
        os.replace(tmp, self.state_file)

    # Users and tokens

    def _user_by_email(self, email):
        email = email.strip().lower()
        for user in self.data['users'].values():
            if user['email'] == email:
                return user
        return None

    def _ensure_user(self, email, user_type=None, account_id=None):
        """The user with this email, created if needed; `user_type` (1 Basic,
        2 Licensed) changes an existing user's type, as an upgrade or a
        downgrade of their Zoom plan would; `account_id` puts the user on
        that Zoom account (several users share one)."""
        user = self._user_by_email(email)
        if user is not None and user_type is not None:
            user['type'] = user_type
        if user is not None and account_id:
            user['account_id'] = account_id
        if user is None:
            first, last = names_from_email(email.strip().lower())
            user = {
                'id': zoom_id(), 'account_id': account_id or zoom_id(), 'email': email.strip().lower(),
                'first_name': first, 'last_name': last,
                'display_name': ('%s %s' % (first, last)).strip(), 'type': user_type or LICENSED,
                'timezone': 'UTC', 'language': 'en-US', 'status': 'active',
                'verified': 1, 'pmi': random.randint(1000000000, 9999999999),
                'role_name': 'Owner', 'created_at': fmt_time(now_utc()),
            }
            self.data['users'][user['id']] = user
        return user

    def _issue_tokens(self, user, base):
        now = time.time()
        access, refresh = 'fza.' + secrets.token_urlsafe(48), 'fzr.' + secrets.token_urlsafe(48)
        self.data['access_tokens'][access] = {
            'user_id': user['id'], 'expires_at': now + self.config['token_ttl']}
        self.data['refresh_tokens'][refresh] = {
            'user_id': user['id'], 'expires_at': now + self.config['refresh_ttl']}
        return {'access_token': access, 'token_type': 'bearer', 'refresh_token': refresh,
                'expires_in': self.config['token_ttl'], 'scope': SCOPES,
                'api_url': self.config.get('token_api_url') or base}

    def _revoke_user(self, user_id):
        """Kill every token of the user; return how many died."""
        killed = 0
        for kind in ('access_tokens', 'refresh_tokens'):
            tokens = self.data[kind]
            for token in [t for t, info in tokens.items() if info['user_id'] == user_id]:
                del tokens[token]
                killed += 1
        return killed

    def _client_ok(self, basic):
        return basic == (self.client_id, self.client_secret)

    def authorize_page(self, query):
        """GET /oauth/authorize: the consent page, or a 400 page."""
        problem = self._check_authorize(query)
        if problem:
            return Reply(400, pages.error_page(problem))
        return Reply(200, pages.consent_page(query))

    def _check_authorize(self, params):
        if params.get('client_id') != self.client_id:
            return 'Invalid client_id.'
        if params.get('response_type') != 'code':
            return 'Unsupported response_type: only "code" is allowed.'
        redirect = params.get('redirect_uri') or ''
        if urlsplit(redirect).scheme not in ('http', 'https') or not urlsplit(redirect).netloc:
            return 'Invalid redirect_uri.'
        if not params.get('state'):
            return 'Missing state.'
        if not params.get('code_challenge') or params.get('code_challenge_method') != 'S256':
            return 'PKCE is required: code_challenge with code_challenge_method=S256.'
        return None

    def authorize_decide(self, form):
        """POST /oauth/authorize: the user approved or denied."""
        problem = self._check_authorize(form)
        if problem:
            return Reply(400, pages.error_page(problem))
        redirect, state = form['redirect_uri'], form['state']
        if form.get('decision') != 'approve':
            return Reply(302, '', {'Location': add_query(
                redirect, [('error', 'access_denied'), ('state', state)])})
        email = (form.get('email') or '').strip()
        if not re.match(r'^[^@\s]+@[^@\s]+$', email):
            return Reply(400, pages.consent_page(form, error='Enter a valid email address.'))
        user_type = parse_user_type(form.get('user_type'))
        if user_type is None:
            return Reply(400, pages.consent_page(form, error='Choose Basic or Licensed.'))
        with self.lock:
            user = self._ensure_user(email, user_type)
            code = secrets.token_urlsafe(24)
            self.data['codes'][code] = {
                'user_id': user['id'], 'redirect_uri': redirect,
                'code_challenge': form['code_challenge'],
                'expires_at': time.time() + self.config['code_ttl']}
            self.save()
        return Reply(302, '', {'Location': add_query(redirect, [('code', code), ('state', state)])})

    def token(self, basic, form, base):
        """POST /oauth/token: authorization_code and refresh_token grants."""
        if not self._client_ok(basic):
            return oauth_error(401, 'invalid_client', 'Invalid client_id or client_secret')
        grant = form.get('grant_type')
        with self.lock:
            if grant == 'authorization_code':
                # Any attempt burns the code, like a real one-time code.
                info = self.data['codes'].pop(form.get('code') or '', None)
                if (info is None or info['expires_at'] < time.time()
                        or info['redirect_uri'] != form.get('redirect_uri')):
                    self.save()
                    return oauth_error(400, 'invalid_grant', 'Invalid authorization code')
                if s256(form.get('code_verifier') or '') != info['code_challenge']:
                    self.save()
                    return oauth_error(400, 'invalid_grant', 'Invalid code_verifier')
                user_id = info['user_id']
            elif grant == 'refresh_token':
                # Rotation: the used refresh token dies, the old access token lives on.
                info = self.data['refresh_tokens'].pop(form.get('refresh_token') or '', None)
                if info is None or info['expires_at'] < time.time():
                    return oauth_error(400, 'invalid_grant', 'Invalid Token!')
                user_id = info['user_id']
            else:
                return oauth_error(400, 'unsupported_grant_type', 'Unsupported grant type')
            user = self.data['users'].get(user_id)
            if user is None:
                return oauth_error(400, 'invalid_grant', 'Invalid Token!')
            body = self._issue_tokens(user, base)
            self.save()
        return Reply(200, body)

    def revoke(self, basic, form):
        """POST /oauth/revoke: deauthorize the app for the token's user."""
        if not self._client_ok(basic):
            return oauth_error(401, 'invalid_client', 'Invalid client_id or client_secret')
        token = form.get('token') or ''
        with self.lock:
            info = (self.data['access_tokens'].get(token)
                    or self.data['refresh_tokens'].get(token))
            if info is None:
                return oauth_error(400, 'invalid_request', 'Invalid Token!')
            self._revoke_user(info['user_id'])
            self.save()
        return Reply(200, {'status': 'success'})

    # REST API

    def api(self, method, path, query, authorization, body, base):
        """Answer one /v2 call."""
        with self.lock:
            user, problem = self._bearer_user(authorization)
            if problem:
                return Reply(401, problem)
            parts = path.strip('/').split('/')[1:]  # drop 'v2'
            route = self._route(method, parts)
            if route is None:
                return api_error(404, 404, 'Not found: %s %s' % (method, path))
            handler, args = route
            if method in ('POST', 'PATCH', 'PUT'):
                try:
                    body = json.loads(body.decode('utf-8') or 'null')
                except ValueError:
                    body = None
                if not isinstance(body, dict):
                    return api_error(400, 300, 'Request Body should be a valid JSON object.')
            return handler(user, query, body, base, *args)

    def _bearer_user(self, authorization):
        scheme, _, token = (authorization or '').partition(' ')
        info = self.data['access_tokens'].get(token.strip()) if scheme.lower() == 'bearer' else None
        if info is None:
            return None, INVALID_TOKEN
        if info['expires_at'] <= time.time():
            return None, EXPIRED_TOKEN
        return self.data['users'][info['user_id']], None

    def _route(self, method, parts):
        table = {
            ('GET', 'users', 1): self._get_user,
            ('GET', 'users', 2): self._list_meetings,
            ('POST', 'users', 2): self._create_meeting,
            ('GET', 'meetings', 1): self._get_meeting,
            ('PATCH', 'meetings', 1): self._update_meeting,
            ('DELETE', 'meetings', 1): self._delete_meeting,
            ('GET', 'meetings', 2): self._list_registrants,
            ('POST', 'meetings', 2): self._add_registrant,
            ('PUT', 'meetings', 3): self._registrant_status,
        }
        if not parts or len(parts) < 2:
            return None
        if method == 'POST' and parts[0] == 'meetings' and parts[2:] == ['batch_registrants']:
            return self._add_batch_registrants, (parts[1],)
        expected_tail = {1: [], 2: ['registrants' if parts[0] == 'meetings' else 'meetings'],
                         3: ['registrants', 'status']}
        depth = len(parts) - 1
        if parts[2:] != expected_tail.get(depth, [None]):
            return None
        handler = table.get((method, parts[0], depth))
        return (handler, (parts[1],)) if handler else None

    def _is_self(self, user, user_ref):
        return user_ref in ('me', user['id']) or user_ref.lower() == user['email']

    def _get_user(self, user, query, body, base, user_ref):
        if not self._is_self(user, user_ref):
            return api_error(404, 1001, 'User does not exist: %s.' % user_ref)
        return Reply(200, copy.deepcopy(user))

    def _own_meeting(self, user, meeting_id):
        """The user's live meeting, or None: another host's meeting is 'missing' too."""
        meeting = self.data['meetings'].get(str(meeting_id))
        if meeting is None or meeting['deleted'] or meeting['host_id'] != user['id']:
            return None
        return meeting

    def _missing(self, meeting_id):
        return api_error(404, 3001, 'Meeting does not exist: %s.' % meeting_id)

    def _daily_cap(self, user):
        """A 429 if the host used up today's creates and updates, else None."""
        today = now_utc().date().isoformat()
        counts = self.data['daily_counts']
        for old_key in [k for k in counts if not k.endswith(':' + today)]:
            del counts[old_key]  # yesterday's counts are over: the cap resets at 00:00 UTC
        key, limit = '%s:%s' % (user['id'], today), self.config['daily_limit']
        used = self.data['daily_counts'].get(key, 0)
        reset = datetime.datetime.combine(now_utc().date() + datetime.timedelta(days=1),
                                          datetime.time(0), UTC)
        headers = {'X-RateLimit-Category': 'Heavy', 'X-RateLimit-Type': 'Daily-limit',
                   'X-RateLimit-Limit': str(limit), 'X-RateLimit-Remaining': str(max(0, limit - used - 1))}
        if used >= limit:
            headers.update({'Retry-After': fmt_time(reset), 'X-RateLimit-Remaining': '0'})
            return key, headers, api_error(429, 429, (
                'You have exceeded the daily rate limit (%s) of Meeting Create/Update API '
                'requests permitted for this particular user. You may resume these requests '
                'at GMT 00:00:00.' % limit), headers=headers)
        return key, headers, None

    def _clean_meeting(self, body, current=None):
        """Validate a create/update body; return (fields, errors)."""
        errors, fields = [], {}

        def bad(field, message):
            errors.append({'field': field, 'message': message})

        for name, check in MEETING_FIELD_CHECKS:
            if name in body:
                error = check(body[name])
                if error:
                    bad(name, error)
                else:
                    fields[name] = body[name]
        if 'start_time' in body:
            timezone = fields.get('timezone') or (current or {}).get('timezone') or 'UTC'
            start = to_utc_start(body['start_time'], timezone)
            if start is None:
                bad('start_time', "Invalid start_time: expected yyyy-MM-ddTHH:mm:ssZ.")
            else:
                fields['start_time'] = fmt_time(start)
        if 'settings' in body:
            settings = body['settings']
            if not isinstance(settings, dict):
                bad('settings', 'Settings must be an object.')
            else:
                clean = dict(settings)
                if 'approval_type' in settings and (
                        not is_int(settings['approval_type']) or settings['approval_type'] not in (0, 1, 2)):
                    bad('settings.approval_type', 'approval_type must be 0, 1 or 2.')
                if 'auto_recording' in settings and settings['auto_recording'] not in AUTO_RECORDING:
                    bad('settings.auto_recording', "auto_recording must be 'local', 'cloud' or 'none'.")
                for key in BOOLEAN_SETTINGS:
                    if key in settings and not isinstance(settings[key], bool):
                        bad('settings.%s' % key, '%s must be a boolean.' % key)
                fields['settings'] = clean
        return fields, errors

    def _check_alternative_hosts(self, host, fields):
        """Zoom's rule: alternative hosts are Licensed users on the host's own
        Zoom account (and the host must be Licensed to have any)."""
        names = (fields.get('settings') or {}).get('alternative_hosts')
        if not names:
            return []
        if not isinstance(names, str):
            return [{'field': 'settings.alternative_hosts', 'message': 'alternative_hosts must be a string.'}]
        errors = []
        for name in [n.strip() for n in re.split(r'[;,]', names) if n.strip()]:
            other = self._user_by_email(name) or self.data['users'].get(name)
            if (host['type'] != LICENSED or other is None or other['type'] != LICENSED
                    or other['account_id'] != host['account_id'] or other['id'] == host['id']):
                errors.append({'field': 'settings.alternative_hosts', 'message': (
                    "Invalid alternative host: %s. An alternative host must be a licensed user "
                    "on the host's Zoom account." % name)})
        return errors

    def _create_meeting(self, user, query, body, base, user_ref):
        if not self._is_self(user, user_ref):
            return api_error(404, 1001, 'User does not exist: %s.' % user_ref)
        key, rate_headers, limited = self._daily_cap(user)
        if limited:
            return limited
        fields, errors = self._clean_meeting(body)
        errors += self._check_alternative_hosts(user, fields)
        if errors:
            return api_error(400, 300, 'Validation Failed.', errors)
        meeting_id = random.randint(80000000000, 89999999999)
        while str(meeting_id) in self.data['meetings']:
            meeting_id = random.randint(80000000000, 89999999999)
        meeting = {
            'id': meeting_id, 'uuid': base64.b64encode(os.urandom(16)).decode('ascii'),
            'host_id': user['id'], 'host_email': user['email'],
            'topic': fields.get('topic', 'Zoom Meeting'), 'type': fields.get('type', 2),
            'start_time': fields.get('start_time') or fmt_time(now_utc()),
            'duration': fields.get('duration', 60),
            'timezone': fields.get('timezone') or user['timezone'],
            'agenda': fields.get('agenda', ''),
            'password': fields.get('password') or random_text(6),
            'encrypted_password': random_text(32),
            'h323_password': ''.join(random.choice(string.digits) for _ in range(6)),
            'settings': dict(DEFAULT_SETTINGS, **fields.get('settings', {})),
            'created_at': fmt_time(now_utc()), 'status': 'waiting', 'deleted': False,
            'registration_token': random_text(22), 'registrants': [],
            'cancel_meeting_reminder': None, 'base': base,
        }
        meeting['pstn_password'] = meeting['h323_password']
        if user['type'] != LICENSED:
            # Registration needs a Licensed host: a Basic host's meeting has none.
            meeting['settings'].update(approval_type=2)
        self.data['meetings'][str(meeting_id)] = meeting
        self.data['daily_counts'][key] = self.data['daily_counts'].get(key, 0) + 1
        self.save()
        body = self._meeting_view(meeting)
        for key_ in ('uuid', 'host_id', 'status'):  # not in Zoom's create answer
            body.pop(key_)
        if meeting['settings'].get('approval_type') in (0, 1):
            body['registration_url'] = '%s/meeting/register/%s' % (base, meeting['registration_token'])
        return Reply(201, body, rate_headers)

    def _meeting_view(self, meeting):
        """The meeting as GET /meetings/{id} shows it."""
        base = meeting['base']
        view = {key: copy.deepcopy(meeting[key]) for key in (
            'uuid', 'id', 'host_id', 'host_email', 'topic', 'type', 'start_time', 'duration',
            'timezone', 'agenda', 'created_at', 'password', 'h323_password', 'pstn_password',
            'encrypted_password', 'settings')}
        view.update({
            'status': 'started' if meeting['status'] == 'started' else 'waiting',
            'start_url': '%s/s/%s?zak=%s' % (base, meeting['id'], random_text(40)),
            'join_url': self._join_url(meeting),
            'pre_schedule': False, 'creation_source': 'open_api',
        })
        return view

    @staticmethod
    def _join_url(meeting):
        return '%s/j/%s?pwd=%s' % (meeting['base'], meeting['id'], meeting['encrypted_password'])

    def _get_meeting(self, user, query, body, base, meeting_id):
        meeting = self._own_meeting(user, meeting_id)
        if meeting is None:
            return self._missing(meeting_id)
        return Reply(200, self._meeting_view(meeting))

    def _update_meeting(self, user, query, body, base, meeting_id):
        meeting = self._own_meeting(user, meeting_id)
        if meeting is None:
            return self._missing(meeting_id)
        key, rate_headers, limited = self._daily_cap(user)
        if limited:
            return limited
        fields, errors = self._clean_meeting(body, meeting)
        errors += self._check_alternative_hosts(user, fields)
        if errors:
            return api_error(400, 300, 'Validation Failed.', errors)
        settings = fields.pop('settings', None)
        meeting.update(fields)
        if settings:
            meeting['settings'].update(settings)
        self.data['daily_counts'][key] = self.data['daily_counts'].get(key, 0) + 1
        self.save()
        return Reply(204, None, rate_headers)

    def _delete_meeting(self, user, query, body, base, meeting_id):
        meeting = self._own_meeting(user, meeting_id)
        if meeting is None:
            return self._missing(meeting_id)
        meeting['deleted'] = True
        meeting['deleted_at'] = fmt_time(now_utc())
        meeting['cancel_meeting_reminder'] = query.get('cancel_meeting_reminder') == 'true'
        self.save()
        return Reply(204)

    @staticmethod
    def _page(items, query, key):
        """Slice `items` by page_size/next_page_token; None on a bad parameter."""
        try:
            size = min(300, max(1, int(query.get('page_size') or 30)))
            token = query.get('next_page_token') or ''
            offset = int(base64.urlsafe_b64decode(token.encode()).decode()[2:]) if token else 0
        except (ValueError, UnicodeDecodeError):
            return None
        chunk = items[offset:offset + size]
        more = offset + size < len(items)
        next_token = base64.urlsafe_b64encode(('o:%d' % (offset + size)).encode()).decode() if more else ''
        return {'page_size': size, 'total_records': len(items),
                'page_count': (len(items) + size - 1) // size,
                'page_number': offset // size + 1,
                'next_page_token': next_token, key: chunk}

    def _list_meetings(self, user, query, body, base, user_ref):
        if not self._is_self(user, user_ref):
            return api_error(404, 1001, 'User does not exist: %s.' % user_ref)
        kind = query.get('type') or 'scheduled'
        if kind not in LIST_TYPES:
            return api_error(400, 300, 'Invalid field.', [{'field': 'type', 'message': 'Invalid type.'}])
        now = now_utc()

        def wanted(meeting):
            end = parse_time(meeting['start_time']) + datetime.timedelta(minutes=meeting['duration'])
            if kind == 'live':
                return meeting['status'] == 'started'
            if kind in ('upcoming', 'upcoming_meetings'):
                return end >= now or meeting['status'] == 'started'
            if kind == 'previous_meetings':
                return end < now
            return True

        meetings = sorted((m for m in self.data['meetings'].values()
                           if m['host_id'] == user['id'] and not m['deleted'] and wanted(m)),
                          key=lambda m: (m['start_time'], m['id']))
        items = [{'uuid': m['uuid'], 'id': m['id'], 'host_id': m['host_id'], 'topic': m['topic'],
                  'type': m['type'], 'start_time': m['start_time'], 'duration': m['duration'],
                  'timezone': m['timezone'], 'agenda': m['agenda'], 'created_at': m['created_at'],
                  'join_url': self._join_url(m)} for m in meetings]
        page = self._page(items, query, 'meetings')
        if page is None:
            return api_error(400, 300, 'Invalid field.', [{'field': 'next_page_token', 'message': 'Invalid.'}])
        return Reply(200, page)

    def _add_registrant(self, user, query, body, base, meeting_id):
        meeting = self._own_meeting(user, meeting_id)
        if meeting is None:
            return self._missing(meeting_id)
        approval = meeting['settings'].get('approval_type', 2)
        if approval == 2 or user['type'] != LICENSED:
            # A host downgraded to Basic since the meeting was made loses registration too.
            return api_error(404, 404, 'Registration has not been enabled for this meeting: %s.' % meeting_id)
        errors = self._registrant_errors(body)
        if errors:
            return api_error(400, 300, 'Validation Failed.', errors)
        registrant, refused = self._register(meeting, body)
        if refused:
            return refused
        self.save()
        answer = {'id': meeting['id'], 'registrant_id': registrant['id'], 'topic': meeting['topic'],
                  'start_time': meeting['start_time']}
        if registrant['status'] == 'approved':
            answer['join_url'] = registrant['join_url']
        return Reply(201, answer)

    def _add_batch_registrants(self, user, query, body, base, meeting_id):
        """POST /meetings/{id}/batch_registrants: up to 30 at once, each
        answered with its join_url (scheduled meetings with registration)."""
        meeting = self._own_meeting(user, meeting_id)
        if meeting is None:
            return self._missing(meeting_id)
        if meeting['type'] != 2:
            return api_error(400, 303, 'This API can only be used for scheduled meeting(meeting type: 2). '
                                       'Batch registration is not supported for other meeting types.')
        if meeting['settings'].get('approval_type', 2) == 2 or user['type'] != LICENSED:
            # As for one registrant: a Basic host's meetings have no registration.
            return api_error(400, 404, 'Registration has not been enabled for this meeting: %s.' % meeting_id)
        if parse_time(meeting['start_time']) + datetime.timedelta(minutes=meeting['duration']) < now_utc():
            return api_error(400, 3038, 'Meeting is over, you can not register now. If you have any '
                                        'questions, please contact the Meeting host.')
        entries = body.get('registrants')
        if not isinstance(entries, list) or not 1 <= len(entries) <= 30 \
                or not all(isinstance(entry, dict) for entry in entries):
            return api_error(400, 300, 'Validation Failed.',
                             [{'field': 'registrants', 'message': 'Between 1 and 30 registrants.'}])
        errors = [dict(error, field='registrants[%d].%s' % (index, error['field']))
                  for index, entry in enumerate(entries) for error in self._registrant_errors(entry)]
        if errors:
            return api_error(400, 300, 'Validation Failed.', errors)
        auto_approve = body.get('auto_approve') is True
        answers = []
        for entry in entries:
            registrant, refused = self._register(meeting, entry, auto_approve)
            if refused:
                self.save()
                return refused
            answer = {'registrant_id': registrant['id'], 'email': registrant['email']}
            if registrant['status'] == 'approved':
                answer['join_url'] = registrant['join_url']
            answers.append(answer)
        self.save()
        return Reply(201, {'registrants': answers})

    @staticmethod
    def _registrant_errors(body):
        errors = []
        email = body.get('email')
        if not isinstance(email, str) or not re.match(r'^[^@\s]+@[^@\s]+\.[^@\s]+$', email) or len(email) > 128:
            errors.append({'field': 'email', 'message': 'Invalid email.'})
        for field in ('first_name', 'last_name'):
            value = body.get(field)
            if (field == 'first_name' and not value) or (value is not None and (
                    not isinstance(value, str) or len(value) > 64)):
                errors.append({'field': field, 'message': 'Invalid %s.' % field})
        return errors

    def _register(self, meeting, body, auto_approve=False):
        """(registrant, None), or (None, the refusal): one registration,
        the same one again for an email already registered."""
        approval = meeting['settings'].get('approval_type', 2)
        status = 'approved' if approval == 0 or auto_approve else 'pending'
        email = body['email'].lower()
        registrant = next((r for r in meeting['registrants'] if r['email'] == email), None)
        if registrant is None:
            capacity = self.config.get('registrant_capacity')
            active = [r for r in meeting['registrants'] if r['status'] in ('approved', 'pending')]
            if capacity is not None and len(active) >= capacity:
                return None, api_error(400, 3043, 'Meeting has reached maximum attendee capacity.')
            registrant = {'id': zoom_id(), 'email': email, 'create_time': fmt_time(now_utc())}
            meeting['registrants'].append(registrant)
        if registrant.get('status') != 'approved':
            # Zoom answers a second registration of the same email with the same link.
            registrant.update(status=status, join_url='%s/w/%s?tk=%s&pwd=%s' % (
                meeting['base'], meeting['id'], random_text(43), meeting['encrypted_password']))
        registrant.update(first_name=body['first_name'], last_name=body.get('last_name') or '')
        return registrant, None

    def _list_registrants(self, user, query, body, base, meeting_id):
        meeting = self._own_meeting(user, meeting_id)
        if meeting is None:
            return self._missing(meeting_id)
        wanted = query.get('status') or 'approved'
        if wanted not in REGISTRANT_STATUSES:
            return api_error(400, 300, 'Invalid field.', [{'field': 'status', 'message': 'Invalid status.'}])
        items = []
        for registrant in meeting['registrants']:
            # Zoom lists cancelled registrations among the denied ones.
            shown = 'denied' if registrant['status'] == 'cancelled' else registrant['status']
            if shown == wanted:
                item = {key: registrant[key] for key in ('id', 'email', 'first_name', 'last_name', 'create_time')}
                item['status'] = shown
                if shown == 'approved':
                    item['join_url'] = registrant['join_url']
                items.append(item)
        page = self._page(items, query, 'registrants')
        if page is None:
            return api_error(400, 300, 'Invalid field.', [{'field': 'next_page_token', 'message': 'Invalid.'}])
        return Reply(200, page)

    def _registrant_status(self, user, query, body, base, meeting_id):
        meeting = self._own_meeting(user, meeting_id)
        if meeting is None:
            return self._missing(meeting_id)
        action, targets = body.get('action'), body.get('registrants')
        if action not in REGISTRANT_ACTIONS:
            return api_error(400, 300, 'Validation Failed.', [{'field': 'action', 'message': 'Invalid action.'}])
        if not isinstance(targets, list) or len(targets) > 30 or not all(isinstance(t, dict) for t in targets):
            return api_error(400, 300, 'Validation Failed.',
                             [{'field': 'registrants', 'message': 'At most 30 registrants.'}])
        ids = {t.get('id') for t in targets if t.get('id')}
        emails = {str(t.get('email')).lower() for t in targets if t.get('email')}
        for registrant in meeting['registrants']:
            if registrant['id'] in ids or registrant['email'] in emails:
                registrant['status'] = REGISTRANT_ACTIONS[action]
        self.save()
        return Reply(204)

    # Test control

    def fake_meetings(self):
        """Every meeting, deleted ones too, for tests."""
        with self.lock:
            out = []
            for m in self.data['meetings'].values():
                item = {key: copy.deepcopy(m.get(key)) for key in (
                    'id', 'uuid', 'host_id', 'host_email', 'topic', 'agenda', 'start_time', 'duration',
                    'timezone', 'status', 'deleted', 'settings', 'password', 'cancel_meeting_reminder',
                    'created_at')}
                item['id'] = str(m['id'])
                item['join_url'] = self._join_url(m)
                item['registrants'] = [{key: r.get(key) for key in (
                    'id', 'email', 'first_name', 'last_name', 'join_url', 'status')}
                    for r in m['registrants']]
                out.append(item)
            return out  # creation order: dicts keep it, and so does the JSON state file

    def set_config(self, changes):
        with self.lock:
            unknown = set(changes) - set(DEFAULT_CONFIG)
            if unknown:
                return Reply(400, {'error': 'unknown config keys: %s' % ', '.join(sorted(unknown))})
            self.config.update(changes)
            self.save()
            return Reply(200, dict(self.config))

    def revoke_user(self, email):
        with self.lock:
            user = self._user_by_email(email or '')
            killed = self._revoke_user(user['id']) if user else 0
            self.save()
            return Reply(200, {'revoked': killed})

    def direct_tokens(self, email, base, user_type=None, account_id=None):
        """Issue a token pair without the consent dance (demo pre-connection).
        `user_type` (1 Basic, 2 Licensed) sets the user's type, also of an
        existing user: tests downgrade a host this way."""
        if not email or '@' not in email:
            return Reply(400, {'error': 'email is required'})
        if user_type is not None and parse_user_type(user_type) is None:
            return Reply(400, {'error': 'user_type must be 1 (Basic) or 2 (Licensed)'})
        with self.lock:
            user = self._ensure_user(email, parse_user_type(user_type, default=None), account_id)
            body = self._issue_tokens(user, base)
            body['user_id'] = user['id']
            self.save()
            return Reply(200, body)

    def _participant(self, meeting, host, event, email, registrant_id, name, at):
        """Zoom's ``participant`` of a join or leave: someone who came
        through their personal link (``registrant_id``: Zoom names the
        registrant, and gives its id), the host (their email: Zoom gives their
        user id), or a guest of the shared link (Zoom gives the email only
        when the guest is signed in; name only otherwise). The in-meeting id
        stays the same across a person's joins and leaves."""
        person = {'id': '', 'email': email or '', 'user_name': name or 'Guest', 'registrant_id': ''}
        if registrant_id:
            registrant = next((reg for reg in meeting.get('registrants', [])
                               if reg['id'] == registrant_id), None)
            if registrant is None:
                return Reply(404, {'error': 'unknown registrant %s' % registrant_id})
            person.update(email=registrant['email'], registrant_id=registrant['id'],
                          user_name=name or ('%s %s' % (registrant.get('first_name', ''),
                                                        registrant.get('last_name', ''))).strip())
        elif email and email.lower() == host['email'].lower():
            person.update(id=host['id'], email=host['email'], user_name=name or host['email'])
        key = registrant_id or (email or name or 'guest').lower()
        seen = meeting.setdefault('participants', {})
        if key not in seen:
            seen[key] = str(16778240 + len(seen))
        when = at or fmt_time(now_utc())
        participant = dict(person, user_id=seen[key], participant_user_id=person['id'])
        if event == 'meeting.participant_joined':
            participant['join_time'] = when
        else:
            participant.update(leave_time=when, leave_reason='left the meeting')
        return participant

    def reset(self):
        with self.lock:
            self.data = self._empty()
            self.save()

    def webhook_event(self, event, meeting_id=None, email=None, changes=None, registrant_id=None,
                      name=None, at=None):
        """Apply the event to the state and return Zoom's payload, or an error Reply."""
        with self.lock:
            now_ms = int(time.time() * 1000)
            if event == 'app_deauthorized':
                user = self._user_by_email(email or '')
                if user is None:
                    return Reply(404, {'error': 'unknown user %s' % email})
                self._revoke_user(user['id'])
                self.save()
                return {'event': event, 'event_ts': now_ms, 'payload': {
                    'account_id': user['account_id'], 'user_id': user['id'],
                    'signature': secrets.token_hex(32), 'client_id': self.client_id,
                    'deauthorization_time': fmt_time(now_utc())}}
            meeting = self.data['meetings'].get(str(meeting_id))
            if meeting is None:
                return Reply(404, {'error': 'unknown meeting %s' % meeting_id})
            host = self.data['users'][meeting['host_id']]
            obj = {'id': meeting['id'], 'uuid': meeting['uuid'], 'host_id': meeting['host_id'],
                   'topic': meeting['topic'], 'type': meeting['type'],
                   'start_time': meeting['start_time'], 'duration': meeting['duration'],
                   'timezone': meeting['timezone']}
            payload = {'account_id': host['account_id'], 'object': obj}
            if event == 'meeting.started':
                meeting['status'] = 'started'
                obj.update(id=str(meeting['id']), start_time=fmt_time(now_utc()))
            elif event == 'meeting.ended':
                meeting['status'] = 'ended'
                obj.update(id=str(meeting['id']), end_time=fmt_time(now_utc()))
            elif event == 'meeting.deleted':
                meeting.update(deleted=True, deleted_at=fmt_time(now_utc()))
                payload.update(operator=host['email'], operator_id=host['id'])
            elif event in ('meeting.participant_joined', 'meeting.participant_left'):
                participant = self._participant(meeting, host, event, email, registrant_id, name, at)
                if isinstance(participant, Reply):
                    return participant
                obj['participant'] = participant
            elif event == 'meeting.updated':
                # As if the host edited the meeting in Zoom: `changes` are applied.
                fields, errors = self._clean_meeting(changes or {}, meeting)
                if errors:
                    return Reply(400, {'error': errors})
                old = {'id': meeting['id']}
                old.update({key: meeting[key] for key in fields})
                meeting.update(fields)
                new = {'id': meeting['id']}
                new.update(fields)
                payload.update(object=new, old_object=old, operator=host['email'],
                               operator_id=host['id'], operation='single', time_stamp=now_ms)
            else:
                return Reply(400, {'error': 'unsupported event %s' % event})
            self.save()
            return {'event': event, 'event_ts': now_ms, 'payload': payload}
