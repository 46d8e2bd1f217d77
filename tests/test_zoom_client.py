"""The Zoom client against the fake Zoom over real HTTP."""
import base64
import datetime
import hashlib
import logging
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from freezegun import freeze_time

from conftest import CLIENT_ID, CLIENT_SECRET
from fake_zoom.testing import unused_port
from zoom_scheduling.zoom_api import (ZoomAuthError, ZoomBadRequest, ZoomClient, ZoomConfigError,
                                      ZoomError, ZoomNotFound, ZoomOAuth, ZoomRateLimited, ZoomRegistrationDisabled,
                                      ZoomTokens, ZoomUnavailable, make_pkce_pair, parse_retry_after, shared_session)

UTC = datetime.timezone.utc
REDIRECT = 'http://odoo.test/zoom/oauth/callback'
MEETING = {'topic': 'Intro call', 'type': 2, 'start_time': '2031-03-04T09:30:00Z',
           'duration': 45, 'timezone': 'Europe/Brussels', 'agenda': 'Booked in Odoo',
           'settings': {'approval_type': 0, 'join_before_host': False, 'waiting_room': True}}
MEETINGS_PATH = '/v2/users/me/meetings'


def wait_for_requests(zoom, count, method=None, path=None, timeout=5):
    """Wait until the fake logged `count` such requests (it answers late on purpose)."""
    deadline = time.time() + timeout
    while len(api_requests(zoom, method, path)) < count and time.time() < deadline:
        time.sleep(0.05)
    return api_requests(zoom, method, path)


def api_requests(zoom, method=None, path=None):
    return [r for r in zoom.control.requests_log()
            if (method is None or r['method'] == method) and (path is None or r['path'] == path)]


@pytest.fixture
def oauth(zoom):
    return ZoomOAuth(CLIENT_ID, CLIENT_SECRET, oauth_base=zoom.url)


def connect(zoom, oauth, email='bob.jones@example.com'):
    """The whole consent dance; returns (tokens, verifier, code)."""
    verifier, challenge = make_pkce_pair()
    location = zoom.control.approve_consent(oauth.authorize_url(REDIRECT, 'st-1', challenge), email)
    code = parse_qs(urlsplit(location).query)['code'][0]
    return oauth.exchange_code(code, REDIRECT, verifier), verifier, code


# OAuth

def test_pkce_pair_uses_s256_and_a_long_verifier():
    verifier, challenge = make_pkce_pair()
    assert 43 <= len(verifier) <= 128
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b'=')
    assert challenge == expected.decode()
    assert make_pkce_pair()[0] != verifier


def test_authorize_url_carries_state_and_pkce(oauth, zoom):
    url = oauth.authorize_url(REDIRECT, 'state-42', 'chal')
    assert url.startswith(zoom.url + '/oauth/authorize?')
    query = parse_qs(urlsplit(url).query)
    assert query == {'response_type': ['code'], 'client_id': [CLIENT_ID], 'redirect_uri': [REDIRECT],
                     'state': ['state-42'], 'code_challenge': ['chal'],
                     'code_challenge_method': ['S256']}


def test_exchange_code_gives_tokens_that_reach_the_api(zoom, oauth, make_client):
    tokens, _verifier, _code = connect(zoom, oauth)
    assert tokens.access_token and tokens.refresh_token
    assert tokens.api_url == zoom.url
    assert not tokens.expires_soon()
    me = make_client(tokens.access_token, api_base=tokens.api_url + '/v2').get_me()
    assert me['email'] == 'bob.jones@example.com'
    assert len(me['id']) == 22


def test_consent_redirect_keeps_state(zoom, oauth):
    _verifier, challenge = make_pkce_pair()
    location = zoom.control.approve_consent(oauth.authorize_url(REDIRECT, 'xyz', challenge), 'c@example.com')
    assert location.startswith(REDIRECT + '?')
    assert parse_qs(urlsplit(location).query)['state'] == ['xyz']


def test_exchange_with_wrong_pkce_verifier_is_auth_error(zoom, oauth):
    _verifier, challenge = make_pkce_pair()
    location = zoom.control.approve_consent(oauth.authorize_url(REDIRECT, 's', challenge), 'd@example.com')
    code = parse_qs(urlsplit(location).query)['code'][0]
    with pytest.raises(ZoomAuthError) as info:
        oauth.exchange_code(code, REDIRECT, make_pkce_pair()[0])
    assert info.value.code == 'invalid_grant'
    assert 'reconnect your Zoom account' in info.value.message


