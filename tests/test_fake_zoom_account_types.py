"""The fake Zoom's account types: Basic (1) and Licensed (2) users, and what
a Basic host's meetings refuse (registration, so personal links)."""
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from conftest import CLIENT_ID, CLIENT_SECRET
from fake_zoom.testing import _FormReader
from zoom_scheduling.zoom_api import ZoomClient, ZoomOAuth, ZoomRegistrationDisabled, make_pkce_pair

REDIRECT = 'http://odoo.test/zoom/oauth/callback'
MEETING = {'topic': 'Types', 'type': 2, 'start_time': '2031-03-04T09:30:00Z', 'duration': 30,
           'timezone': 'UTC', 'settings': {'approval_type': 0}}


def client(zoom, email, user_type=None, account_id=None):
    token = zoom.control.issue_tokens(email, user_type=user_type, account_id=account_id)['access_token']
    return ZoomClient(token, api_base=zoom.url + '/v2')


def authorize_url(zoom):
    oauth = ZoomOAuth(CLIENT_ID, CLIENT_SECRET, oauth_base=zoom.url)
    verifier, challenge = make_pkce_pair()
    return oauth, verifier, oauth.authorize_url(REDIRECT, 'state-1', challenge)


def test_consent_page_offers_basic_or_licensed_licensed_first(zoom):
    _, _, url = authorize_url(zoom)
    page = requests.get(url, timeout=10).text
    assert '<select id="user_type" name="user_type">' in page
    assert '<option value="2" selected>Licensed' in page
    assert '<option value="1">Basic' in page


@pytest.mark.parametrize('user_type, expected', [(None, 2), (1, 1), (2, 2)])
def test_users_me_answers_the_type_chosen_on_the_consent_page(zoom, user_type, expected):
    oauth, verifier, url = authorize_url(zoom)
    location = zoom.control.approve_consent(url, 'pat@example.com', user_type=user_type)
    code = parse_qs(urlsplit(location).query)['code'][0]
    tokens = oauth.exchange_code(code, REDIRECT, verifier)
    me = ZoomClient(tokens.access_token, api_base=zoom.url + '/v2').get_me()
    assert me['type'] == expected


def test_consent_with_an_unknown_type_is_refused_with_a_reason(zoom):
    _, _, url = authorize_url(zoom)
    form = _FormReader()
    form.feed(requests.get(url, timeout=10).text)
    answer = requests.post(zoom.url + form.action, allow_redirects=False, timeout=10, data=dict(
        form.hidden, email='pat@example.com', decision='approve', user_type='3'))
    assert answer.status_code == 400
    assert 'Choose Basic or Licensed.' in answer.text


def test_tokens_control_sets_the_type_and_refuses_nonsense(zoom):
    assert client(zoom, 'b@example.com', user_type=1).get_me()['type'] == 1
    assert client(zoom, 'b@example.com').get_me()['type'] == 1  # unchanged without user_type
    assert client(zoom, 'l@example.com').get_me()['type'] == 2
    answer = requests.post(zoom.url + '/_fake/tokens', json={'email': 'x@example.com', 'user_type': 'pro'},
                           timeout=10)
    assert answer.status_code == 400


def test_basic_hosts_meeting_has_no_registration_and_refuses_registrants(zoom):
    basic = client(zoom, 'dan@example.com', user_type=1)
    created = basic.create_meeting(MEETING)
    assert 'registration_url' not in created
    assert created['settings']['approval_type'] == 2
    assert created['password']
    with pytest.raises(ZoomRegistrationDisabled) as caught:
        basic.add_registrant(created['id'], 'erin@example.org', 'Erin')
    assert caught.value.status == 404
    answer = requests.post(zoom.url + '/v2/meetings/%s/registrants' % created['id'], timeout=10,
                           headers={'Authorization': 'Bearer %s' % basic.access_token},
                           json={'email': 'erin@example.org', 'first_name': 'Erin'})
    assert answer.json() == {'code': 404, 'message': 'Registration has not been enabled for this meeting: %s.'
                             % created['id']}


def test_a_downgraded_host_loses_registration_on_existing_meetings(zoom):
    licensed = client(zoom, 'ann@example.com')
    created = licensed.create_meeting(MEETING)
    assert created['registration_url']
    assert licensed.add_registrant(created['id'], 'erin@example.org', 'Erin')['join_url']
    zoom.control.issue_tokens('ann@example.com', user_type=1)
    with pytest.raises(ZoomRegistrationDisabled):
        licensed.add_registrant(created['id'], 'frank@example.org', 'Frank')


def alternative_hosts_meeting(names):
    return dict(MEETING, settings={'approval_type': 0, 'alternative_hosts': names})


def test_alternative_hosts_must_be_licensed_users_of_the_hosts_account(zoom):
    host = client(zoom, 'ann@example.com', account_id='acme')
    client(zoom, 'ben@example.com', account_id='acme')
    client(zoom, 'bea@example.com', user_type=1, account_id='acme')
    client(zoom, 'out@example.com')  # a Zoom account of their own
    created = host.create_meeting(alternative_hosts_meeting('ben@example.com'))
    assert zoom.control.meeting(created['id'])['settings']['alternative_hosts'] == 'ben@example.com'
    for name in ('bea@example.com', 'out@example.com', 'nobody@example.com'):
        answer = requests.post(zoom.url + '/v2/users/me/meetings', timeout=10, json=alternative_hosts_meeting(name),
                               headers={'Authorization': 'Bearer %s' % host.access_token})
        body = answer.json()
        assert (answer.status_code, body['code']) == (400, 300), name
        assert body['errors'][0]['field'] == 'settings.alternative_hosts'
        assert name in body['errors'][0]['message']
    patch = requests.patch(zoom.url + '/v2/meetings/%s' % created['id'], timeout=10,
                           json={'settings': {'alternative_hosts': 'out@example.com'}},
                           headers={'Authorization': 'Bearer %s' % host.access_token})
    assert patch.status_code == 400


def test_a_basic_host_has_no_alternative_hosts(zoom):
    basic = client(zoom, 'cy@example.com', user_type=1, account_id='acme')
    client(zoom, 'ben@example.com', account_id='acme')
    answer = requests.post(zoom.url + '/v2/users/me/meetings', timeout=10,
                           json=alternative_hosts_meeting('ben@example.com'),
                           headers={'Authorization': 'Bearer %s' % basic.access_token})
    assert answer.status_code == 400
