"""The round-robin pick (zoom_calendar/services/round_robin.py) against a
plain reference implementation of the rules, on random teams: priorities,
weights, bookings, busy and unready members, Zoom's daily cap, an owner."""
import random
from datetime import datetime, timedelta

import pytest

from zoom_scheduling import round_robin
from zoom_scheduling.round_robin import Candidate

LEVEL = {"low": 0, "medium": 1, "high": 2}


def reference_pick(candidates, mode, owner_id=None):
    """The rules as the README states them, written the slow, obvious way:
    compare every pair, keep the one no one beats."""
    able = [c for c in candidates if c.free and c.ready]
    if not able:
        return None
    owners = [c for c in able if c.member_id == owner_id and not c.demoted]
    if owners:
        return owner_id
    if any(not c.demoted for c in able):
        able = [c for c in able if not c.demoted]

    def beats(a, b):
        """True when a ranks before b."""
        # fairness: a.count / a.weight < b.count / b.weight, in integers
        fair_a, fair_b = a.count * b.weight, b.count * a.weight
        last_a = a.last_booking or datetime.min
        last_b = b.last_booking or datetime.min
        steps = [(-LEVEL[a.priority], -LEVEL[b.priority]), (fair_a, fair_b), (last_a, last_b)]
        if mode == "equal":
            steps = [steps[1], steps[2], steps[0]]
        for left, right in steps + [(a.member_id, b.member_id)]:
            if left != right:
                return left < right
        return False

    winners = [a for a in able if not any(beats(b, a) for b in able if b is not a)]
    assert len(winners) == 1
    return winners[0].member_id


def random_team(rng):
    base = datetime(2031, 3, 1)
    size = rng.randint(1, 12)
    ids = rng.sample(range(1, 500), size)
    team = []
    for member_id in ids:
        team.append(Candidate(
            member_id=member_id,
            priority=rng.choice(["low", "medium", "high"]),
            weight=rng.choice([1, 50, 100, 100, 150, 200, 300]),
            count=rng.randint(0, 8),
            last_booking=rng.choice([None, base - timedelta(hours=rng.randint(0, 5))]),
            free=rng.random() > 0.25,
            ready=rng.random() > 0.15,
            demoted=rng.random() < 0.1,
        ))
    return team


@pytest.mark.parametrize("mode", ["availability", "equal"])
def test_pick_matches_the_reference_on_random_teams(mode):
    rng = random.Random(13)
    for _round in range(3000):
        team = random_team(rng)
        owner = rng.choice([None, rng.choice(team).member_id, 999])
        assert round_robin.pick(team, mode, owner) == reference_pick(team, mode, owner), team


def test_weighted_fairness_gives_bookings_in_proportion_to_weight():
    """Booking after booking, a member of weight 200 gets twice the bookings
    of a member of weight 100, and one of 300 three times."""
    counts = {1: 0, 2: 0, 3: 0}
    weights = {1: 100, 2: 200, 3: 300}
    last = {1: None, 2: None, 3: None}
    now = datetime(2031, 3, 1)
    for booking in range(600):
        team = [Candidate(member_id, "medium", weights[member_id], counts[member_id], last[member_id],
                          True, True) for member_id in counts]
        winner = round_robin.pick(team, "equal")
        counts[winner] += 1
        last[winner] = now + timedelta(minutes=booking)
    assert counts == {1: 100, 2: 200, 3: 300}


def test_availability_mode_prefers_priority_over_fairness():
    team = [Candidate(1, "medium", 100, 0, None, True, True),
            Candidate(2, "high", 100, 9, None, True, True)]
    assert round_robin.pick(team, "availability") == 2
    assert round_robin.pick(team, "equal") == 1


def test_no_one_able_picks_no_one():
    team = [Candidate(1, "high", 100, 0, None, False, True),
            Candidate(2, "high", 100, 0, None, True, False)]
    assert round_robin.pick(team) is None


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        round_robin.pick([], "lottery")