def test_authorization_code_works_only_once(zoom, oauth):
    _tokens, verifier, code = connect(zoom, oauth)
    with pytest.raises(ZoomAuthError):
        oauth.exchange_code(code, REDIRECT, verifier)


def test_refresh_rotates_and_the_old_refresh_token_dies(zoom, oauth, make_client):
    tokens, _v, _c = connect(zoom, oauth)
    fresh = oauth.refresh(tokens.refresh_token)
    assert fresh.refresh_token != tokens.refresh_token
    assert fresh.access_token != tokens.access_token
    with pytest.raises(ZoomAuthError):
        oauth.refresh(tokens.refresh_token)
    # Like Zoom, the previous access token lives until it expires.
    assert make_client(tokens.access_token).get_me()['email'] == 'bob.jones@example.com'
    assert make_client(fresh.access_token).get_me()['email'] == 'bob.jones@example.com'
    assert oauth.refresh(fresh.refresh_token).refresh_token != fresh.refresh_token


def test_wrong_client_secret_is_config_error(zoom):
    bad = ZoomOAuth(CLIENT_ID, 'not-the-secret', oauth_base=zoom.url)
    with pytest.raises(ZoomConfigError) as info:
        bad.refresh('whatever')
    assert isinstance(info.value, ZoomBadRequest)
    assert info.value.status == 401
    assert 'not-the-secret' not in str(info.value)


def test_revoke_kills_access_and_refresh_tokens(zoom, oauth, make_client):
    tokens, _v, _c = connect(zoom, oauth)
    oauth.revoke(tokens.access_token)
    with pytest.raises(ZoomAuthError):
        make_client(tokens.access_token).get_me()
    with pytest.raises(ZoomAuthError):
        oauth.refresh(tokens.refresh_token)


def test_token_requests_never_put_tokens_in_the_url(zoom, oauth):
    tokens, _v, _c = connect(zoom, oauth)
    oauth.refresh(tokens.refresh_token)
    token_calls = api_requests(zoom, 'POST', '/oauth/token')
    assert len(token_calls) == 2
    assert all(call['query'] == '' for call in token_calls)


def test_oauth_unreachable_is_unavailable():
    oauth = ZoomOAuth(CLIENT_ID, CLIENT_SECRET, oauth_base='http://127.0.0.1:%s' % unused_port(),
                      timeout=(0.5, 0.5))
    with pytest.raises(ZoomUnavailable) as info:
        oauth.refresh('some-refresh-token')
    assert info.value.retryable
    assert 'some-refresh-token' not in str(info.value)


def test_token_endpoint_garbage_is_unavailable(zoom, oauth):
    zoom.control.fault(path='/oauth/token', malformed=True)
    with pytest.raises(ZoomUnavailable) as info:
        connect(zoom, oauth)
    assert 'unexpected response' in str(info.value)


def test_expires_soon_follows_the_clock():
    with freeze_time('2030-01-01 12:00:00') as frozen:
        tokens = ZoomTokens.from_response({'access_token': 'a', 'refresh_token': 'r',
                                           'expires_in': 3599, 'scope': 's'})
        assert tokens.api_url is None
        assert not tokens.expires_soon()
        frozen.tick(datetime.timedelta(seconds=3599 - 301))
        assert not tokens.expires_soon()
        frozen.tick(datetime.timedelta(seconds=2))
        assert tokens.expires_soon()
        assert not tokens.expires_soon(margin=60)


def test_tokens_repr_hides_the_secrets():
    tokens = ZoomTokens('secret-access', 'secret-refresh', 1.0, 'scope', None)
    assert 'secret' not in repr(tokens)


def test_incomplete_token_response_is_rejected():
    assert ZoomTokens.from_response({'access_token': 'a', 'expires_in': 10}) is None


# REST calls

def test_get_me(client, alice):
    me = client.get_me()
    assert me['id'] == alice['user_id']
    assert (me['first_name'], me['last_name'], me['timezone'], me['type']) == ('Alice', 'Smith', 'UTC', 2)


