"""The fake Zoom answers like Zoom: status codes, bodies, headers, schemas.

Response bodies are validated against the schemas of Zoom's own OpenAPI
description (shared/zoom/meetings-openapi.json), and must not carry fields
that the schema does not declare.
"""
import datetime
import json
import os
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from conftest import CLIENT_ID, CLIENT_SECRET, OPENAPI_PATH
from fake_zoom.testing import start_fake_zoom
from zoom_scheduling.zoom_api import make_pkce_pair

jsonschema = pytest.importorskip('jsonschema')

REDIRECT = 'http://odoo.test/zoom/oauth/callback'
MEETING = {'topic': 'Contract', 'type': 2, 'start_time': '2031-03-04T09:30:00Z', 'duration': 30,
           'timezone': 'UTC', 'agenda': 'From Odoo', 'settings': {'approval_type': 0}}
INVALID_TOKEN = {'code': 124, 'message': 'Invalid access token.'}


@pytest.fixture(scope='module')
def openapi():
    if not os.path.exists(OPENAPI_PATH):
        pytest.skip("Zoom's OpenAPI description is missing (expected at %s): "
                    "schema checks need shared/zoom/meetings-openapi.json" % os.path.normpath(OPENAPI_PATH))
    with open(OPENAPI_PATH) as handle:
        return json.load(handle)


def _deref(doc, schema):
    while '$ref' in schema:
        node = doc
        for key in schema['$ref'].lstrip('#/').split('/'):
            node = node[key]
        schema = node
    return schema


def properties(doc, schema):
    """{name: schema} of the properties a schema declares, through $ref and allOf/oneOf/anyOf."""
    schema = _deref(doc, schema)
    found = dict(schema.get('properties', {}))
    for combinator in ('allOf', 'oneOf', 'anyOf'):
        for part in schema.get(combinator, []):
            found.update(properties(doc, part))
    return found


def undeclared(doc, schema, body, where=''):
    """Dotted names of fields in `body`, at any depth, that the schema does not declare."""
    declared = properties(doc, schema)
    extra = []
    for key, value in body.items():
        if key not in declared:
            extra.append(where + key)
            continue
        sub = _deref(doc, declared[key])
        if isinstance(value, dict):
            extra += undeclared(doc, sub, value, where + key + '.')
        elif isinstance(value, list) and 'items' in sub:
            for item in value:
                if isinstance(item, dict):
                    extra += undeclared(doc, sub['items'], item, where + key + '[].')
    return sorted(set(extra))


def check_schema(doc, path, method, status, body, list_key=None):
    """Validate `body` against Zoom's response schema, and allow no undeclared field."""
    schema = doc['paths'][path][method]['responses'][str(status)]['content']['application/json']['schema']
    resolver = jsonschema.RefResolver(base_uri='', referrer=doc)
    jsonschema.Draft4Validator(schema, resolver=resolver).validate(body)
    assert undeclared(doc, schema, body) == []
    if list_key:
        assert body[list_key], 'an empty list proves nothing'


@pytest.fixture
def http():
    with requests.Session() as session:
        yield session


class Api(object):
    """Raw HTTP calls to the fake's /v2 with a bearer token."""

    def __init__(self, zoom, session, token):
        self.zoom, self.session, self.token = zoom, session, token

    def __call__(self, method, path, token=None, **kwargs):
        headers = kwargs.pop('headers', {})
        headers.setdefault('Authorization', 'Bearer %s' % (token or self.token))
        return self.session.request(method, self.zoom.url + '/v2' + path, headers=headers,
                                    timeout=10, **kwargs)

    def create(self, **changes):
        response = self('POST', '/users/me/meetings', json=dict(MEETING, **changes))
        assert response.status_code == 201, response.text
        return response.json()


@pytest.fixture
def api(zoom, http):
    return Api(zoom, http, zoom.control.issue_tokens('carol.white@example.com')['access_token'])


# Response schemas

