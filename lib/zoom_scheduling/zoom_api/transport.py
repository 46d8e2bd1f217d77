"""HTTP plumbing shared by the OAuth and REST clients.

One `requests.Session` per thread, as requests does not promise that a
Session is thread-safe; but one pool of keep-alive connections for the
whole process, mounted in every thread's session: Odoo's threaded server
serves each request on a new thread, and a TLS handshake to Zoom costs more
than most API calls. urllib3's pool is thread-safe. The adapter holding it
also retries what may be retried (`retry.ZoomRetry`).
"""
import http.cookiejar
import logging
import threading
import time

import requests
from urllib3.exceptions import ReadTimeoutError

from .errors import ZoomUnavailable
from .retry import ZoomRetry

_logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = (3.05, 15)  # (connect, read) seconds
USER_AGENT = 'odoo-zoom-calendar/1.0'

_local = threading.local()
# Up to 16 idle connections kept per host, one per concurrent request.
_CONNECTIONS = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=16, max_retries=ZoomRetry())


def _session(adapter):
    session = requests.Session()
    session.headers['User-Agent'] = USER_AGENT
    # Every user's client in this thread shares the session: keep no
    # cookie that one user's answer set from riding along with another's.
    session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    session.mount('https://', adapter)
    session.mount('http://', adapter)
    return session


def shared_session():
    """Return this thread's `requests.Session`, created on first use."""
    session = getattr(_local, 'session', None)
    if session is None:
        session = _local.session = _session(_CONNECTIONS)
    return session


# How long call_while waits for an answer before it does the work in the
# meantime: splitting the work costs some of its own (a booking's invitations
# in two rounds: a few queries and ~10 ms more), which a faster answer would
# not repay. Zoom, across the internet, answers in 100 to 400 ms.
OVERLAP_AFTER = 0.05  # seconds


def call_while(call, meanwhile, after=OVERLAP_AFTER):
    """Returns ``call()``, made on a thread of its own, or raises its error.
    If it has not answered within ``after`` seconds, ``meanwhile()`` runs on
    this thread while it is under way (its error is raised first, once
    ``call`` is over: nothing is left running behind).

    For a Zoom call whose wait can serve local work that does not need its
    answer: a slow round trip then costs the longer of the two, not both.
    ``meanwhile`` must make no Zoom call of its own: the client's session is
    this thread's, and requests does not promise a Session is thread-safe;
    used by one thread at a time, it is."""
    outcome = {}

    def run():
        try:
            outcome["answer"] = call()
        except BaseException as error:  # raised again on the caller's thread
            outcome["error"] = error
    thread = threading.Thread(target=run, name="zoom-call", daemon=True)
    thread.start()
    thread.join(after)
    if thread.is_alive():
        try:
            meanwhile()
        finally:
            thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["answer"]


def session_with(retry):
    """A session with connections of its own and another `ZoomRetry` (tests
    use it to record the waits instead of sleeping)."""
    return _session(requests.adapters.HTTPAdapter(max_retries=retry))


def send(session, method, url, log_path, timeout, pending=None, **kwargs):
    """Send one request and return the response.

    Network failures become `ZoomUnavailable`; `pending` ends its message
    (what will happen once Zoom answers). Only method, path and status are
    logged: headers and bodies carry tokens.
    """
    started = time.time()
    try:
        response = session.request(method, url, timeout=timeout,
                                   allow_redirects=False, **kwargs)
    except requests.Timeout:
        _logger.warning("Zoom %s %s: timeout", method, log_path)
        raise unavailable('timeout', pending)
    except requests.ConnectionError as exc:
        # Retries exhausted: requests reports the last read timeout as a
        # connection error.
        reason = getattr(exc.args[0] if exc.args else None, 'reason', None)
        what = 'timeout' if isinstance(reason, ReadTimeoutError) else 'connection failed'
        _logger.warning("Zoom %s %s: %s", method, log_path, what)
        raise unavailable(what, pending)
    except requests.RequestException as exc:
        _logger.warning("Zoom %s %s: %s", method, log_path, type(exc).__name__)
        raise unavailable('connection failed', pending)
    level = logging.INFO if response.status_code < 400 else logging.WARNING
    _logger.log(level, "Zoom %s %s -> %s (%.0f ms)", method, log_path,
                response.status_code, (time.time() - started) * 1000)
    return response


def unavailable(reason, pending=None, status=None):
    """A `ZoomUnavailable` whose message says why and what happens next."""
    message = "Zoom is not reachable right now (%s). %s" % (
        reason, pending or "Please try again in a few minutes.")
    return ZoomUnavailable(message, status=status, reason=reason)


def unexpected_response(status, pending=None):
    """The error for a body that is not the JSON Zoom promises."""
    message = "Zoom sent an unexpected response (HTTP %s). %s" % (
        status, pending or "Please try again in a few minutes.")
    return ZoomUnavailable(message, status=status, reason='unexpected response')


def json_body(response):
    """The response body as a dict, or None when it is not a JSON object."""
    try:
        data = response.json()
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