def test_create_meeting_returns_text_id_and_links(client, zoom):
    meeting = client.create_meeting(MEETING)
    assert isinstance(meeting['id'], str) and meeting['id'].isdigit()
    assert meeting['join_url'].startswith(zoom.url + '/j/' + meeting['id'])
    assert meeting['start_url'] and meeting['password']
    assert 'uuid' not in meeting and 'host_id' not in meeting
    stored = zoom.control.meeting(meeting['id'])
    assert (stored['topic'], stored['agenda'], stored['duration']) == ('Intro call', 'Booked in Odoo', 45)
    assert stored['start_time'] == '2031-03-04T09:30:00Z'


def test_get_meeting_adds_uuid_host_and_status(client, alice):
    created = client.create_meeting(MEETING)
    meeting = client.get_meeting(created['id'])
    assert meeting['id'] == created['id']
    assert meeting['host_id'] == alice['user_id']
    assert meeting['uuid'] and meeting['status'] == 'waiting'
    assert meeting['settings']['approval_type'] == 0


def test_update_meeting_changes_zoom(client, zoom):
    meeting_id = client.create_meeting(MEETING)['id']
    assert client.update_meeting(meeting_id, {'start_time': '2031-03-05T10:00:00Z', 'duration': 30}) is None
    stored = zoom.control.meeting(meeting_id)
    assert (stored['start_time'], stored['duration'], stored['topic']) == ('2031-03-05T10:00:00Z', 30, 'Intro call')


def test_delete_meeting_then_again_reports_already_gone(client, zoom):
    meeting_id = client.create_meeting(MEETING)['id']
    assert client.delete_meeting(meeting_id, notify=True) is True
    stored = zoom.control.meeting(meeting_id)
    assert stored['deleted'] and stored['cancel_meeting_reminder'] is True
    assert client.delete_meeting(meeting_id) is False


def test_delete_meeting_without_notify_asks_zoom_not_to_mail(client, zoom):
    meeting_id = client.create_meeting(MEETING)['id']
    client.delete_meeting(meeting_id)
    assert zoom.control.meeting(meeting_id)['cancel_meeting_reminder'] is False


def test_list_meetings_follows_every_page(client, zoom):
    ids = {client.create_meeting(dict(MEETING, topic='m%d' % i))['id'] for i in range(5)}
    zoom.control.clear_requests()
    meetings = client.list_meetings(page_size=2)
    assert {m['id'] for m in meetings} == ids
    assert all(m['agenda'] == 'Booked in Odoo' for m in meetings)
    assert len(api_requests(zoom, 'GET', MEETINGS_PATH)) == 3


def test_list_meetings_upcoming_leaves_out_past_ones(client):
    client.create_meeting(dict(MEETING, start_time='2001-01-01T10:00:00Z'))
    future = client.create_meeting(MEETING)
    assert [m['id'] for m in client.list_meetings()] == [future['id']]
    assert len(client.list_meetings(meeting_type='scheduled')) == 2


def test_registrants_get_their_own_join_url(client, zoom):
    meeting_id = client.create_meeting(MEETING)['id']
    ann = client.add_registrant(meeting_id, 'ann@example.com', 'Ann', 'Lee')
    ben = client.add_registrant(meeting_id, 'ben@example.com', 'Ben')
    assert ann['registrant_id'] != ben['registrant_id']
    assert ann['join_url'] != ben['join_url']
    listed = client.list_registrants(meeting_id)
    assert {(r['email'], r['join_url']) for r in listed} == {
        ('ann@example.com', ann['join_url']), ('ben@example.com', ben['join_url'])}


def test_cancel_registrants_in_batches_of_thirty(client, zoom):
    meeting_id = client.create_meeting(MEETING)['id']
    people = [client.add_registrant(meeting_id, 'p%d@example.com' % i, 'P%d' % i) for i in range(31)]
    zoom.control.clear_requests()
    client.cancel_registrants(meeting_id, [{'id': p['registrant_id'], 'email': 'p%d@example.com' % i}
                                           for i, p in enumerate(people)])
    assert len(api_requests(zoom, 'PUT')) == 2
    statuses = {r['status'] for r in zoom.control.meeting(meeting_id)['registrants']}
    assert statuses == {'cancelled'}
    assert client.list_registrants(meeting_id) == []