def test_create_meeting_matches_zoom_schema(openapi, api, zoom):
    body = api.create()
    check_schema(openapi, '/users/{userId}/meetings', 'post', 201, body)
    assert isinstance(body['id'], int) and str(body['id']).startswith('8') and len(str(body['id'])) == 11
    assert body['join_url'] == '%s/j/%s?pwd=%s' % (zoom.url, body['id'], body['encrypted_password'])
    assert body['start_url'].startswith('%s/s/%s?zak=' % (zoom.url, body['id']))
    assert body['host_email'] == 'carol.white@example.com'
    assert body['registration_url']
    assert 'uuid' not in body and 'host_id' not in body


def test_get_meeting_matches_zoom_schema(openapi, api):
    created = api.create()
    response = api('GET', '/meetings/%s' % created['id'])
    assert response.status_code == 200
    body = response.json()
    check_schema(openapi, '/meetings/{meetingId}', 'get', 200, body)
    assert body['uuid'] and body['host_id'] and body['status'] == 'waiting'
    assert body['start_url'] != created['start_url']  # a fresh zak each time, like Zoom


def test_list_meetings_matches_zoom_schema(openapi, api):
    for _ in range(3):
        api.create()
    response = api('GET', '/users/me/meetings', params={'type': 'upcoming', 'page_size': 2})
    body = response.json()
    check_schema(openapi, '/users/{userId}/meetings', 'get', 200, body, 'meetings')
    assert (body['total_records'], len(body['meetings']), body['page_size']) == (3, 2, 2)
    assert body['meetings'][0]['agenda'] == 'From Odoo'
    rest = api('GET', '/users/me/meetings', params={'type': 'upcoming', 'page_size': 2,
                                                    'next_page_token': body['next_page_token']}).json()
    assert len(rest['meetings']) == 1 and rest['next_page_token'] == ''


def test_registrant_calls_match_zoom_schema(openapi, api):
    meeting = api.create()
    path = '/meetings/%s/registrants' % meeting['id']
    created = api('POST', path, json={'email': 'dan@example.com', 'first_name': 'Dan', 'last_name': 'Ng'})
    assert created.status_code == 201
    check_schema(openapi, '/meetings/{meetingId}/registrants', 'post', 201, created.json())
    listed = api('GET', path).json()
    check_schema(openapi, '/meetings/{meetingId}/registrants', 'get', 200, listed, 'registrants')
    assert listed['registrants'][0]['join_url'] == created.json()['join_url']


def test_batch_registrants_match_zoom_schema(openapi, api):
    meeting = api.create(settings={'approval_type': 0})
    path = '/meetings/%s/batch_registrants' % meeting['id']
    body = {'registrants': [{'email': 'dan@example.com', 'first_name': 'Dan', 'last_name': 'Ng'},
                            {'email': 'eve@example.com', 'first_name': 'Eve'}]}
    undeclared_fields = undeclared(openapi, _request_schema(openapi, '/meetings/{meetingId}/batch_registrants'),
                                   body)
    assert undeclared_fields == []
    created = api('POST', path, json=body)
    assert created.status_code == 201, created.text
    check_schema(openapi, '/meetings/{meetingId}/batch_registrants', 'post', 201, created.json(), 'registrants')
    answers = created.json()['registrants']
    listed = api('GET', '/meetings/%s/registrants' % meeting['id']).json()['registrants']
    assert {(a['email'], a['join_url']) for a in answers} == {(r['email'], r['join_url']) for r in listed}
    too_many = api('POST', path, json={'registrants': [
        {'email': 'p%d@example.com' % i, 'first_name': 'P'} for i in range(31)]})
    assert (too_many.status_code, too_many.json()['code']) == (400, 300)
    instant = api.create(type=1, settings={'approval_type': 0})
    refused = api('POST', '/meetings/%s/batch_registrants' % instant['id'], json=body)
    assert (refused.status_code, refused.json()['code']) == (400, 303)


