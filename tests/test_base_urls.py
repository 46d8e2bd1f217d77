"""Where Zoom credentials may go (zoom_api/base_urls.py): Zoom's own https
hosts, and only the bases the server's configuration file allows besides."""
import pytest

from zoom_scheduling.zoom_api import base_urls

ALLOWED = base_urls.parse_allowed('http://127.0.0.1:*, https://zoom.example.org/zoom')


@pytest.mark.parametrize('url', [
    'https://zoom.us', 'https://zoom.us/', 'https://api.zoom.us/v2', 'https://api-eu.zoom.us/v2',
    'https://zoom.com', 'https://API.ZOOM.COM/v2', 'https://zoom.us:443',
    'http://127.0.0.1:8790', 'http://127.0.0.1:41234/v2',
    'https://zoom.example.org/zoom', 'https://zoom.example.org/zoom/v2',
])
def test_zoom_hosts_and_allowed_bases_pass(url):
    assert base_urls.is_allowed(url, ALLOWED)
    assert base_urls.check(url, 'URL', ALLOWED) == url.rstrip('/')


@pytest.mark.parametrize('url', [
    'http://zoom.us', 'http://api.zoom.us/v2',           # not https
    'https://zoom.us.evil.example', 'https://evilzoom.us', 'https://zoom.usa',
    'https://zoom.us@evil.example', 'https://evil.example#.zoom.us', 'https://evil.example/?.zoom.us',
    'https://user:pw@api.zoom.us/v2', 'https://zoom.us:8443', 'https://zoom.us:99999',
    'http://127.0.0.1:80@evil.example', 'http://localhost:8790', 'https://127.0.0.1:8790',
    'http://127.0.0.2:8790', 'https://zoom.example.org/zoomx', 'https://zoom.example.org/other',
    'ftp://zoom.us', 'javascript:alert(1)', '', None, 'zoom.us', 'https://', 'https://zoom .us',
])
def test_anything_else_is_refused(url):
    assert not base_urls.is_allowed(url, ALLOWED)
    with pytest.raises(base_urls.BaseUrlError) as caught:
        base_urls.check(url, 'The Zoom API URL', ALLOWED)
    assert 'zoom_allowed_base_urls' in caught.value.message


def test_nothing_but_zoom_without_a_configuration():
    assert not base_urls.is_allowed('http://127.0.0.1:8790', base_urls.parse_allowed(''))
    assert not base_urls.is_allowed('http://127.0.0.1:8790', base_urls.parse_allowed(None))
    assert base_urls.parse_allowed('not-a-url, ://x, http://') == []
