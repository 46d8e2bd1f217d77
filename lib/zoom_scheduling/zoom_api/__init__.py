"""Zoom API client for zoom_calendar: plain Python, no Odoo import."""
from .errors import (WebhookError, ZoomAuthError, ZoomBadRequest,
                     ZoomConfigError, ZoomError, ZoomNotFound,
                     ZoomRateLimited, ZoomRegistrationDisabled, ZoomUnavailable)
from .oauth import ZoomOAuth, ZoomTokens, make_pkce_pair
from .retry import ZoomRetry
from .transport import DEFAULT_TIMEOUT, call_while, session_with, shared_session
from .client import ZoomClient, error_from_response, next_utc_midnight, parse_retry_after
from . import webhooks

__all__ = [
    'ZoomError', 'ZoomAuthError', 'ZoomNotFound', 'ZoomRateLimited',
    'ZoomUnavailable', 'ZoomBadRequest', 'ZoomConfigError', 'ZoomRegistrationDisabled', 'WebhookError',
    'ZoomOAuth', 'ZoomTokens', 'make_pkce_pair',
    'ZoomRetry', 'DEFAULT_TIMEOUT', 'call_while', 'session_with', 'shared_session',
    'ZoomClient', 'error_from_response', 'next_utc_midnight', 'parse_retry_after',
    'webhooks',
]