def _request_schema(doc, path):
    return doc['paths'][path]['post']['requestBody']['content']['application/json']['schema']


# Status codes and bodies

def test_get_user_by_me_id_or_email(api, zoom):
    me = api('GET', '/users/me').json()
    assert api('GET', '/users/%s' % me['id']).json() == me
    assert api('GET', '/users/CAROL.WHITE@example.com').json()['id'] == me['id']
    other = api('GET', '/users/someone.else@example.com')
    assert (other.status_code, other.json()['code']) == (404, 1001)
    assert other.json()['message'] == 'User does not exist: someone.else@example.com.'


@pytest.mark.parametrize('headers', [{}, {'Authorization': 'Bearer nope'},
                                     {'Authorization': 'Basic dGVzdDp0ZXN0'}])
def test_bad_bearer_is_401_code_124(zoom, http, headers):
    response = http.get(zoom.url + '/v2/users/me', headers=headers)
    assert (response.status_code, response.json()) == (401, INVALID_TOKEN)


def test_expired_token_is_401_code_124(zoom, http):
    zoom.control.config(token_ttl=0)
    token = zoom.control.issue_tokens('x@example.com')['access_token']
    response = Api(zoom, http, token)('GET', '/users/me')
    assert response.status_code == 401 and response.json()['code'] == 124


@pytest.mark.parametrize('changes, field', [
    ({'topic': 'x' * 201}, 'topic'),
    ({'agenda': 'x' * 2001}, 'agenda'),
    ({'start_time': '2031-03-04 09:30'}, 'start_time'),
    ({'start_time': '2031-13-01T00:00:00Z'}, 'start_time'),
    ({'duration': '30'}, 'duration'),
    ({'duration': 1.5}, 'duration'),
    ({'duration': -1}, 'duration'),
    ({'type': 5}, 'type'),
    ({'type': '2'}, 'type'),
    ({'settings': {'approval_type': 3}}, 'settings.approval_type'),
    ({'settings': {'auto_recording': 'tape'}}, 'settings.auto_recording'),
    ({'settings': {'mute_upon_entry': 'yes'}}, 'settings.mute_upon_entry'),
    ({'password': 'x' * 11}, 'password'),
])
def test_invalid_meeting_fields_are_400_code_300(api, changes, field):
    response = api('POST', '/users/me/meetings', json=dict(MEETING, **changes))
    body = response.json()
    assert (response.status_code, body['code']) == (400, 300)
    assert [e['field'] for e in body['errors']] == [field]


def test_limits_are_inclusive(api):
    assert api('POST', '/users/me/meetings', json=dict(MEETING, topic='t' * 200, agenda='a' * 2000,
                                                       duration=0)).status_code == 201


@pytest.mark.parametrize('data', [b'{not json', b'[1, 2]', b''])
def test_non_json_body_is_400_code_300(api, data):
    response = api('POST', '/users/me/meetings', data=data, headers={'Content-Type': 'application/json'})
    assert (response.status_code, response.json()['code']) == (400, 300)


def test_patch_and_delete_answer_204_without_body(api, zoom):
    meeting = api.create()
    patched = api('PATCH', '/meetings/%s' % meeting['id'], json={'settings': {'waiting_room': True}})
    assert (patched.status_code, patched.content) == (204, b'')
    settings = api('GET', '/meetings/%s' % meeting['id']).json()['settings']
    assert settings['waiting_room'] is True and settings['approval_type'] == 0  # merged, not replaced
    deleted = api('DELETE', '/meetings/%s' % meeting['id'])
    assert (deleted.status_code, deleted.content) == (204, b'')
    again = api('GET', '/meetings/%s' % meeting['id'])
    assert (again.status_code, again.json()['code']) == (404, 3001)
    assert zoom.control.meeting(meeting['id'])['deleted'] is True


