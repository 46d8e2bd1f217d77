"""Who hosts a round-robin booking: a plain function of plain data, no ORM.

The Odoo side (calendar.group) gathers, for every member, whether they can
host the slot and how many bookings they had; this module only ranks them,
so that the rule lives in one place and can be tested on its own.
"""
from collections import namedtuple
from datetime import datetime
from math import gcd

PRIORITIES = {"low": 0, "medium": 1, "high": 2}
MODES = ("availability", "equal")

# One member, as the pick sees them:
# - member_id: the user's id (the last tie-breaker: the lowest wins);
# - priority: "low", "medium" or "high";
# - weight: an integer >= 1; bookings / weight is the member's load;
# - count: their bookings in the fairness window;
# - last_booking: when they were last booked (None: never);
# - free: free for the whole slot; ready: can host it (Zoom connected,
#   under their daily cap of bookings...): both are needed to host;
# - demoted: can host, but only if no one else can (Zoom's daily limit).
Candidate = namedtuple(
    "Candidate", "member_id priority weight count last_booking free ready demoted")
Candidate.__new__.__defaults__ = (False,)


def load_multiple(candidates):
    """A common multiple of the candidates' weights: ``count * (multiple //
    weight)`` then compares their loads (bookings per unit of weight: a
    member of weight 200 reaches the load of one of weight 100 with twice
    the bookings) exactly, in integers, with no float ties (Fractions cost a
    200-member pick a millisecond)."""
    multiple = 1
    for candidate in candidates:
        weight = max(1, candidate.weight)
        multiple = multiple * weight // gcd(multiple, weight)
    return multiple


def rank_key(candidate, mode, multiple):
    """The sort key of a candidate: the smallest hosts. ``multiple``:
    load_multiple() of every candidate compared."""
    priority = -PRIORITIES.get(candidate.priority, PRIORITIES["medium"])
    load = candidate.count * (multiple // max(1, candidate.weight))
    fairness = (load, candidate.last_booking or datetime.min)
    if mode == "equal":
        return fairness + (priority, candidate.member_id)
    return (priority,) + fairness + (candidate.member_id,)


def pick(candidates, mode="availability", owner_id=None):
    """The member_id of the member who hosts, or None when no one can.

    Only members both free and ready can host. The owner (the salesperson of
    the person booking), if given and able to host, hosts before any other
    rule (unless demoted). Demoted members host only when no one else can. Then, in
    ``availability`` mode the highest priority wins and fairness (the lowest
    load, then the least recently booked) decides among equals; in ``equal``
    mode fairness comes first and priority only breaks its ties. The lowest
    member_id breaks what remains."""
    if mode not in MODES:
        raise ValueError("unknown round-robin mode %r" % (mode,))
    able = [candidate for candidate in candidates if candidate.free and candidate.ready]
    if not able:
        return None
    for candidate in able:
        if owner_id and candidate.member_id == owner_id and not candidate.demoted:
            return candidate.member_id
    able = [candidate for candidate in able if not candidate.demoted] or able
    multiple = load_multiple(able)
    return min(able, key=lambda candidate: rank_key(candidate, mode, multiple)).member_id