def test_batch_registration_adds_thirty_a_call_each_with_its_link(client, zoom):
    meeting_id = client.create_meeting(MEETING)['id']
    people = [{'email': 'P%d@example.com' % i, 'first_name': 'P%d' % i, 'last_name': ''} for i in range(31)]
    zoom.control.clear_requests()
    links = client.add_registrants(meeting_id, people)
    calls = api_requests(zoom, 'POST', '/v2/meetings/%s/batch_registrants' % meeting_id)
    assert len(calls) == 2 and len(api_requests(zoom)) == 2
    assert set(links) == {'p%d@example.com' % i for i in range(31)}
    held = {r['email']: r for r in zoom.control.meeting(meeting_id)['registrants']}
    assert all(links[email]['join_url'] == held[email]['join_url'] for email in links)
    assert all(links[email]['registrant_id'] == held[email]['id'] for email in links)


def test_batch_registration_of_a_past_meeting_is_refused(client):
    meeting_id = client.create_meeting(dict(MEETING, start_time='2001-01-01T10:00:00Z'))['id']
    with pytest.raises(ZoomBadRequest) as info:
        client.add_registrants(meeting_id, [{'email': 'ann@example.com', 'first_name': 'Ann'}])
    assert 'Meeting is over' in str(info.value)


def test_batch_registration_with_manual_approval_has_no_link(client):
    meeting_id = client.create_meeting(dict(MEETING, settings={'approval_type': 1}))['id']
    with pytest.raises(ZoomBadRequest) as info:
        client.add_registrants(meeting_id, [{'email': 'ann@example.com', 'first_name': 'Ann'}])
    assert 'manual approval' in str(info.value)


def test_add_registrant_without_registration_is_a_typed_refusal(client):
    meeting_id = client.create_meeting(dict(MEETING, settings={'approval_type': 2}))['id']
    with pytest.raises(ZoomRegistrationDisabled) as info:
        client.add_registrant(meeting_id, 'ann@example.com', 'Ann')
    # Not a missing meeting: the meeting is there, only personal links are not.
    assert not isinstance(info.value, ZoomNotFound)
    assert not info.value.retryable
    assert 'registration needs a licensed Zoom account' in str(info.value)


def test_add_registrant_with_manual_approval_has_no_link(client):
    meeting_id = client.create_meeting(dict(MEETING, settings={'approval_type': 1}))['id']
    with pytest.raises(ZoomBadRequest) as info:
        client.add_registrant(meeting_id, 'ann@example.com', 'Ann')
    assert 'manual approval' in str(info.value)


# Errors

def test_missing_meeting_is_not_found(client):
    with pytest.raises(ZoomNotFound) as info:
        client.get_meeting('81234567890')
    assert (info.value.status, info.value.code) == (404, 3001)
    assert str(info.value) == info.value.message == 'This meeting no longer exists in Zoom.'


def test_another_hosts_meeting_is_not_found(client, zoom, make_client):
    meeting_id = client.create_meeting(MEETING)['id']
    other = make_client(zoom.control.issue_tokens('eve@example.com')['access_token'])
    with pytest.raises(ZoomNotFound):
        other.get_meeting(meeting_id)
    assert other.delete_meeting(meeting_id) is False
    assert not zoom.control.meeting(meeting_id)['deleted']


def test_validation_error_carries_zoom_field_errors(client):
    with pytest.raises(ZoomBadRequest) as info:
        client.create_meeting(dict(MEETING, topic='x' * 201, duration=-5))
    error = info.value
    assert (error.status, error.code) == (400, 300)
    assert {e['field'] for e in error.errors} == {'topic', 'duration'}
    assert 'topic' in error.message and not error.retryable


def test_host_not_allowed_to_schedule_gets_a_plain_message(client, zoom):
    zoom.control.fault(path=MEETINGS_PATH, method='POST', status=400, body={
        'code': 3161, 'message': 'Your user account is not allowed meeting hosting and scheduling capabilities.'})
    with pytest.raises(ZoomBadRequest) as info:
        client.create_meeting(MEETING)
    assert info.value.code == 3161
    assert str(info.value) == 'This Zoom account is not allowed to host or schedule meetings.'