@pytest.mark.parametrize('method, suffix, payload', [
    ('GET', '', None), ('PATCH', '', {'topic': 'mine now'}), ('DELETE', '', None),
    ('GET', '/registrants', None), ('POST', '/registrants', {'email': 'e@example.com', 'first_name': 'E'}),
    ('PUT', '/registrants/status', {'action': 'cancel', 'registrants': []}),
])
def test_another_hosts_meeting_looks_missing(api, zoom, http, method, suffix, payload):
    meeting = api.create()
    other = Api(zoom, http, zoom.control.issue_tokens('mallory@example.com')['access_token'])
    response = other(method, '/meetings/%s%s' % (meeting['id'], suffix), json=payload)
    assert response.status_code == 404
    assert response.json() == {'code': 3001, 'message': 'Meeting does not exist: %s.' % meeting['id']}
    assert zoom.control.meeting(meeting['id'])['topic'] == 'Contract'


def test_registration_disabled_is_404(api):
    meeting = api.create(settings={'approval_type': 2})
    response = api('POST', '/meetings/%s/registrants' % meeting['id'],
                   json={'email': 'e@example.com', 'first_name': 'E'})
    assert response.status_code == 404
    assert response.json()['message'] == 'Registration has not been enabled for this meeting: %s.' % meeting['id']


def test_manual_approval_gives_no_join_url(api):
    meeting = api.create(settings={'approval_type': 1})
    response = api('POST', '/meetings/%s/registrants' % meeting['id'],
                   json={'email': 'e@example.com', 'first_name': 'E'})
    assert response.status_code == 201
    assert 'join_url' not in response.json() and response.json()['registrant_id']
    assert api('GET', '/meetings/%s/registrants' % meeting['id'], params={'status': 'pending'}
               ).json()['total_records'] == 1


def test_registering_twice_gives_the_same_registration(api):
    meeting = api.create()
    path = '/meetings/%s/registrants' % meeting['id']
    first = api('POST', path, json={'email': 'e@example.com', 'first_name': 'E'}).json()
    second = api('POST', path, json={'email': 'E@example.com', 'first_name': 'E'}).json()
    assert (first['registrant_id'], first['join_url']) == (second['registrant_id'], second['join_url'])


def test_registrant_needs_email_and_first_name(api):
    meeting = api.create()
    response = api('POST', '/meetings/%s/registrants' % meeting['id'], json={'email': 'nope'})
    assert response.status_code == 400
    assert {e['field'] for e in response.json()['errors']} == {'email', 'first_name'}


def test_registrant_capacity_is_400_code_3043(api, zoom):
    zoom.control.config(registrant_capacity=1)
    meeting = api.create()
    path = '/meetings/%s/registrants' % meeting['id']
    assert api('POST', path, json={'email': 'a@example.com', 'first_name': 'A'}).status_code == 201
    full = api('POST', path, json={'email': 'b@example.com', 'first_name': 'B'})
    assert (full.status_code, full.json()['code']) == (400, 3043)


def test_cancel_registrants_by_id_or_email(api, zoom):
    meeting = api.create()
    path = '/meetings/%s/registrants' % meeting['id']
    ann = api('POST', path, json={'email': 'ann@example.com', 'first_name': 'Ann'}).json()
    api('POST', path, json={'email': 'bo@example.com', 'first_name': 'Bo'})
    api('POST', path, json={'email': 'cy@example.com', 'first_name': 'Cy'})
    response = api('PUT', path + '/status', json={'action': 'cancel', 'registrants': [
        {'id': ann['registrant_id']}, {'email': 'bo@example.com'}]})
    assert (response.status_code, response.content) == (204, b'')
    assert [r['email'] for r in api('GET', path).json()['registrants']] == ['cy@example.com']
    assert api('GET', path, params={'status': 'denied'}).json()['total_records'] == 2
    bad = api('PUT', path + '/status', json={'action': 'explode', 'registrants': []})
    assert (bad.status_code, bad.json()['code']) == (400, 300)


