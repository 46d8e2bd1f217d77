"""OAuth 2.0 (authorization code + PKCE) against Zoom's user-level app flow."""
import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import urlencode

from .errors import (ZoomAuthError, ZoomBadRequest, ZoomConfigError,
                     ZoomRateLimited)
from .transport import (DEFAULT_TIMEOUT, json_body, send, shared_session,
                        unavailable, unexpected_response)


def _b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b'=').decode('ascii')


def make_pkce_pair():
    """Return (code_verifier, code_challenge) for PKCE with S256 (RFC 7636)."""
    verifier = secrets.token_urlsafe(64)  # 86 chars, within the 43..128 range
    challenge = _b64url(hashlib.sha256(verifier.encode('ascii')).digest())
    return verifier, challenge


@dataclass
class ZoomTokens:
    """A token pair as Zoom issued it; the caller persists it at once."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: float
    scope: str = ''
    api_url: Optional[str] = None

    @classmethod
    def from_response(cls, data, now=None):
        """Build from a token endpoint JSON body; None if it is incomplete."""
        now = time.time() if now is None else now
        try:
            access, refresh = data['access_token'], data['refresh_token']
            expires_in = float(data['expires_in'])
        except (KeyError, TypeError, ValueError):
            return None
        if not (isinstance(access, str) and access
                and isinstance(refresh, str) and refresh):
            return None
        return cls(access_token=access, refresh_token=refresh,
                   expires_at=now + expires_in, scope=data.get('scope') or '',
                   api_url=data.get('api_url') or None)

    def expires_soon(self, margin=300, now=None):
        """True when the access token expires within `margin` seconds."""
        now = time.time() if now is None else now
        return now >= self.expires_at - margin


class ZoomOAuth(object):
    """Zoom's OAuth endpoints for one app (client id and secret)."""

    def __init__(self, client_id, client_secret, oauth_base='https://zoom.us',
                 session=None, timeout=DEFAULT_TIMEOUT):
        self.client_id = client_id
        self.client_secret = client_secret
        self.oauth_base = oauth_base.rstrip('/')
        self.session = session
        self.timeout = timeout

    def authorize_url(self, redirect_uri, state, code_challenge):
        """The URL to send the user's browser to for consent."""
        query = urlencode([
            ('response_type', 'code'),
            ('client_id', self.client_id),
            ('redirect_uri', redirect_uri),
            ('state', state),
            ('code_challenge', code_challenge),
            ('code_challenge_method', 'S256'),
        ])
        return '%s/oauth/authorize?%s' % (self.oauth_base, query)

    def exchange_code(self, code, redirect_uri, code_verifier):
        """Trade the authorization code for tokens (the code works once)."""
        return self._token_request({
            'grant_type': 'authorization_code',
            'code': code,
            'redirect_uri': redirect_uri,
            'code_verifier': code_verifier,
        })

    def refresh(self, refresh_token):
        """Get a new token pair; the old refresh token is dead afterwards.

        Never retried: if the answer is lost, Zoom has already rotated the
        refresh token, and a second try could only fail with invalid_grant.
        """
        return self._token_request({
            'grant_type': 'refresh_token',
            'refresh_token': refresh_token,
        })

    def revoke(self, token):
        """Revoke the app's access for the token's user."""
        response = self._post('/oauth/revoke', {'token': token})
        if response.status_code != 200:
            raise self._error(response)

    def _token_request(self, form):
        response = self._post('/oauth/token', form)
        if response.status_code != 200:
            raise self._error(response)
        data = json_body(response)
        tokens = ZoomTokens.from_response(data) if data else None
        if tokens is None:
            raise unexpected_response(response.status_code)
        return tokens

    def _post(self, path, form):
        # Client credentials go in the Basic header and tokens in a form
        # body: never in a URL, which proxies and access logs keep.
        return send(self.session or shared_session(), 'POST',
                    self.oauth_base + path, path, self.timeout,
                    auth=(self.client_id, self.client_secret), data=form,
                    headers={'Accept': 'application/json'})

    @staticmethod
    def _error(response):
        status = response.status_code
        data = json_body(response) or {}
        error = data.get('error')
        if error == 'invalid_client' or status == 401:
            return ZoomConfigError(status=status, code=error)
        if error == 'invalid_grant':
            return ZoomAuthError(status=status, code=error)
        if status == 429:
            return ZoomRateLimited(status=status, retry_after=None)
        if status >= 500:
            return unavailable('server error %s' % status, status=status)
        reason = data.get('reason') or data.get('error') or 'HTTP %s' % status
        return ZoomBadRequest("Zoom refused the connection request: %s." % reason,
                              status=status, code=error)