def test_invalid_token_is_auth_error_without_the_token(make_client):
    with pytest.raises(ZoomAuthError) as info:
        make_client('stolen-looking-token').get_me()
    assert (info.value.status, info.value.code) == (401, 124)
    assert 'stolen-looking-token' not in str(info.value)
    assert 'reconnect your Zoom account' in str(info.value)


def test_expired_token_is_auth_error(zoom, make_client):
    zoom.control.config(token_ttl=0)
    tokens = zoom.control.issue_tokens('old@example.com')
    with pytest.raises(ZoomAuthError):
        make_client(tokens['access_token']).get_me()


def test_revoked_user_is_auth_error(zoom, client):
    assert zoom.control.revoke('alice.smith@example.com') == 2  # access + refresh
    with pytest.raises(ZoomAuthError):
        client.get_me()


def test_every_error_is_a_zoom_error():
    for cls in (ZoomAuthError, ZoomNotFound, ZoomRateLimited, ZoomUnavailable, ZoomBadRequest, ZoomConfigError):
        assert issubclass(cls, ZoomError)


# Retry rules

def test_503_on_get_is_retried_with_backoff(client, zoom, sleeps):
    zoom.control.fault(path='/v2/users/me', status=503, count=2)
    assert client.get_me()['email'] == 'alice.smith@example.com'
    assert sleeps.delays == [0.01, 0.02]
    assert [r['status'] for r in api_requests(zoom, 'GET', '/v2/users/me')] == [503, 503, 200]


def test_persistent_503_on_get_gives_up_after_max_retries(client, zoom, sleeps):
    zoom.control.fault(path='/v2/users/me', status=503, count=-1)
    with pytest.raises(ZoomUnavailable) as info:
        client.get_me()
    assert info.value.status == 503 and info.value.retryable
    assert len(api_requests(zoom, 'GET', '/v2/users/me')) == 3
    assert sleeps.delays == [0.01, 0.02]


def test_502_on_patch_is_retried(client, zoom, sleeps):
    meeting_id = client.create_meeting(MEETING)['id']
    zoom.control.fault(path='/v2/meetings/%s' % meeting_id, method='PATCH', status=502)
    client.update_meeting(meeting_id, {'topic': 'Second try'})
    assert zoom.control.meeting(meeting_id)['topic'] == 'Second try'
    assert [r['status'] for r in api_requests(zoom, 'PATCH')] == [502, 204]
    assert sleeps.delays == [0.01]


def test_503_on_add_registrant_is_not_retried(client, zoom, sleeps):
    meeting_id = client.create_meeting(MEETING)['id']
    zoom.control.fault(path='/v2/meetings/*/registrants', method='POST', status=503)
    with pytest.raises(ZoomUnavailable) as info:
        client.add_registrant(meeting_id, 'ann@example.com', 'Ann')
    assert 'registered as soon as Zoom answers' in str(info.value)
    assert len(api_requests(zoom, 'POST', '/v2/meetings/%s/registrants' % meeting_id)) == 1
    assert sleeps.delays == []


def test_503_on_create_is_not_retried(client, zoom, sleeps):
    zoom.control.fault(path=MEETINGS_PATH, method='POST', status=503)
    with pytest.raises(ZoomUnavailable) as info:
        client.create_meeting(MEETING)
    assert 'created as soon as Zoom answers' in str(info.value)
    assert len(api_requests(zoom, 'POST', MEETINGS_PATH)) == 1
    assert sleeps.delays == []


def test_lost_create_response_is_unavailable_and_zoom_has_one_meeting(client, zoom, sleeps):
    zoom.control.fault(path=MEETINGS_PATH, method='POST', drop_after_processing=True)
    with pytest.raises(ZoomUnavailable):
        client.create_meeting(MEETING)
    assert len(zoom.control.meetings()) == 1
    assert len(api_requests(zoom, 'POST', MEETINGS_PATH)) == 1
    assert sleeps.delays == []


def test_create_timeout_is_unavailable_and_not_retried(client, zoom, make_client):
    zoom.control.fault(path=MEETINGS_PATH, method='POST', delay=1.0)
    slow = make_client(client.access_token, timeout=(1, 0.3))
    with pytest.raises(ZoomUnavailable) as info:
        slow.create_meeting(MEETING)
    assert '(timeout)' in str(info.value)
    # Zoom went on and created it: the reason creations are never retried.
    assert [r['status'] for r in wait_for_requests(zoom, 1, 'POST', MEETINGS_PATH)] == [201]
    assert len(zoom.control.meetings()) == 1