def test_local_start_time_is_converted_with_the_timezone(api):
    pytest.importorskip('pytz')
    body = api.create(start_time='2031-07-01T10:00:00', timezone='Europe/Brussels')
    assert (body['start_time'], body['timezone']) == ('2031-07-01T08:00:00Z', 'Europe/Brussels')


def test_list_meetings_rejects_unknown_type(api):
    response = api('GET', '/users/me/meetings', params={'type': 'someday'})
    assert (response.status_code, response.json()['code']) == (400, 300)


def test_daily_cap_answer(api, zoom):
    zoom.control.config(daily_limit=1)
    api.create()
    response = api('POST', '/users/me/meetings', json=MEETING)
    assert response.status_code == 429
    assert response.json() == {'code': 429, 'message': (
        'You have exceeded the daily rate limit (1) of Meeting Create/Update API requests permitted '
        'for this particular user. You may resume these requests at GMT 00:00:00.')}
    headers = response.headers
    assert (headers['X-RateLimit-Type'], headers['X-RateLimit-Category']) == ('Daily-limit', 'Heavy')
    assert (headers['X-RateLimit-Limit'], headers['X-RateLimit-Remaining']) == ('1', '0')
    tomorrow = datetime.datetime.utcnow().date() + datetime.timedelta(days=1)
    assert headers['Retry-After'] == '%sT00:00:00Z' % tomorrow.isoformat()
    # Another host has a cap of its own.
    other = Api(zoom, api.session, zoom.control.issue_tokens('dave@example.com')['access_token'])
    assert other('POST', '/users/me/meetings', json=MEETING).status_code == 201


def test_every_answer_carries_rate_limit_headers(api):
    created = api('POST', '/users/me/meetings', json=MEETING)
    assert created.headers['X-RateLimit-Type'] == 'Daily-limit'
    assert created.headers['X-RateLimit-Remaining'] == '99'
    for response in (api('GET', '/users/me'), api('GET', '/meetings/1')):
        assert {'X-RateLimit-Category', 'X-RateLimit-Type', 'X-RateLimit-Limit',
                'X-RateLimit-Remaining'} <= set(response.headers)


def test_keep_alive_reuses_one_connection(zoom, api, http):
    zoom.control.clear_requests()
    api('GET', '/users/me')
    api('GET', '/users/me')
    with requests.Session() as other_session:
        Api(zoom, other_session, api.token)('GET', '/users/me')
    connections = [r['connection'] for r in zoom.control.requests_log()]
    assert connections[0] == connections[1] != connections[2]


# OAuth endpoints

def authorize_query(**changes):
    _verifier, challenge = make_pkce_pair()
    query = {'response_type': 'code', 'client_id': CLIENT_ID, 'redirect_uri': REDIRECT,
             'state': 's1', 'code_challenge': challenge, 'code_challenge_method': 'S256'}
    query.update(changes)
    return {k: v for k, v in query.items() if v is not None}


def test_consent_page_has_the_form_a_browser_test_needs(zoom, http):
    response = http.get(zoom.url + '/oauth/authorize', params=authorize_query())
    assert response.status_code == 200 and 'text/html' in response.headers['Content-Type']
    page = response.text
    for needle in ('Sign in to Zoom (fake)', 'id="email"', 'id="approve"', 'id="deny"',
                   'name="state" value="s1"'):
        assert needle in page
    assert page.index('id="approve"') < page.index('id="deny"')  # Enter in the email field approves


@pytest.mark.parametrize('changes', [
    {'client_id': 'someone-else'}, {'response_type': 'token'}, {'redirect_uri': 'not a url'},
    {'state': None}, {'code_challenge': None}, {'code_challenge_method': 'plain'},
])
def test_bad_authorize_requests_get_a_400_page(zoom, http, changes):
    response = http.get(zoom.url + '/oauth/authorize', params=authorize_query(**changes))
    assert response.status_code == 400 and '<html' in response.text


