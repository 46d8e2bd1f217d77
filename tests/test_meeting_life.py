"""A meeting's life after it is planned (zoom_scheduling.meeting_life) and
attendance from Zoom's participant notifications (zoom_scheduling.attendance):
the decisions both addons store and act on, on plain data; and the co-hosts
an update leaves out (zoom_scheduling.meeting_payload)."""
from datetime import datetime, timedelta, timezone

from freezegun import freeze_time

from zoom_scheduling import attendance, meeting_life
from zoom_scheduling.meeting_payload import meeting_payload, without_refused_co_hosts
from zoom_scheduling.zoom_api import (ZoomAuthError, ZoomBadRequest, ZoomRateLimited, ZoomRegistrationDisabled,
                                      ZoomUnavailable)

NOW = datetime(2026, 11, 27, 10, 0)


def test_retries_back_off_from_one_minute_to_six_hours_then_stay_there():
    delays = [meeting_life.next_retry(ZoomUnavailable("down"), attempts, NOW) - NOW for attempts in range(0, 9)]
    assert [delay.total_seconds() / 60 for delay in delays] == [1, 1, 5, 15, 60, 180, 360, 360, 360]


def test_a_lost_authorisation_waits_a_day_and_zoom_s_daily_cap_waits_for_its_reset():
    assert meeting_life.next_retry(ZoomAuthError("gone"), 1, NOW) == NOW + timedelta(days=1)
    reset = datetime(2026, 11, 28, 1, 0, tzinfo=timezone(timedelta(hours=1)))  # 00:00 UTC
    capped = ZoomRateLimited(daily=True, retry_at=reset)
    assert meeting_life.next_retry(capped, 1, NOW) == datetime(2026, 11, 28, 0, 0)
    # A passing rate limit without a time backs off like an outage.
    assert meeting_life.next_retry(ZoomRateLimited(), 2, NOW) == NOW + timedelta(minutes=5)


def test_only_zoom_s_refusal_of_the_request_itself_is_permanent():
    assert meeting_life.is_permanent(ZoomBadRequest("bad"))
    assert meeting_life.is_permanent(ZoomRegistrationDisabled("no registration"))
    assert not meeting_life.is_permanent(ZoomRateLimited())
    assert not meeting_life.is_permanent(ZoomUnavailable("down"))
    assert not meeting_life.is_permanent(ZoomAuthError("gone"))


def test_only_this_database_s_markers_are_found():
    listed = [
        {"id": 1, "agenda": "Call\n\n[zc-db1-7]"},
        {"id": 2, "agenda": "Call\n\n[zc-db10-8]"},  # another database, whose prefix starts alike
        {"id": 3, "agenda": "No marker"},
        {"id": 4, "agenda": None},
        {"id": 5, "agenda": "[zc-db1-x]"},
    ]
    assert [(data["id"], record_id) for data, record_id in meeting_life.marked_ids(listed, "zc-db1-")] == [(1, 7)]


def test_started_and_ended_move_the_status_only_forward_or_back_to_a_host_who_returns():
    assert meeting_life.changed_status("meeting.started", "scheduled") == "started"
    assert meeting_life.changed_status("meeting.started", "ended") == "started"
    assert meeting_life.changed_status("meeting.ended", "started") == "ended"
    assert meeting_life.changed_status("meeting.ended", "scheduled") == "ended"
    for status in ("pending", "deleted", "failed"):
        assert meeting_life.changed_status("meeting.started", status) is None
        assert meeting_life.changed_status("meeting.ended", status) is None
    assert meeting_life.changed_status("meeting.updated", "scheduled") is None


@freeze_time("2026-11-27 10:00:00")
def test_a_stay_takes_zoom_s_join_time_or_now_and_keeps_the_model_s_sizes():
    person = {"user_id": "16778240", "user_name": "N" * 300, "email": "ana@example.org",
              "registrant_id": "r" * 80, "join_time": "2026-11-27T09:58:00Z"}
    values = attendance.stay_values(person)
    assert values["zoom_participant_id"] == "16778240"
    assert len(values["name"]) == 256 and len(values["registrant_id"]) == 64
    assert values["join_time"] == datetime(2026, 11, 27, 9, 58)
    assert attendance.stay_values(dict(person, join_time="yesterday"))["join_time"] == NOW
    assert attendance.participant_key({"participant_user_id": "p1", "id": "z1"}) == "p1"
    assert attendance.participant_key({}) == ""


def test_a_stay_never_ends_before_it_began():
    assert attendance.stay_end(NOW - timedelta(minutes=5), NOW) == NOW
    assert attendance.stay_end(NOW + timedelta(minutes=5), NOW) == NOW + timedelta(minutes=5)


def test_the_attendee_is_found_by_registrant_then_as_the_host_then_by_email():
    attendees = [(1, 101, "host@example.com"), (2, 102, "Ana@Example.org"), (3, 103, None)]
    registrants = {"reg-3": 103}
    host = ("zoom-host", "HOST@example.com", 101)
    match = attendance.matching_attendee
    # A personal link: exact, whatever the email Zoom gives.
    assert match({"registrant_id": "reg-3", "email": "ana@example.org"}, registrants, host, attendees) == 3
    # A registrant of someone no longer invited is no one, not a guess by email.
    assert match({"registrant_id": "reg-3", "email": "ana@example.org"}, registrants, host, attendees[:2]) is None
    # The host, by their Zoom user id or their Zoom email.
    assert match({"id": "zoom-host"}, registrants, host, attendees) == 1
    assert match({"email": "host@EXAMPLE.com"}, registrants, host, attendees) == 1
    # A shared link: by email, case aside.
    assert match({"email": " ana@example.ORG "}, registrants, host, attendees) == 2
    assert match({"email": "stranger@example.org"}, registrants, host, attendees) is None
    assert match({"user_name": "No email"}, registrants, None, attendees) is None


def test_minutes_add_up_every_stay_and_an_open_one_counts_until_asked():
    stays = [(NOW, NOW + timedelta(minutes=10)), (NOW + timedelta(minutes=20), NOW + timedelta(minutes=25, seconds=40)),
             (NOW + timedelta(minutes=30), None)]
    assert attendance.minutes_present(stays) == 16
    assert attendance.minutes_present(stays, until=NOW + timedelta(minutes=40)) == 26
    # Zoom's clocks are not ours: a leave before the join counts nothing.
    assert attendance.minutes_present([(NOW, NOW - timedelta(minutes=3))]) == 0


def test_the_co_hosts_zoom_refused_are_not_asked_for_again_but_a_new_list_is():
    def payload(co_hosts):
        return meeting_payload(topic="Call", start_utc=datetime(2031, 3, 3, 9), duration_minutes=30,
                               timezone="UTC", agenda="", marker="m-1", alternative_hosts=co_hosts)
    refused = "bob@example.com"
    assert "alternative_hosts" not in without_refused_co_hosts(payload(["bob@example.com"]), refused)["settings"]
    kept = without_refused_co_hosts(payload(["bob@example.com", "carol@example.com"]), refused)
    assert kept["settings"]["alternative_hosts"] == "bob@example.com;carol@example.com"
    assert without_refused_co_hosts(payload(["bob@example.com"]), None)["settings"]["alternative_hosts"] == refused