def test_dropped_connection_on_get_is_retried(client, zoom, sleeps):
    zoom.control.fault(path='/v2/users/me', drop=True)
    assert client.get_me()['id']
    assert sleeps.delays == [0.01]


def test_timeout_on_get_is_retried(zoom, alice, make_client, sleeps):
    zoom.control.fault(path='/v2/users/me', delay=1.0)
    slow = make_client(alice['access_token'], timeout=(1, 0.3))
    assert slow.get_me()['id'] == alice['user_id']
    assert sleeps.delays == [0.01]
    assert len(wait_for_requests(zoom, 2, 'GET', '/v2/users/me')) == 2


def test_delete_retry_after_lost_response_counts_as_done(client, zoom):
    meeting_id = client.create_meeting(MEETING)['id']
    zoom.control.fault(path='/v2/meetings/%s' % meeting_id, method='DELETE', drop_after_processing=True)
    assert client.delete_meeting(meeting_id) is False  # the retry found it gone
    assert zoom.control.meeting(meeting_id)['deleted']


def test_per_second_429_is_retried_after_retry_after_even_on_create(client, zoom, sleeps):
    zoom.control.fault(path=MEETINGS_PATH, method='POST', status=429, headers={
        'Retry-After': '2', 'X-RateLimit-Type': 'QPS'},
        body={'code': 429, 'message': "You have reached the maximum per-second rate limit for this API."})
    meeting = client.create_meeting(MEETING)
    assert sleeps.delays and 1.9 <= sleeps.delays[0] <= 2.0
    assert len(sleeps.delays) == 1
    assert [m['id'] for m in zoom.control.meetings()] == [meeting['id']]


def test_per_second_429_with_long_retry_after_is_raised(client, zoom, sleeps):
    zoom.control.fault(path='/v2/users/me', status=429, headers={'Retry-After': '30', 'X-RateLimit-Type': 'QPS'})
    with pytest.raises(ZoomRateLimited) as info:
        client.get_me()
    assert not info.value.daily
    assert 29 <= info.value.retry_after <= 30
    assert sleeps.delays == []


def test_per_second_429_without_retry_after_backs_off(client, zoom, sleeps):
    zoom.control.fault(path='/v2/users/me', status=429, body={'code': 429, 'message': 'Too many requests.'})
    assert client.get_me()['id']
    assert sleeps.delays == [0.01]


def test_daily_cap_is_not_retried_and_says_when_to_resume(client, zoom, sleeps):
    zoom.control.config(daily_limit=2)
    meeting_id = client.create_meeting(MEETING)['id']
    client.update_meeting(meeting_id, {'topic': 'Renamed'})  # updates count too
    with pytest.raises(ZoomRateLimited) as info:
        client.create_meeting(MEETING)
    error = info.value
    now = datetime.datetime.now(UTC)
    midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(0), UTC)
    assert error.daily and error.retry_at == midnight
    assert 0 < error.retry_after <= 86400
    assert error.retry_at.tzinfo is not None
    assert sleeps.delays == []
    assert len(api_requests(zoom, 'POST', MEETINGS_PATH)) == 2
    with pytest.raises(ZoomRateLimited):
        client.update_meeting(meeting_id, {'topic': 'Again'})
    assert client.get_meeting(meeting_id)['topic'] == 'Renamed'  # reads still work


def test_daily_cap_recognised_from_the_message_alone(client, zoom, sleeps):
    zoom.control.fault(path=MEETINGS_PATH, method='POST', status=429, body={
        'code': 429, 'message': 'You have exceeded the daily rate limit (100) of Meeting '
                                'Create/Update API requests permitted for this particular user.'})
    with pytest.raises(ZoomRateLimited) as info:
        client.create_meeting(MEETING)
    assert info.value.daily
    assert info.value.retry_at.time() == datetime.time(0)
    assert sleeps.delays == []