def test_deny_redirects_with_access_denied(zoom, http):
    form = dict(authorize_query(), decision='deny', email='')
    response = http.post(zoom.url + '/oauth/authorize', data=form, allow_redirects=False)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers['Location']).query) == {
        'error': ['access_denied'], 'state': ['s1']}


def test_approve_needs_an_email(zoom, http):
    form = dict(authorize_query(), decision='approve', email='not-an-email')
    response = http.post(zoom.url + '/oauth/authorize', data=form, allow_redirects=False)
    assert response.status_code == 400 and 'valid email' in response.text


def approve(zoom, http, verifier_challenge=None, email='erin@example.com'):
    verifier, challenge = verifier_challenge or make_pkce_pair()
    form = dict(authorize_query(code_challenge=challenge), decision='approve', email=email)
    response = http.post(zoom.url + '/oauth/authorize', data=form, allow_redirects=False)
    assert response.status_code == 302
    return parse_qs(urlsplit(response.headers['Location']).query)['code'][0], verifier


def token_call(zoom, http, form, auth=(CLIENT_ID, CLIENT_SECRET)):
    return http.post(zoom.url + '/oauth/token', data=form, auth=auth)


def test_token_exchange_answer(zoom, http):
    zoom.control.config(token_ttl=1234)
    code, verifier = approve(zoom, http)
    response = token_call(zoom, http, {'grant_type': 'authorization_code', 'code': code,
                                       'redirect_uri': REDIRECT, 'code_verifier': verifier})
    body = response.json()
    assert response.status_code == 200
    assert set(body) == {'access_token', 'token_type', 'refresh_token', 'expires_in', 'scope', 'api_url'}
    assert (body['token_type'], body['expires_in'], body['api_url']) == ('bearer', 1234, zoom.url)


def test_token_endpoint_refuses_an_unknown_client(zoom, http):
    response = token_call(zoom, http, {'grant_type': 'refresh_token', 'refresh_token': 'x'},
                          auth=(CLIENT_ID, 'wrong'))
    assert (response.status_code, response.json()) == (
        401, {'reason': 'Invalid client_id or client_secret', 'error': 'invalid_client'})


@pytest.mark.parametrize('problem', ['redirect_uri', 'code_verifier', 'expired', 'reused'])
def test_bad_code_exchanges_are_invalid_grant(zoom, http, problem):
    if problem == 'expired':
        zoom.control.config(code_ttl=0)
    code, verifier = approve(zoom, http)
    form = {'grant_type': 'authorization_code', 'code': code, 'redirect_uri': REDIRECT,
            'code_verifier': verifier}
    if problem == 'redirect_uri':
        form['redirect_uri'] = REDIRECT + '/other'
    elif problem == 'code_verifier':
        form['code_verifier'] = make_pkce_pair()[0]
    elif problem == 'reused':
        assert token_call(zoom, http, form).status_code == 200
    response = token_call(zoom, http, form)
    assert response.status_code == 400
    assert response.json()['error'] == 'invalid_grant' and response.json()['reason']


def test_unknown_grant_type(zoom, http):
    response = token_call(zoom, http, {'grant_type': 'password'})
    assert (response.status_code, response.json()['error']) == (400, 'unsupported_grant_type')


def test_refresh_rotation_on_the_wire(zoom, http):
    tokens = zoom.control.issue_tokens('fred@example.com')
    form = {'grant_type': 'refresh_token', 'refresh_token': tokens['refresh_token']}
    assert token_call(zoom, http, form).status_code == 200
    again = token_call(zoom, http, form)
    assert (again.status_code, again.json()) == (400, {'reason': 'Invalid Token!', 'error': 'invalid_grant'})


def test_revoke_answer_and_effect(zoom, http):
    tokens = zoom.control.issue_tokens('gina@example.com')
    response = http.post(zoom.url + '/oauth/revoke', data={'token': tokens['access_token']},
                         auth=(CLIENT_ID, CLIENT_SECRET))
    assert (response.status_code, response.json()) == (200, {'status': 'success'})
    assert Api(zoom, http, tokens['access_token'])('GET', '/users/me').status_code == 401


