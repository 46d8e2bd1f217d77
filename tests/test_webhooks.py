"""Webhook signatures: zoom_api.webhooks, and the fake Zoom's real deliveries."""
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from conftest import WEBHOOK_SECRET
from zoom_scheduling.zoom_api import ZoomClient, webhooks
from zoom_scheduling.zoom_api.errors import WebhookError

SECRET = 'hook-secret'
NOW = 1750000000
BODY = json.dumps({'event': 'meeting.started', 'event_ts': NOW * 1000,
                   'payload': {'account_id': 'acc', 'object': {'id': '81234567890'}}}).encode()


def signed_headers(body=BODY, timestamp=NOW, secret=SECRET):
    return {'x-zm-request-timestamp': str(timestamp),
            'x-zm-signature': webhooks.sign(secret, str(timestamp), body)}


def reason(headers, body=BODY, now=NOW, **kwargs):
    with pytest.raises(WebhookError) as info:
        webhooks.verify(SECRET, headers, body, now=now, **kwargs)
    return info.value.reason


def test_sign_matches_zooms_recipe():
    message = b'v0:%d:' % NOW + BODY
    expected = 'v0=' + hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()
    assert webhooks.sign(SECRET, NOW, BODY) == expected


def test_valid_signature_returns_the_payload():
    data = webhooks.verify(SECRET, signed_headers(), BODY, now=NOW + 10)
    assert data['payload']['object']['id'] == '81234567890'


def test_header_names_are_case_insensitive_and_str_body_works():
    headers = {k.title(): v for k, v in signed_headers().items()}
    assert webhooks.verify(SECRET, headers, BODY.decode(), now=NOW)['event'] == 'meeting.started'


def test_tampered_body_is_refused():
    assert reason(signed_headers(), BODY.replace(b'81234567890', b'89999999999')) == 'bad signature'


def test_wrong_secret_is_refused():
    assert reason(signed_headers(secret='other-secret')) == 'bad signature'


def test_signature_bound_to_its_timestamp():
    headers = signed_headers()
    headers['x-zm-request-timestamp'] = str(NOW + 1)
    assert reason(headers, now=NOW + 1) == 'bad signature'


def test_stale_timestamp_is_refused():
    assert reason(signed_headers(), now=NOW + 301) == 'stale timestamp'
    assert webhooks.verify(SECRET, signed_headers(), BODY, now=NOW + 299)


def test_future_timestamp_is_refused():
    assert reason(signed_headers(), now=NOW - 301) == 'timestamp in the future'


def test_millisecond_timestamps_are_understood():
    headers = signed_headers(timestamp=NOW * 1000)
    assert webhooks.verify(SECRET, headers, BODY, now=NOW + 5)
    assert reason(headers, now=NOW + 3600) == 'stale timestamp'


@pytest.mark.parametrize('missing', ['x-zm-request-timestamp', 'x-zm-signature'])
def test_missing_headers_are_refused(missing):
    headers = signed_headers()
    del headers[missing]
    assert reason(headers) == 'missing signature headers'


def test_malformed_timestamp_is_refused():
    headers = signed_headers()
    headers['x-zm-request-timestamp'] = 'yesterday'
    assert reason(headers) == 'malformed timestamp'


def test_non_json_body_is_refused_after_the_signature_check():
    body = b'<xml>not json</xml>'
    assert reason(signed_headers(body), body) == 'body is not JSON'
    body = b'[1, 2]'
    assert reason(signed_headers(body), body) == 'body is not a JSON object'


def test_empty_secret_never_verifies():
    headers = signed_headers(secret='')
    with pytest.raises(WebhookError) as info:
        webhooks.verify('', headers, BODY, now=NOW)
    assert info.value.reason == 'no webhook secret configured'


def test_url_validation_response():
    answer = webhooks.url_validation_response(SECRET, 'qgg8vlvZRS6UYooatFL8Aw')
    expected = hmac.new(SECRET.encode(), b'qgg8vlvZRS6UYooatFL8Aw', hashlib.sha256).hexdigest()
    assert answer == {'plainToken': 'qgg8vlvZRS6UYooatFL8Aw', 'encryptedToken': expected}


class Receiver(object):
    """A local webhook endpoint that checks requests with zoom_api.webhooks."""

    def __init__(self, secret):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers['Content-Length']))
                try:
                    received.append(webhooks.verify(secret, self.headers, raw))
                    status, answer = 200, b'ok'
                except WebhookError as exc:
                    status, answer = 401, exc.reason.encode()
                self.send_response(status)
                self.send_header('Content-Length', str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(('127.0.0.1', 0), Handler)
        self.url = 'http://127.0.0.1:%s/zoom/webhook' % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    with Receiver(WEBHOOK_SECRET) as receiver:
        yield receiver


@pytest.fixture
def meeting(zoom):
    tokens = zoom.control.issue_tokens('host@example.com')
    client = ZoomClient(tokens['access_token'], api_base=zoom.url + '/v2')
    return client.create_meeting({'topic': 'Demo', 'start_time': '2031-01-01T10:00:00Z', 'duration': 30})


def test_fake_zoom_deliveries_verify(zoom, receiver, meeting):
    answer = zoom.control.send_webhook(receiver.url, 'meeting.started', meeting_id=meeting['id'])
    assert (answer['status'], answer['body']) == (200, 'ok')
    event = receiver.received[0]
    assert event['event'] == 'meeting.started'
    assert str(event['payload']['object']['id']) == meeting['id']
    assert event['payload']['object']['host_id'] and event['payload']['account_id']
    assert abs(event['event_ts'] / 1000.0 - time.time()) < 60
    assert zoom.control.meeting(meeting['id'])['status'] == 'started'


def test_fake_zoom_delivery_with_wrong_secret_is_refused(zoom, receiver, meeting):
    answer = zoom.control.send_webhook(receiver.url, 'meeting.ended', meeting_id=meeting['id'],
                                       secret='not-the-secret')
    assert (answer['status'], answer['body']) == (401, 'bad signature')
    assert receiver.received == []


def test_fake_zoom_delivery_with_old_timestamp_is_refused(zoom, receiver, meeting):
    answer = zoom.control.send_webhook(receiver.url, 'meeting.deleted', meeting_id=meeting['id'],
                                       timestamp=int(time.time()) - 3600)
    assert (answer['status'], answer['body']) == (401, 'stale timestamp')


def test_fake_zoom_deauthorization_event(zoom, receiver, meeting):
    answer = zoom.control.send_webhook(receiver.url, 'app_deauthorized', email='host@example.com')
    assert answer['status'] == 200
    payload = receiver.received[0]['payload']
    assert payload['user_id'] and payload['deauthorization_time']


@pytest.mark.parametrize('timestamp', [
    'nan', 'NaN', 'inf', '-inf', '1e9', '\u00b2', '\u0661\u0662\u0663', ' %d' % NOW, '+%d' % NOW,
    '%d.0' % NOW, '-5', '0x10', '1_000', '', '1' * 17,
])
def test_only_digits_are_a_timestamp(timestamp):
    # Signed with the right secret: only the timestamp is wrong.
    headers = {'x-zm-request-timestamp': timestamp,
               'x-zm-signature': webhooks.sign(SECRET, timestamp, BODY)}
    assert reason(headers) in ('malformed timestamp', 'missing signature headers')