@pytest.mark.parametrize('header, seconds', [
    ('120', 120),
    ('Wed, 01 Jan 2031 00:02:00 GMT', 120),
    ('2031-01-01T00:02:00Z', 120),
    ('2031-01-01T01:02:00+01:00', 120),
])
def test_retry_after_formats(header, seconds):
    now = datetime.datetime(2031, 1, 1, 0, 0, tzinfo=UTC)
    assert parse_retry_after(header, now) == now + datetime.timedelta(seconds=seconds)


def test_unreadable_retry_after_is_ignored():
    assert parse_retry_after('soon', datetime.datetime.now(UTC)) is None
    assert parse_retry_after(None) is None


def test_garbage_body_is_unavailable(client, zoom):
    zoom.control.fault(path='/v2/users/me', malformed=True)
    with pytest.raises(ZoomUnavailable) as info:
        client.get_me()
    assert 'unexpected response' in str(info.value)


def test_truncated_create_body_is_unavailable(client, zoom):
    zoom.control.fault(path=MEETINGS_PATH, method='POST', malformed='truncated')
    with pytest.raises(ZoomUnavailable):
        client.create_meeting(MEETING)


def test_create_answer_without_join_url_is_unavailable(client, zoom):
    zoom.control.fault(path=MEETINGS_PATH, method='POST', status=201, body={'id': 81234567890})
    with pytest.raises(ZoomUnavailable) as info:
        client.create_meeting(MEETING)
    assert 'unexpected response' in str(info.value)


def test_zoom_unreachable_on_create(alice, make_client):
    client = make_client(alice['access_token'], api_base='http://127.0.0.1:%s/v2' % unused_port(),
                         timeout=(0.5, 0.5))
    with pytest.raises(ZoomUnavailable) as info:
        client.create_meeting(MEETING)
    assert str(info.value) == ("Zoom is not reachable right now (connection failed). "
                               "The meeting will be created as soon as Zoom answers.")


# Connections and logs

def test_clients_in_one_thread_share_keep_alive_connections(zoom, alice):
    first = ZoomClient(alice['access_token'], api_base=zoom.url + '/v2')
    second = ZoomClient(alice['access_token'], api_base=zoom.url + '/v2')
    first.get_me()
    second.get_me()
    second.list_meetings()
    connections = {r['connection'] for r in api_requests(zoom)}
    assert len(connections) == 1


def test_threads_one_after_another_reuse_one_connection(zoom, alice):
    """Odoo's threaded server serves each request on a new thread: the
    keep-alive pool is the process's, not the thread's."""
    def call():
        ZoomClient(alice['access_token'], api_base=zoom.url + '/v2').get_me()
    for _ in range(3):
        thread = threading.Thread(target=call)
        thread.start()
        thread.join()
    connections = {r['connection'] for r in api_requests(zoom)}
    assert len(api_requests(zoom)) == 3
    assert len(connections) == 1


def test_shared_session_keeps_no_cookie_between_users(zoom, alice):
    zoom.control.fault(path='/v2/users/me', status=200, body={'id': 'x'},
                       headers={'Set-Cookie': 'zm_session=alice; Path=/'})
    ZoomClient(alice['access_token'], api_base=zoom.url + '/v2').get_me()
    assert len(shared_session().cookies) == 0


def test_shared_session_is_per_thread():
    sessions = []
    thread = threading.Thread(target=lambda: sessions.append(shared_session()))
    thread.start()
    thread.join()
    assert shared_session() is shared_session()
    assert sessions[0] is not shared_session()


def test_logs_name_the_call_but_never_the_token(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.get_me()
    with pytest.raises(ZoomNotFound):
        client.get_meeting('81234567890')
    assert 'GET /users/me -> 200' in caplog.text
    assert 'GET /meetings/81234567890 -> 404' in caplog.text
    assert client.access_token not in caplog.text


def test_meeting_options_left_to_the_host_are_not_sent():
    from zoom_scheduling.meeting_payload import meeting_settings
    settings, top = meeting_settings({'waiting_room': 'default', 'join_before_host': 'default',
                                      'mute_upon_entry': 'default', 'auto_recording': 'default',
                                      'passcode': 'default'}, True, 'Ab12cd34')
    assert (settings, top) == ({}, {})
    settings, top = meeting_settings({'passcode': 'default', 'auto_recording': 'cloud'}, False, 'Ab12cd34')
    assert top == {'password': 'Ab12cd34'}  # a Basic host's shared link always has a passcode
    assert 'auto_recording' not in settings