def test_new_users_get_zoom_like_profiles(zoom, http):
    tokens = zoom.control.issue_tokens('harry.potter@example.com')
    me = Api(zoom, http, tokens['access_token'])('GET', '/users/me').json()
    assert me['id'] == tokens['user_id'] and len(me['id']) == 22
    assert (me['first_name'], me['last_name'], me['timezone'], me['type']) == ('Harry', 'Potter', 'UTC', 2)
    assert me['account_id']
    assert zoom.control.issue_tokens('HARRY.potter@example.com')['user_id'] == me['id']


# Control API: faults, config, log, webhooks, persistence

def test_status_fault_answers_as_told_then_stops(api, zoom):
    zoom.control.fault(path='/v2/users/me', method='GET', status=502, body='<h1>proxy</h1>',
                       headers={'X-Test': 'yes'})
    faulty = api('GET', '/users/me')
    assert (faulty.status_code, faulty.text, faulty.headers['X-Test']) == (502, '<h1>proxy</h1>', 'yes')
    assert api('GET', '/users/me').status_code == 200


def test_fault_paths_are_globs_and_methods_filter(api, zoom):
    meeting = api.create()
    zoom.control.fault(path='/v2/meetings/*', method='DELETE', status=500, count=-1)
    assert api('GET', '/meetings/%s' % meeting['id']).status_code == 200
    assert api('DELETE', '/meetings/%s' % meeting['id']).status_code == 500
    assert api('DELETE', '/meetings/%s' % meeting['id']).status_code == 500
    zoom.control.clear_faults()
    assert api('DELETE', '/meetings/%s' % meeting['id']).status_code == 204


def test_drop_fault_closes_without_answer(api, zoom):
    zoom.control.fault(path='/v2/users/me/meetings', method='POST', drop=True)
    with pytest.raises(requests.ConnectionError):
        api('POST', '/users/me/meetings', json=MEETING)
    assert zoom.control.meetings() == []  # dropped before processing
    assert zoom.control.requests_log()[-1]['dropped'] is True


def test_malformed_fault_processes_then_sends_garbage(api, zoom):
    zoom.control.fault(path='/v2/users/me/meetings', method='POST', malformed=True)
    response = api('POST', '/users/me/meetings', json=MEETING)
    assert response.status_code == 201 and response.text.startswith('<html>')
    assert len(zoom.control.meetings()) == 1


def test_config_delay_slows_every_answer(api, zoom):
    zoom.control.config(delay_ms=200)
    started = time.time()
    api('GET', '/users/me')
    assert time.time() - started >= 0.2


def test_unknown_config_key_is_refused(zoom):
    with pytest.raises(requests.HTTPError):
        zoom.control.config(nonsense=1)


def test_request_log_records_api_calls_only(api, zoom):
    api('GET', '/users/me')
    api('GET', '/users/me', token='bad')
    zoom.control.meetings()
    log = zoom.control.requests_log()
    assert [(r['method'], r['path'], r['status']) for r in log] == [
        ('GET', '/v2/users/me', 200), ('GET', '/v2/users/me', 401)]
    assert log[0]['seq'] < log[1]['seq'] and log[0]['time'] <= log[1]['time']
    zoom.control.clear_requests()
    assert zoom.control.requests_log() == []


def test_fake_meetings_show_deleted_ones_and_registrants(api, zoom):
    meeting = api.create()
    api('POST', '/meetings/%s/registrants' % meeting['id'], json={'email': 'r@example.com', 'first_name': 'R'})
    api('DELETE', '/meetings/%s' % meeting['id'])
    [stored] = zoom.control.meetings()
    assert {'id', 'host_id', 'host_email', 'topic', 'agenda', 'start_time', 'duration', 'timezone',
            'join_url', 'status', 'deleted', 'registrants'} <= set(stored)
    assert stored['deleted'] is True and stored['host_email'] == 'carol.white@example.com'
    assert set(stored['registrants'][0]) >= {'id', 'email', 'join_url', 'status'}


