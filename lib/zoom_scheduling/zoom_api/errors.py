"""Typed errors of the Zoom client, each with a sentence an end user can read.

The message never contains a token or a secret: it may end up in a chatter
message or a log line.
"""


class ZoomError(Exception):
    """Base of every error the Zoom client raises."""

    default_message = "Zoom answered with an error."
    retryable = False

    def __init__(self, message=None, status=None, code=None, retryable=None):
        self.message = message or self.default_message
        self.status = status
        self.code = code
        if retryable is not None:
            self.retryable = retryable
        super(ZoomError, self).__init__(self.message)

    def __str__(self):
        return self.message

    def __repr__(self):
        return '%s(status=%r, code=%r, message=%r)' % (
            type(self).__name__, self.status, self.code, self.message)


class ZoomAuthError(ZoomError):
    """The access or refresh token is invalid, expired or revoked."""

    default_message = ("Your Zoom connection is no longer valid (expired or "
                       "revoked). Please reconnect your Zoom account.")


class ZoomNotFound(ZoomError):
    """Zoom does not know the meeting, registrant or user."""

    default_message = "This meeting no longer exists in Zoom."


class ZoomRateLimited(ZoomError):
    """Zoom refused the call for now (HTTP 429).

    `daily` is True for the per-user daily cap on meeting creates and
    updates: nothing helps before `retry_at` (00:00 UTC).
    """

    retryable = True

    def __init__(self, message=None, status=429, code=None,
                 retry_after=None, retry_at=None, daily=False):
        self.retry_after = retry_after
        self.retry_at = retry_at
        self.daily = daily
        if message is None:
            if daily:
                message = ("Zoom's daily limit of meeting changes for this "
                           "Zoom user is reached. It resets at 00:00 UTC.")
            else:
                message = ("Zoom is receiving too many requests right now. "
                           "Please try again in a minute.")
        super(ZoomRateLimited, self).__init__(message, status, code)


class ZoomUnavailable(ZoomError):
    """Zoom could not be reached, failed (5xx) or sent an unusable answer."""

    retryable = True

    def __init__(self, message=None, status=None, code=None, reason=None):
        self.reason = reason
        if message is None:
            message = "Zoom is not reachable right now (%s). Please try again later." % (
                reason or 'no answer')
        super(ZoomUnavailable, self).__init__(message, status, code)


class ZoomBadRequest(ZoomError):
    """Zoom refused the request (4xx); `errors` lists Zoom's field errors."""

    def __init__(self, message=None, status=400, code=None, errors=None):
        self.errors = list(errors or [])
        super(ZoomBadRequest, self).__init__(message, status, code)


class ZoomRegistrationDisabled(ZoomBadRequest):
    """The meeting takes no registrants: registration (and so personal join
    links) needs a Licensed host, and a Basic host's meeting has none, also
    when the host was downgraded after the meeting was made. A retry cannot
    help; the attendees need the meeting's own join link instead."""

    default_message = ("Zoom refused personal join links for this meeting: "
                       "registration needs a licensed Zoom account.")


class ZoomConfigError(ZoomBadRequest):
    """The OAuth client id or secret configured in Odoo is wrong."""

    default_message = ("Zoom refused the app's client id or secret. An "
                       "administrator must check the Zoom app settings in Odoo.")


class WebhookError(Exception):
    """A webhook request that must be refused; `reason` says why."""

    def __init__(self, reason):
        self.reason = reason
        super(WebhookError, self).__init__(reason)
