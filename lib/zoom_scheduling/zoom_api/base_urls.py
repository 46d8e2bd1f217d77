"""Where the addon may send Zoom credentials: the one rule.

Every base URL that receives a client secret or a bearer token (the OAuth
base, the API base, and the `api_url` of Zoom's token answer) must be
`https://` on zoom.us or zoom.com (or a subdomain of either), unless it
matches one of the extra bases the server's operator allows in the Odoo
configuration file (the demo and the tests allow the fake Zoom server).

An allowed base is `scheme://host[:port][/path]`; the port may be `*` (any
port: the tests' fake Zoom listens on a random one). Settings stored in the
database can be changed by anyone with access to the System Parameters, so
the configuration file, which only the server's operator edits, has the
last word.
"""
from urllib.parse import urlsplit

from .errors import ZoomConfigError

ZOOM_HOSTS = ('zoom.us', 'zoom.com')


class BaseUrlError(ZoomConfigError):
    """A Zoom base URL outside zoom.us / zoom.com and the allowed bases."""


def _split(url):
    """(scheme, host, port or None, path), or None when `url` is unusable."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except (AttributeError, ValueError):
        return None
    if not parts.hostname or parts.username is not None or parts.query or parts.fragment:
        return None
    return parts.scheme.lower(), parts.hostname.lower(), port, parts.path.rstrip('/')


def _split_allowed(base):
    base = base.strip().rstrip('/')
    any_port = False
    scheme, sep, rest = base.partition('://')
    netloc, slash, path = rest.partition('/')
    if netloc.endswith(':*'):
        netloc, any_port = netloc[:-2], True
    parts = _split('%s%s%s%s%s' % (scheme, sep, netloc, slash, path))
    if parts is None:
        return None
    return parts[0], parts[1], '*' if any_port else parts[2], parts[3]


def parse_allowed(value):
    """The allowed bases of a configuration value: separated by commas or
    whitespace; unusable entries are left out."""
    bases = (_split_allowed(item) for item in (value or '').replace(',', ' ').split())
    return [base for base in bases if base]


def is_allowed(url, allowed=()):
    """Whether credentials may be sent to the base `url`. `allowed` is
    parse_allowed() of the configuration."""
    parts = _split(url or '')
    if parts is None:
        return False
    scheme, host, port, path = parts
    if scheme == 'https' and port in (None, 443) and any(
            host == zoom or host.endswith('.' + zoom) for zoom in ZOOM_HOSTS):
        return True
    for a_scheme, a_host, a_port, a_path in allowed:
        if (scheme, host) == (a_scheme, a_host) and a_port in ('*', port) \
                and (path == a_path or path.startswith(a_path + '/')):
            return True
    return False


def check(url, what, allowed=()):
    """Returns `url` without a trailing slash, or raises BaseUrlError."""
    if not is_allowed(url, allowed):
        raise BaseUrlError(
            "%s must be an https:// address on zoom.us or zoom.com, not '%s' (other "
            "addresses must be allowed in the Odoo configuration file: "
            "zoom_allowed_base_urls)." % (what, url))
    return url.strip().rstrip('/')
