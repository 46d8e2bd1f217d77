"""HTTP front of the fake Zoom: routing, faults, request log, control API."""
import base64
import binascii
import fnmatch
import itertools
import json
import logging
import socket
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from . import pages
from .app import FakeZoom, Reply

_logger = logging.getLogger('fake_zoom')

MAX_LOG = 10000
GARBAGE_HTML = '<html><head><title>502 Bad Gateway</title></head><body>Bad gateway</body></html>'


def _query(text):
    return dict(parse_qsl(text, keep_blank_values=True))


def _basic_auth(header):
    """(client_id, client_secret) from a Basic header, or None."""
    scheme, _, value = (header or '').partition(' ')
    if scheme.lower() != 'basic':
        return None
    try:
        user, _, password = base64.b64decode(value.strip()).decode('utf-8').partition(':')
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user, password


class Fault(object):
    """One configured misbehaviour, matched by method and path (glob)."""

    def __init__(self, spec):
        self.path = spec.get('path') or '*'
        self.method = (spec.get('method') or '*').upper()
        self.count = int(spec.get('count', 1))  # -1: until cleared
        self.status = spec.get('status')
        self.body = spec.get('body')
        self.headers = spec.get('headers') or {}
        self.delay = float(spec.get('delay') or 0)
        # Seconds to hold the answer after the work is done: Zoom made the
        # meeting, its answer is not there yet.
        self.delay_after = float(spec.get('delay_after') or 0)
        self.drop = bool(spec.get('drop'))
        self.drop_after_processing = bool(spec.get('drop_after_processing'))
        self.malformed = spec.get('malformed')
        self.spec = dict(spec)

    def matches(self, method, path):
        return (self.count != 0 and self.method in ('*', method)
                and fnmatch.fnmatchcase(path, self.path))

    def reply(self):
        """The canned answer of a status fault."""
        body = self.body
        if body is None:
            body = {'code': self.status, 'message': 'Fake fault (HTTP %s).' % self.status}
        elif isinstance(body, str):
            try:
                body = json.loads(body)
            except ValueError:
                pass  # kept as raw text: tests use it for garbage bodies
        return Reply(int(self.status), body, self.headers)


