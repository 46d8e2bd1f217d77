"""Plain pytest setup: no Odoo. One fake Zoom process for the session."""
import os
import sys

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from fake_zoom.testing import start_fake_zoom  # noqa: E402

CLIENT_ID = 'test-client-id'
CLIENT_SECRET = 'test-client-secret'
WEBHOOK_SECRET = 'test-webhook-secret'
OPENAPI_PATH = os.path.join(REPO_ROOT, '..', 'shared', 'zoom', 'meetings-openapi.json')


@pytest.fixture(scope='session')
def fake_server():
    env = {'ZOOM_CLIENT_ID': CLIENT_ID, 'ZOOM_CLIENT_SECRET': CLIENT_SECRET,
           'ZOOM_WEBHOOK_SECRET': WEBHOOK_SECRET}
    with start_fake_zoom(env=env) as server:
        yield server


@pytest.fixture
def zoom(fake_server):
    """The fake Zoom, emptied before the test."""
    fake_server.control.reset()
    return fake_server


class SleepRecorder(object):
    """Stands in for time.sleep: records the delays and returns at once."""

    def __init__(self):
        self.delays = []

    def __call__(self, seconds):
        self.delays.append(seconds)


@pytest.fixture
def sleeps():
    return SleepRecorder()


@pytest.fixture
def alice(zoom):
    """A connected Zoom user: the fake's token JSON (with user_id)."""
    return zoom.control.issue_tokens('alice.smith@example.com')


@pytest.fixture
def make_client(zoom, sleeps):
    """Build a ZoomClient on the fake with fast, recorded backoff."""
    from zoom_scheduling.zoom_api import ZoomClient, ZoomRetry, session_with

    def make(access_token, **kwargs):
        retry = ZoomRetry(backoff_factor=0.01, sleep=sleeps)
        options = dict(api_base=zoom.url + '/v2', session=session_with(retry), timeout=(2, 5))
        options.update(kwargs)
        return ZoomClient(access_token, **options)
    return make


@pytest.fixture
def client(make_client, alice):
    return make_client(alice['access_token'])
