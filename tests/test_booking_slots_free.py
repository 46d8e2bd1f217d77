"""booking_slots.free_slots (one pass per member over the slots still in
question) against the plain definition, on random members and busy times."""
import random
from datetime import datetime, timedelta

import pytest

from zoom_scheduling import booking_slots


def reference(slots, busy_by_user, user_ids, need_all):
    def free(uid, start, stop):
        return not any(b_start < stop and b_stop > start for b_start, b_stop in busy_by_user.get(uid, ()))
    result = []
    for start, stop in slots:
        frees = [free(uid, start, stop) for uid in user_ids]
        if (all(frees) if need_all else any(frees)) and user_ids:
            result.append((start, stop))
    return result


@pytest.mark.parametrize("need_all", [False, True])
def test_free_slots_match_the_definition(need_all):
    rng = random.Random(6)
    base = datetime(2031, 3, 3, 8, 0)
    for _round in range(400):
        step = timedelta(minutes=rng.choice([15, 30, 60]))
        slots = [(base + n * step, base + (n + 1) * step) for n in range(rng.randint(0, 30))]
        users = list(range(1, rng.randint(0, 8) + 1))
        busy = {}
        for uid in users:
            busy[uid] = []
            for _event in range(rng.randint(0, 12)):
                start = base + timedelta(minutes=rng.randrange(-120, 30 * 60, 5))
                busy[uid].append((start, start + timedelta(minutes=rng.randrange(0, 240, 5))))
        assert booking_slots.free_slots(slots, busy, users, need_all) == reference(slots, busy, users, need_all)