def test_webhook_events_change_the_fake_state(api, zoom):
    meeting = api.create()
    # No receiver listens there: the fake still applies the event and says so.
    nowhere = 'http://127.0.0.1:9/hook'
    answer = zoom.control.send_webhook(nowhere, 'meeting.updated', meeting_id=meeting['id'],
                                       changes={'topic': 'Moved in Zoom'})
    assert answer['status'] is None and answer['event']['payload']['old_object']['topic'] == 'Contract'
    assert answer['event']['payload']['object'] == {'id': meeting['id'], 'topic': 'Moved in Zoom'}
    assert zoom.control.meeting(meeting['id'])['topic'] == 'Moved in Zoom'
    deleted = zoom.control.send_webhook(nowhere, 'meeting.deleted', meeting_id=meeting['id'])
    assert deleted['event']['payload']['object']['id'] == meeting['id']
    assert api('GET', '/meetings/%s' % meeting['id']).status_code == 404
    assert 'error' in zoom.control.send_webhook(nowhere, 'meeting.started', meeting_id='1')


def test_reset_forgets_everything(api, zoom):
    api.create()
    zoom.control.reset()
    assert zoom.control.meetings() == []
    assert api('GET', '/users/me').status_code == 401


def test_state_file_survives_a_restart(tmp_path):
    state_file = str(tmp_path / 'zoom-state.json')
    with start_fake_zoom(state_file=state_file) as first:
        tokens = first.control.issue_tokens('ivy@example.com')
        meeting = Api(first, requests.Session(), tokens['access_token']).create()
    with start_fake_zoom(state_file=state_file) as second:
        again = Api(second, requests.Session(), tokens['access_token'])('GET', '/meetings/%s' % meeting['id'])
        assert again.status_code == 200 and again.json()['topic'] == 'Contract'
        assert second.control.meeting(meeting['id'])['host_email'] == 'ivy@example.com'


# What the addon sends: its meeting bodies against Zoom's request schemas.

@pytest.mark.parametrize('options, licensed', [
    ({}, True),
    ({'waiting_room': 'on', 'passcode': 'on', 'join_before_host': 'on', 'mute_upon_entry': 'on',
      'auto_recording': 'cloud'}, True),
    ({'waiting_room': 'default', 'passcode': 'default', 'join_before_host': 'default',
      'mute_upon_entry': 'off', 'auto_recording': 'local'}, True),
    ({'auto_recording': 'cloud'}, False),
])
def test_the_addons_meeting_bodies_match_zoom_request_schemas(openapi, api, zoom, options, licensed):
    import datetime
    from zoom_scheduling.meeting_payload import meeting_payload
    body = meeting_payload('Demo', datetime.datetime(2031, 3, 4, 9, 30), 30, 'Europe/Brussels', 'Agenda',
                           'odoo-booking:abc-1', personal_links=licensed, options=options)
    resolver = jsonschema.RefResolver(base_uri='', referrer=openapi)
    for path, method in (('/users/{userId}/meetings', 'post'), ('/meetings/{meetingId}', 'patch')):
        schema = openapi['paths'][path][method]['requestBody']['content']['application/json']['schema']
        jsonschema.Draft4Validator(schema, resolver=resolver).validate(body)
        assert undeclared(openapi, schema, body) == [], (path, method)
    created = api.create(**body)
    settings = zoom.control.meeting(created['id'])['settings']
    for name in ('waiting_room', 'join_before_host', 'mute_upon_entry'):
        if options.get(name, 'default') != 'default':
            assert settings[name] == (options[name] == 'on')
    if not licensed:
        assert settings['auto_recording'] != 'cloud'
        assert created['password'] == body['password']