class FakeZoomServer(ThreadingHTTPServer):
    """Threaded HTTP/1.1 server holding the FakeZoom state."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, app, public_url=None):
        self.app = app
        self.public_url = public_url.rstrip('/') if public_url else None
        self.faults = []
        self.log = []
        self.log_lock = threading.Lock()
        self._seq = itertools.count(1)
        self._connections = itertools.count(1)
        super(FakeZoomServer, self).__init__(address, Handler)

    def next_connection_id(self):
        return next(self._connections)

    def take_fault(self, method, path):
        with self.log_lock:
            for fault in self.faults:
                if fault.matches(method, path):
                    if fault.count > 0:
                        fault.count -= 1
                    return fault
        return None

    def record(self, method, path, query, status, connection_id, started, dropped=False):
        with self.log_lock:
            self.log.append({'seq': next(self._seq), 'method': method, 'path': path,
                             'query': query, 'status': status, 'connection': connection_id,
                             'time': started, 'duration_ms': round((time.time() - started) * 1000, 1),
                             'dropped': dropped})
            del self.log[:-MAX_LOG]


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'  # keep-alive, so clients can reuse connections
    server_version = 'FakeZoom/1.0'
    timeout = 120  # an idle keep-alive connection is closed after this

    def setup(self):
        super(Handler, self).setup()
        # Headers and body go out in two writes: without NODELAY, Nagle plus
        # the client's delayed ACK would add ~40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.connection_id = self.server.next_connection_id()

    def log_message(self, fmt, *args):
        _logger.debug('%s %s', self.address_string(), fmt % args)

    def do_GET(self):
        self._handle()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    @property
    def base_url(self):
        """The URL the caller reached us at (so api_url and links work through any host name)."""
        host = self.headers.get('Host') or '%s:%s' % self.server.server_address[:2]
        return 'http://%s' % host

    def _read_body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length else b''

    def _handle(self):
        started = time.time()
        body = self._read_body()  # always read it, or the next request on this connection breaks
        url = urlsplit(self.path)
        method, path, query = self.command, url.path, _query(url.query)
        if path.startswith('/_fake/'):
            return self._send(self._control(method, path, body))
        fault = self.server.take_fault(method, path)
        delay = self.server.app.config.get('delay_ms', 0) / 1000.0 + (fault.delay if fault else 0)
        if delay:
            time.sleep(delay)
        if fault and fault.drop:
            return self._drop(method, path, url.query, started)
        if fault and fault.status is not None:
            reply = fault.reply()
        else:
            try:
                reply = self._dispatch(method, path, query, body)
            except Exception:  # a bug in the fake: say so instead of dropping the connection
                _logger.exception('fake Zoom failed on %s %s', method, path)
                reply = Reply(500, {'code': 500, 'message': 'The fake Zoom crashed; see its log.'})
            if fault and fault.delay_after:
                time.sleep(fault.delay_after)
            if fault and fault.drop_after_processing:
                return self._drop(method, path, url.query, started)
            if fault and fault.malformed:
                reply = self._malformed(reply, fault.malformed)
            if fault and fault.headers:
                reply.headers.update(fault.headers)
        # Logged before the answer goes out: a client that gave up (timeout)
        # makes the write fail, and the request still happened.
        self.server.record(method, path, url.query, reply.status, self.connection_id, started)
        self._send(reply, api=path.startswith('/v2/'))

    def _drop(self, method, path, query, started):
        """Close the connection without a word: the lost-response case."""
        self.close_connection = True
        self.server.record(method, path, query, None, self.connection_id, started, dropped=True)

    @staticmethod
    def _malformed(reply, kind):
        status = reply.status if reply.status in (200, 201) else 200
        if kind == 'truncated':
            text = json.dumps(reply.body if reply.body is not None else {'id': 1})
            return Reply(status, text[:max(1, len(text) // 2)], {'Content-Type': 'application/json'})
        return Reply(status, GARBAGE_HTML)

    def _dispatch(self, method, path, query, body):
        app = self.server.app
        base = self.server.public_url or self.base_url
        if path.startswith('/v2/'):
            return app.api(method, path, query, self.headers.get('Authorization'), body, base)
        if path == '/oauth/authorize' and method == 'GET':
            return app.authorize_page(query)
        if path == '/oauth/authorize' and method == 'POST':
            return app.authorize_decide(_query(body.decode('utf-8', 'replace')))
        if path == '/oauth/token' and method == 'POST':
            return app.token(_basic_auth(self.headers.get('Authorization')),
                             _query(body.decode('utf-8', 'replace')), self.base_url)
        if path == '/oauth/revoke' and method == 'POST':
            return app.revoke(_basic_auth(self.headers.get('Authorization')),
                              _query(body.decode('utf-8', 'replace')))
        parts = path.strip('/').split('/')
        if method == 'GET' and len(parts) == 2 and parts[0] in ('j', 's', 'w'):
            return Reply(200, pages.meeting_page(parts[0], parts[1]))
        if method == 'GET' and path == '/':
            return Reply(200, {'name': 'fake Zoom', 'api': base + '/v2', 'oauth': base + '/oauth'})
        return Reply(404, {'code': 404, 'message': 'Not found: %s %s' % (method, path)})

    def _control(self, method, path, body):
        """The test-only /_fake/ API (no auth: it only ever listens on loopback)."""
        server, app = self.server, self.server.app
        try:
            data = json.loads(body.decode('utf-8') or '{}') if body else {}
        except ValueError:
            return Reply(400, {'error': 'body is not JSON'})
        key = (method, path.rstrip('/'))
        if key == ('GET', '/_fake/health'):
            return Reply(200, {'status': 'ok'})
        if key == ('GET', '/_fake/meetings'):
            return Reply(200, {'meetings': app.fake_meetings()})
        if key == ('GET', '/_fake/requests'):
            with server.log_lock:
                return Reply(200, {'requests': list(server.log)})
        if key == ('DELETE', '/_fake/requests'):
            with server.log_lock:
                del server.log[:]
            return Reply(200, {'status': 'ok'})
        if key == ('GET', '/_fake/faults'):
            with server.log_lock:
                return Reply(200, {'faults': [dict(f.spec, remaining=f.count) for f in server.faults]})
        if key == ('POST', '/_fake/faults'):
            with server.log_lock:
                server.faults.append(Fault(data))
            return Reply(200, {'status': 'ok'})
        if key == ('DELETE', '/_fake/faults'):
            with server.log_lock:
                del server.faults[:]
            return Reply(200, {'status': 'ok'})
        if key == ('GET', '/_fake/config'):
            return Reply(200, dict(app.config))
        if key == ('POST', '/_fake/config'):
            return app.set_config(data)
        if key == ('POST', '/_fake/users/revoke'):
            return app.revoke_user(data.get('email'))
        if key == ('POST', '/_fake/tokens'):
            return app.direct_tokens(data.get('email'), self.base_url, data.get('user_type'),
                                     data.get('account_id'))
        if key == ('POST', '/_fake/webhooks'):
            return self._send_webhook(data)
        if key == ('POST', '/_fake/reset'):
            app.reset()
            with server.log_lock:
                del server.faults[:]
                del server.log[:]
            return Reply(200, {'status': 'ok'})
        return Reply(404, {'error': 'no control endpoint %s %s' % (method, path)})

    def _send_webhook(self, data):
        """Build, sign and POST a Zoom event; answer what the receiver said."""
        from .signing import sign  # stdlib-only twin of zoom_api.webhooks.sign
        app = self.server.app
        event = app.webhook_event(data.get('event'), data.get('meeting_id'),
                                  data.get('email'), data.get('changes'), data.get('registrant_id'),
                                  data.get('name'), data.get('time'))
        if isinstance(event, Reply):
            return event
        raw = json.dumps(event).encode('utf-8')
        # The lock is not held here: the receiver may call back into the fake Zoom.
        timestamp = str(data.get('timestamp') or int(time.time()))
        secret = data.get('secret') or app.webhook_secret
        request = urllib.request.Request(data.get('url') or '', data=raw, method='POST', headers={
            'Content-Type': 'application/json; charset=utf-8',
            'User-Agent': 'Zoom Marketplace/1.0a',
            'clientid': app.client_id,
            'x-zm-request-timestamp': timestamp,
            'x-zm-signature': sign(secret, timestamp, raw),
        })
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, text = response.status, response.read().decode('utf-8', 'replace')
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode('utf-8', 'replace')
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return Reply(502, {'status': None, 'body': '', 'error': str(exc), 'event': event})
        return Reply(200, {'status': status, 'body': text, 'event': event})

    def _send(self, reply, api=False):
        body, content_type = reply.body, None
        if isinstance(body, (dict, list)):
            body, content_type = json.dumps(body).encode('utf-8'), 'application/json;charset=UTF-8'
        elif isinstance(body, str):
            body, content_type = body.encode('utf-8'), 'text/html;charset=utf-8'
        elif body is None:
            body = b''
        headers = dict(reply.headers)
        if api:
            # Zoom sends its rate-limit headers on every answer.
            headers.setdefault('X-RateLimit-Category', 'Light' if self.command == 'GET' else 'Medium')
            headers.setdefault('X-RateLimit-Type', 'QPS')
            headers.setdefault('X-RateLimit-Limit', '30')
            headers.setdefault('X-RateLimit-Remaining', '29')
        self.send_response(reply.status)
        if content_type and body:
            headers.setdefault('Content-Type', content_type)
        for name, value in headers.items():
            self.send_header(name, str(value))
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if body and self.command != 'HEAD':
            self.wfile.write(body)


def make_server(host, port, client_id, client_secret, webhook_secret, state_file=None,
                public_url=None):
    app = FakeZoom(client_id, client_secret, webhook_secret, state_file)
    return FakeZoomServer((host, port), app, public_url)
