"""Run the fake Zoom as a real separate process and drive its /_fake/ API.

    with start_fake_zoom() as zoom:
        zoom.control.issue_tokens('jane@example.com')
        ...
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class FakeZoomControl(object):
    """Client of the fake's test-only /_fake/ API."""

    def __init__(self, base_url, session=None, timeout=15):
        self.base_url = base_url.rstrip('/')
        self.session = session or requests.Session()
        self.timeout = timeout

    def _call(self, method, path, payload=None):
        response = self.session.request(method, self.base_url + '/_fake' + path,
                                        json=payload, timeout=self.timeout)
        response.raise_for_status()
        return response.json()

    def meetings(self):
        return self._call('GET', '/meetings')['meetings']

    def meeting(self, meeting_id):
        """One meeting (deleted ones included) by id, or None."""
        return next((m for m in self.meetings() if m['id'] == str(meeting_id)), None)

    def requests_log(self):
        return self._call('GET', '/requests')['requests']

    def clear_requests(self):
        self._call('DELETE', '/requests')

    def fault(self, **spec):
        """Add a fault: path (glob), method, count (-1: forever), status, body,
        headers, delay, delay_after, drop, drop_after_processing, malformed (True/'truncated')."""
        self._call('POST', '/faults', spec)

    def clear_faults(self):
        self._call('DELETE', '/faults')

    def config(self, **changes):
        """delay_ms, daily_limit, token_ttl, refresh_ttl, code_ttl, registrant_capacity."""
        return self._call('POST', '/config', changes)

    def revoke(self, email):
        return self._call('POST', '/users/revoke', {'email': email})['revoked']

    def issue_tokens(self, email, user_type=None, account_id=None):
        """A valid token pair (plus user_id) for the user, created if needed;
        `user_type` 1 (Basic) or 2 (Licensed) sets their account type,
        `account_id` the Zoom account they belong to."""
        payload = {'email': email}
        if user_type is not None:
            payload['user_type'] = user_type
        if account_id:
            payload['account_id'] = account_id
        return self._call('POST', '/tokens', payload)

    def send_webhook(self, url, event, **kwargs):
        """Have the fake send a signed event; returns {'status', 'body', 'event'}.
        kwargs: meeting_id, email, changes, secret, timestamp; for
        meeting.participant_joined/left: registrant_id (joined through a
        personal link) or email (the host, or a signed-in guest), name,
        time (the join or leave time, ISO 8601 UTC; default now)."""
        payload = dict(kwargs, url=url, event=event)
        response = self.session.post(self.base_url + '/_fake/webhooks', json=payload,
                                     timeout=self.timeout)
        return response.json()

    def reset(self):
        self._call('POST', '/reset')

    def approve_consent(self, authorize_url, email, user_type=None):
        """Approve the consent page as a person would (as a Zoom user of
        `user_type`: 1 Basic, 2 Licensed, the page's default when None);
        return the redirect Location."""
        return self._consent(authorize_url, email, 'approve', user_type)

    def deny_consent(self, authorize_url):
        return self._consent(authorize_url, '', 'deny')

    def _consent(self, authorize_url, email, decision, user_type=None):
        page = self.session.get(authorize_url, timeout=self.timeout)
        page.raise_for_status()
        form = _FormReader()
        form.feed(page.text)
        fields = dict(form.hidden, email=email, decision=decision)
        if user_type is not None:
            fields['user_type'] = str(user_type)
        answer = self.session.post(urljoin(authorize_url, form.action), data=fields,
                                   allow_redirects=False, timeout=self.timeout)
        if answer.status_code != 302:
            raise AssertionError('consent answered %s: %s' % (answer.status_code, answer.text[:200]))
        return answer.headers['Location']


class _FormReader(HTMLParser):
    """Reads the consent form's action and hidden fields."""

    def __init__(self):
        HTMLParser.__init__(self)
        self.action, self.hidden = '', {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == 'form':
            self.action = attrs.get('action') or ''
        elif tag == 'input' and attrs.get('type') == 'hidden':
            self.hidden[attrs['name']] = attrs.get('value') or ''


class FakeZoomProcess(object):
    """A running `python -m fake_zoom` subprocess."""

    def __init__(self, process, port, workdir, log_path):
        self.process = process
        self.port = port
        self.url = 'http://127.0.0.1:%s' % port
        self.workdir = workdir
        self.log_path = log_path
        self.control = FakeZoomControl(self.url)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.control.session.close()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def unused_port():
    """A loopback port nothing listens on now: for a server about to start
    there, or a Zoom that refuses connections."""
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def start_fake_zoom(state_file=None, env=None, timeout=15):
    """Start the fake Zoom on a free loopback port and wait until it answers."""
    workdir = tempfile.mkdtemp(prefix='fake_zoom_')
    port_file = os.path.join(workdir, 'port')
    log_path = os.path.join(workdir, 'server.log')
    command = [sys.executable, '-m', 'fake_zoom', '--host', '127.0.0.1', '--port', '0',
               '--port-file', port_file]
    if state_file:
        command += ['--state-file', state_file]
    full_env = dict(os.environ)
    for name in ('ZOOM_STATE_FILE', 'ZOOM_PUBLIC_URL'):  # a test decides these itself
        full_env.pop(name, None)
    full_env.update(env or {})
    full_env['PYTHONPATH'] = os.pathsep.join(
        [PACKAGE_PARENT] + ([full_env['PYTHONPATH']] if full_env.get('PYTHONPATH') else []))
    log = open(log_path, 'wb')
    process = subprocess.Popen(command, env=full_env, stdout=log, stderr=subprocess.STDOUT,
                               cwd=PACKAGE_PARENT)
    log.close()
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            with open(log_path) as handle:
                raise RuntimeError('fake Zoom exited with %s:\n%s' % (process.returncode, handle.read()))
        if os.path.exists(port_file):
            server = FakeZoomProcess(process, int(open(port_file).read()), workdir, log_path)
            try:
                requests.get(server.url + '/_fake/health', timeout=1).raise_for_status()
                return server
            except requests.RequestException:
                pass
        time.sleep(0.05)
    process.kill()
    raise RuntimeError('fake Zoom did not start within %s s' % timeout)
