"""Benchmarks of zoom_calendar: what a Zoom booking costs on top of a plain
Odoo calendar event, measured side by side in one run against one database
and one fake Zoom server (a subprocess, see fake_zoom/README.md).

    .venv/bin/python bench/run.py --config run/odoo-bench.conf --database zoom_bench

`make bench` (scripts/bench.sh) prepares the database and runs this. Not a
test: it prints one table per benchmark, then the one-line summary last.

1. Booking overhead: bookings on a round-robin Zoom calendar vs plain
   calendar.event creates with the same attendees, interleaved, each in its
   own transaction (as each would be its own HTTP request).
2. Zoom calls per booking, from the fake's request log.
3. SQL queries per booking, Zoom vs plain (Odoo's per-cursor query counter).
4. Round-robin host pick vs members and events already on the calendar.
5. Latency: with every Zoom answer delayed, the extra time per booking in
   round trips, against the calls the log shows; and latency_5ext: the
   round trips of a booking with 5 external attendees, against the 2 it
   needs (the meeting, then one batch of registrants).
6. The public booking page of a 200-member calendar (60 busy events per
   member in the next 14 days), over HTTP, against a 10-member one.

The same script measures the Odoo 17.0 addon (odoo17/zoom_calendar) when run
with .venv17's Python on a 17.0 database (`bash scripts/bench.sh --odoo17`),
against 17.0's plain calendar.event create: what differs between the two
Odoo versions is kept in the few helpers under "Odoo 11.0 and 17.0" below.
"""
import argparse
import collections
import contextlib
import datetime
import os
import platform
import random
import re
import statistics
import sys
import threading
import time
from urllib.parse import parse_qs, urlparse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api, fields, release, sql_db  # noqa: E402

from fake_zoom.testing import start_fake_zoom, unused_port  # noqa: E402

# ----------------------------------------------------------------------
# Odoo 11.0 and 17.0
# ----------------------------------------------------------------------

ODOO_17 = release.version_info[0] >= 17
ODOO_NAME = "Odoo %s" % release.series


def as_user(records, user):
    """``records`` as ``user``: sudo(user) in 11.0, with_user(user) since 13.0."""
    return records.with_user(user) if ODOO_17 else records.sudo(user)


def environment_scope():
    """11.0 wants each thread's environments inside Environment.manage();
    17.0 has no such thing."""
    return contextlib.nullcontext() if ODOO_17 else api.Environment.manage()


def at(value):
    """A datetime as the addon's methods take it: a datetime in 17.0, the
    ORM's string in 11.0."""
    return value if ODOO_17 else dt(value)


def event_sql(start, minutes):
    """The calendar_event columns a create stores for an event from SQL
    expression ``start`` lasting ``minutes``, and their SQL values, beyond
    those of both versions: 11.0 also stores the state and its copies of
    the times."""
    stop = "%s + interval '%d minutes'" % (start, minutes)
    columns = [("start", start), ("stop", stop)]
    if not ODOO_17:
        columns += [("state", "'open'"), ("start_datetime", start), ("stop_datetime", stop),
                    ("display_start", "to_char(%s, 'YYYY-MM-DD HH24:MI:SS')" % start)]
    return {"event_columns": ", ".join(name for name, _value in columns),
            "event_values": ", ".join(value for _name, value in columns)}


# calendar_attendee's copy of the partner's email: 11.0 stores it, 17.0 reads it.
ATTENDEE_SQL = {"email_column": "" if ODOO_17 else " email,", "email_value": "" if ODOO_17 else " p.email,"}


@contextlib.contextmanager
def autocommit(cr):
    """``cr`` in autocommit mode (VACUUM runs outside any transaction):
    cr.autocommit(True) in 11.0; 17.0's cursor has no such method, so its
    connection's mode, restored before the connection returns to the pool."""
    if not ODOO_17:
        cr.autocommit(True)
        yield
        return
    cr._cnx.autocommit = True
    try:
        yield
    finally:
        cr._cnx.autocommit = False


def wsgi_application():
    if ODOO_17:
        return odoo.http.root
    return odoo.service.wsgi_server.application


REDIRECT_URI = "http://odoo.bench/zoom/oauth/callback"
# A Monday far from anything else in the database, in UTC.
BASE = datetime.datetime(2031, 3, 3, 8, 0)
SLOT = datetime.timedelta(minutes=30)
MEMBERS = 4               # round-robin calendar of benchmarks 1-3 and 5
EXTERNALS = 1             # external attendees per booking
WARMUP = 10               # booking pairs not measured (ormcache, templates)
LATENCY_DELAY_MS = 200
FIVE_EXTERNALS = 5        # external attendees per booking of latency_5ext
FIVE_NEEDED_CALLS = 2     # the meeting, then one batch of registrants

TARGETS = {
    "overhead": 1.2, "zoom_calls": 1.0, "refreshes": 0, "new_connections_per_100": 1,
    "extra_queries": 30, "rr_ms": 20.0, "rr_scaling": 1.5, "latency_calls": 1.1,
    "latency_5ext": 1.1, "page_ms": 150.0, "page_scaling": 2.0,
}
PAGE_SIZES = (10, 200)     # members of the public-page calendars (benchmark 6)
PAGE_BUSY_PER_MEMBER = 60  # busy events per member in the page's 14 days
PAGE_REQUESTS = 15         # measured requests per page, after PAGE_WARMUP
PAGE_WARMUP = 3


class Report(object):
    """Prints as it goes and keeps the text for --results."""

    def __init__(self):
        self.lines = []

    def __call__(self, text=""):
        print(text, flush=True)
        self.lines.append(text)

    def table(self, header, rows):
        cells = [[str(cell) for cell in header]] + [[str(cell) for cell in row] for row in rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

        def fmt(row):
            return "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |"
        self(fmt(cells[0]))
        self("|" + "|".join("-" * (width + 2) for width in widths) + "|")
        for row in cells[1:]:
            self(fmt(row))
        self()


out = Report()


def dt(value):
    return fields.Datetime.to_string(value)


def ms(seconds):
    return "%.1f" % (seconds * 1000)


def verdict(ok):
    return "met" if ok else "NOT MET"


# ----------------------------------------------------------------------
# Odoo plumbing
# ----------------------------------------------------------------------

class Bench(object):
    def __init__(self, database, quick):
        self.registry = odoo.registry(database)
        self.quick = quick
        self.fake = None
        self.trace = None
        self.threads = "request"
        self.only = ""

    def transaction(self, function, *args):
        """Runs ``function(env, *args)`` as Odoo runs one RPC: fresh
        environments, one cursor, committed, and (--threads request, the
        default) in a thread of its own, as Odoo's threaded server
        (workers = 0, run/odoo.conf) serves each request. Returns (result,
        seconds, queries); the queries of every cursor opened meanwhile
        count."""
        outcome = {}

        def work():
            try:
                with environment_scope():
                    with self.registry.cursor() as cr:
                        outcome["result"] = function(api.Environment(cr, SUPERUSER_ID, {}), *args)
            except BaseException as error:  # re-raised in the caller's thread
                outcome["error"] = error
        queries_before = sql_db.sql_counter
        started = time.perf_counter()
        if self.threads == "request":
            thread = threading.Thread(target=work, name="bench-request")
            thread.start()
            thread.join()
        else:
            work()
        elapsed = time.perf_counter() - started
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"], elapsed, sql_db.sql_counter - queries_before

    def vacuum(self, *tables):
        """What autovacuum does to tables in use: statistics, and the
        visibility map that index-only scans rely on."""
        with self.registry.cursor() as cr, autocommit(cr):
            for table in tables:
                cr.execute("VACUUM ANALYZE %s" % table)

    def last_mail_id(self):
        """Outside any measured transaction: the mail queue's last id."""
        with self.registry.cursor() as cr:
            cr.execute("SELECT coalesce(max(id), 0) FROM mail_mail")
            return cr.fetchone()[0]

    # --- set-up, as zoom_calendar/tests/common.py does it -------------

    def configure(self, env):
        from zoom_calendar_common.services import secret_box
        params = env["ir.config_parameter"].sudo()
        params.set_param("zoom_calendar.client_id", "demo-client-id")
        params.set_param("zoom_calendar.client_secret_enc", secret_box.encrypt("demo-client-secret"))
        params.set_param("zoom_calendar.webhook_secret_enc", secret_box.encrypt("demo-webhook-secret"))
        params.set_param("zoom_calendar.oauth_base_url", self.fake.url)
        params.set_param("zoom_calendar.api_base_url", self.fake.url + "/v2")
        # Invitations stay in the mail queue (mail.mail), on both sides.
        params.set_param("mail.catchall.domain", "example.com")

    def make_users(self, env, prefix, count):
        users = env["res.users"]
        group_user = env.ref("base.group_user")
        quiet = env["res.users"].with_context(
            no_reset_password=True, mail_create_nolog=True, mail_create_nosubscribe=True,
            tracking_disable=True)
        for index in range(1, count + 1):
            login = "%s%03d" % (prefix, index)
            users |= quiet.create({
                "name": "%s %03d" % (prefix.title(), index), "login": login,
                "email": "%s@bench.example.com" % login, "tz": "UTC",
                "groups_id": [(6, 0, [group_user.id])],
            })
        return users

    def connect(self, env, user):
        """Zoom's consent approved by ``user``, then the real callback code."""
        from zoom_scheduling.zoom_api import make_pkce_pair
        verifier, challenge = make_pkce_pair()
        url = env["zoom.account"]._zoom_oauth().authorize_url(REDIRECT_URI, "bench", challenge)
        location = self.fake.control.approve_consent(url, user.email)
        code = parse_qs(urlparse(location).query)["code"][0]
        return as_user(env["zoom.account"], user)._connect_with_code(code, REDIRECT_URI, verifier)

    def make_externals(self, env, count, prefix="guest"):
        partners = env["res.partner"].with_context(tracking_disable=True)
        created = partners.browse()
        for index in range(count):
            created |= partners.create({"name": "%s %04d Example" % (prefix.title(), index),
                                        "email": "%s%04d@example.org" % (prefix, index)})
        return created.ids


# ----------------------------------------------------------------------
# Benchmarks 1-3 and 5: bookings
# ----------------------------------------------------------------------

def book_zoom(env, group_id, start, partner_ids):
    event = env["calendar.event"].create({
        "name": "Booking %s" % dt(start), "group_calendar_id": group_id,
        "start": dt(start), "stop": dt(start + SLOT), "duration": 0.5,
        "partner_ids": [(6, 0, partner_ids)],
    })
    return event.id


def book_plain(env, host_id, start, partner_ids):
    host = env["res.users"].browse(host_id)
    event = env["calendar.event"].create({
        "name": "Booking %s" % dt(start),
        "start": dt(start), "stop": dt(start + SLOT), "duration": 0.5,
        "user_id": host.id,
        "partner_ids": [(6, 0, [host.partner_id.id] + partner_ids)],
    })
    return event.id


class BookingRun(object):
    """Zoom bookings and plain creates, interleaved (alternating which goes
    first), so drift in the machine or the tables hits both alike."""

    def __init__(self, bench, group_id, host_ids, externals, per_booking=EXTERNALS):
        self.bench = bench
        self.group_id = group_id
        self.host_ids = host_ids
        self.externals = externals
        self.per_booking = per_booking
        self.next_slot = 0
        self.next_guest = 0
        self.mails = {True: 0, False: 0}  # mail.mail queued, Zoom side: True

    def pairs(self, count):
        zoom, plain = [], []
        for index in range(count):
            slot = self.next_slot
            self.next_slot += 1
            guests = self.externals[self.next_guest:self.next_guest + self.per_booking]
            self.next_guest += self.per_booking
            # Zoom bookings on the hour, plain events on the half hour: the
            # plain events never make a member busy for a booking.
            start = BASE + slot * 2 * SLOT
            host_id = self.host_ids[slot % len(self.host_ids)]
            calls = [
                (zoom, book_zoom, (self.group_id, start, guests)),
                (plain, book_plain, (host_id, start + SLOT, guests)),
            ]
            if index % 2:
                calls.reverse()
            for bucket, function, args in calls:
                mails_before = self.bench.last_mail_id()
                event_id, seconds, queries = self.bench.transaction(function, *args)
                bucket.append((event_id, seconds, queries))
                self.mails[bucket is zoom] += self.bench.last_mail_id() - mails_before
        return zoom, plain


def classify(entry):
    method, path = entry["method"], entry["path"]
    if path == "/oauth/token":
        return "token"
    if method == "POST" and re.match(r"^/v2/users/[^/]+/meetings$", path):
        return "create"
    if method == "POST" and re.match(r"^/v2/meetings/[^/]+/registrants$", path):
        return "registrant"
    if method == "POST" and re.match(r"^/v2/meetings/[^/]+/batch_registrants$", path):
        return "registrants (batch)"
    return "%s %s" % (method, re.sub(r"/\d+", "/{id}", path))


class QueryRecorder(object):
    """Records every statement run through Odoo's cursors (with, when
    ``stacks``, the innermost addon frames that ran it: see --trace)."""

    def __init__(self, stacks=False):
        self.queries = []
        self.stacks = stacks
        self.where = []

    def __enter__(self):
        self.original = sql_db.Cursor.execute
        recorder, original = self, self.original

        def execute(cursor, query, params=None, *args, **kwargs):
            # 17.0's ORM passes odoo.tools.SQL objects: their text is .code.
            text = query if isinstance(query, str) else getattr(query, "code", None)
            recorder.queries.append(text if isinstance(text, str) else str(query))
            if recorder.stacks:
                recorder.where.append(_addon_frames())
            return original(cursor, query, params, *args, **kwargs)
        sql_db.Cursor.execute = execute
        return self

    def __exit__(self, *exc):
        sql_db.Cursor.execute = self.original

    def dump(self, path, title):
        with open(path, "a") as handle:
            handle.write("==== %s: %d statements\n" % (title, len(self.queries)))
            for index, (query, where) in enumerate(zip(self.queries, self.where), 1):
                handle.write("%3d %s\n      %s\n" % (index, " ".join(query.split())[:160], where))

    def kinds(self):
        counts = collections.Counter()
        for query in self.queries:
            text = " ".join(query.split()).lower()
            match = (re.match(r'^(insert into|update|delete from)\s+"?(\w+)', text)
                     or re.match(r'^(select)\b.*?\bfrom\s+"?(\w+)', text))
            if match:
                counts["%s %s" % (match.group(1).split()[0].upper(), match.group(2))] += 1
            else:
                counts[text.split()[0].upper() if text else "?"] += 1
        return counts


def _addon_frames(depth=3):
    """Where a statement comes from: the innermost frames of Odoo, then
    every frame of the addon (innermost first)."""
    import traceback
    stack = traceback.extract_stack()[:-3]

    def name(frame):
        return "%s:%d %s" % (frame.filename.split("/odoo/")[-1].split("/work/main/")[-1], frame.lineno, frame.name)
    inner = [name(frame) for frame in reversed(stack) if "/odoo/" in frame.filename][:depth]
    ours = [name(frame) for frame in reversed(stack) if "zoom_calendar/" in frame.filename]
    return " < ".join(inner) + ("  <<  " + " < ".join(ours) if ours else "")


def bench_bookings(bench, setup):
    count = 40 if bench.quick else 200
    run = BookingRun(bench, setup["rr_group"], setup["hosts"], setup["externals"])
    control = bench.fake.control
    control.config(delay_ms=0)
    run.pairs(WARMUP)
    known_connections = {entry["connection"] for entry in control.requests_log()}
    control.clear_requests()
    run.mails = {True: 0, False: 0}
    zoom, plain = run.pairs(count)
    log = control.requests_log()

    # Check the work was really done before timing it.
    def check(env):
        events = env["calendar.event"].browse([row[0] for row in zoom])
        meetings = events.mapped("zoom_meeting_id")
        return {
            "scheduled": len(meetings.filtered(lambda m: m.status == "scheduled")),
            "registrants": len(meetings.mapped("registrant_ids")),
            "hosts": collections.Counter(event.user_id.login for event in events),
        }
    done, _seconds, _queries = bench.transaction(check)

    zoom_s = [row[1] for row in zoom]
    plain_s = [row[1] for row in plain]
    overhead = sum(zoom_s) / sum(plain_s)
    out("## 1. Booking overhead (%d bookings each side, fake Zoom at 0 ms, %d members, "
        "%d external attendee per booking, one transaction per booking)" % (count, MEMBERS, EXTERNALS))
    out()
    out.table(["", "plain calendar.event", "Zoom booking", "ratio"], [
        ["total s", "%.2f" % sum(plain_s), "%.2f" % sum(zoom_s), "%.2fx" % overhead],
        ["mean ms", ms(statistics.mean(plain_s)), ms(statistics.mean(zoom_s)),
         "%.2fx" % (statistics.mean(zoom_s) / statistics.mean(plain_s))],
        ["median ms", ms(statistics.median(plain_s)), ms(statistics.median(zoom_s)),
         "%.2fx" % (statistics.median(zoom_s) / statistics.median(plain_s))],
        ["p95 ms", ms(sorted(plain_s)[int(0.95 * count)]), ms(sorted(zoom_s)[int(0.95 * count)]), ""],
        ["invitations queued (mail.mail)", run.mails[False], run.mails[True], ""],
    ])
    out("Zoom meetings scheduled: %d/%d; registrants: %d; hosts: %s" % (
        done["scheduled"], count, done["registrants"],
        ", ".join("%s %d" % item for item in sorted(done["hosts"].items()))))
    out("Target overhead <= %.1fx: %s" % (TARGETS["overhead"], verdict(overhead <= TARGETS["overhead"])))
    out()

    # 2. Calls per booking
    kinds = collections.Counter(classify(entry) for entry in log)
    connections = {entry["connection"] for entry in log}
    new_connections = connections - known_connections
    # The meeting, then its registrants in one batch (up to 30).
    unavoidable = count * (1 + (1 if EXTERNALS else 0))
    zoom_calls = len(log) / unavoidable
    refreshes = kinds.get("token", 0)
    new_per_100 = len(new_connections) * 100.0 / count
    out("## 2. Zoom calls per booking (request log of the fake, same %d bookings)" % count)
    out()
    rows = [[kind, number, "%.2f" % (number / count)] for kind, number in sorted(kinds.items())]
    rows.append(["all requests", len(log), "%.2f" % (len(log) / count)])
    rows.append(["unavoidable (1 create + 1 batch of %d registrant)" % EXTERNALS, unavoidable,
                 "%.2f" % (unavoidable / count)])
    rows.append(["TCP connections used (new)", "%d (%d)" % (len(connections), len(new_connections)),
                 "%g new per 100" % new_per_100])
    out.table(["request", "count", "per booking"], rows)
    out("calls / unavoidable calls = %.2f (target 1.00): %s; token refreshes while valid = %d "
        "(target 0): %s; new connections per 100 bookings = %g (target <= 1): %s" % (
            zoom_calls, verdict(abs(zoom_calls - 1) < 1e-9), refreshes, verdict(refreshes == 0),
            new_per_100, verdict(new_per_100 <= 1)))
    out()

    # 3. Queries per booking
    zoom_q = [row[2] for row in zoom]
    plain_q = [row[2] for row in plain]
    extra = statistics.mean(zoom_q) - statistics.mean(plain_q)
    out("## 3. SQL queries per booking (all cursors, commit included)")
    out()
    out.table(["", "plain", "Zoom", "extra"], [
        ["mean", "%.1f" % statistics.mean(plain_q), "%.1f" % statistics.mean(zoom_q), "%+.1f" % extra],
        ["median", statistics.median(plain_q), statistics.median(zoom_q),
         "%+g" % (statistics.median(zoom_q) - statistics.median(plain_q))],
        ["min / max", "%d / %d" % (min(plain_q), max(plain_q)), "%d / %d" % (min(zoom_q), max(zoom_q)), ""],
    ])
    # Where the extra queries go: one more pair, every statement recorded.
    with QueryRecorder(stacks=bool(bench.trace)) as zoom_rec:
        bench.transaction(book_zoom, setup["rr_group"], BASE - 2 * SLOT,
                          setup["externals"][-EXTERNALS:])
    with QueryRecorder(stacks=bool(bench.trace)) as plain_rec:
        bench.transaction(book_plain, setup["hosts"][0], BASE - SLOT, setup["externals"][-EXTERNALS:])
    if bench.trace:
        open(bench.trace, "w").close()
        zoom_rec.dump(bench.trace, "Zoom booking")
        plain_rec.dump(bench.trace, "plain create")
    zoom_kinds, plain_kinds = zoom_rec.kinds(), plain_rec.kinds()
    diff = [(kind, plain_kinds.get(kind, 0), zoom_kinds.get(kind, 0))
            for kind in set(zoom_kinds) | set(plain_kinds)]
    diff = sorted((row for row in diff if row[1] != row[2]), key=lambda row: (row[1] - row[2], row[0]))
    out("Statements that differ in one recorded pair (plain %d, Zoom %d):" % (
        len(plain_rec.queries), len(zoom_rec.queries)))
    out()
    out.table(["statement", "plain", "Zoom", "extra"],
              [[kind, p, z, "%+d" % (z - p)] for kind, p, z in diff])
    out("Target <= +%d queries: %s" % (TARGETS["extra_queries"], verdict(extra <= TARGETS["extra_queries"])))
    out()
    return run, statistics.mean(zoom_s), {
        "overhead": overhead, "zoom_calls": zoom_calls, "refreshes": refreshes,
        "new_connections_per_100": new_per_100, "extra_queries": extra,
    }


def bench_latency(bench, run, zoom_at_0):
    count = 6 if bench.quick else 15
    control = bench.fake.control
    control.config(delay_ms=LATENCY_DELAY_MS)
    try:
        run.pairs(1)
        control.clear_requests()
        zoom, plain = run.pairs(count)
        log = control.requests_log()
    finally:
        control.config(delay_ms=0)
    zoom_s = statistics.mean(row[1] for row in zoom)
    plain_s = statistics.mean(row[1] for row in plain)
    round_trips = (zoom_s - plain_s) / (LATENCY_DELAY_MS / 1000.0)
    calls = len(log) / count
    ratio = round_trips / calls
    # The same, less the addon's own work (the Zoom bookings of benchmark 1):
    # the round trips alone.
    network = (zoom_s - zoom_at_0) / (LATENCY_DELAY_MS / 1000.0)
    out("## 5. Latency (fake Zoom answers after %d ms; %d bookings each side)" % (LATENCY_DELAY_MS, count))
    out()
    out.table(["", "value"], [
        ["plain create, mean ms", ms(plain_s)],
        ["Zoom booking, mean ms", ms(zoom_s)],
        ["extra time / %d ms = round trips paid" % LATENCY_DELAY_MS, "%.2f" % round_trips],
        ["Zoom calls per booking (request log)", "%.2f" % calls],
        ["round trips / calls", "%.2fx" % ratio],
        ["cross-check: (Zoom booking here - at 0 ms) / %d ms" % LATENCY_DELAY_MS, "%.2f" % network],
    ])
    out("Target <= %.1fx (no hidden round trips): %s"
        % (TARGETS["latency_calls"], verdict(ratio <= TARGETS["latency_calls"])))
    out()
    return {"latency_calls": ratio}


def bench_latency_5ext(bench, setup):
    """Bookings with 5 external attendees, Zoom answering after 200 ms: the
    round trips they pay, against the 2 they need."""
    count = 6 if bench.quick else 20  # 5 guests make a noisy figure: 20 pairs, not 10
    run = BookingRun(bench, setup["rr_group"], setup["hosts"], setup["five_guests"],
                     per_booking=FIVE_EXTERNALS)
    run.next_slot = 1000  # after benchmarks 1-3 and 5
    control = bench.fake.control
    control.config(delay_ms=LATENCY_DELAY_MS)
    try:
        run.pairs(1)
        control.clear_requests()
        zoom, plain = run.pairs(count)
        log = control.requests_log()
    finally:
        control.config(delay_ms=0)
    zoom_s = statistics.mean(row[1] for row in zoom)
    plain_s = statistics.mean(row[1] for row in plain)
    round_trips = (zoom_s - plain_s) / (LATENCY_DELAY_MS / 1000.0)
    ratio = round_trips / FIVE_NEEDED_CALLS
    kinds = collections.Counter(classify(entry) for entry in log)
    out("## 6. Latency with %d external attendees (fake Zoom answers after %d ms; %d bookings each side)"
        % (FIVE_EXTERNALS, LATENCY_DELAY_MS, count))
    out()
    out.table(["", "value"], [
        ["plain create, mean ms", ms(plain_s)],
        ["Zoom booking, mean ms", ms(zoom_s)],
        ["extra time / %d ms = round trips paid" % LATENCY_DELAY_MS, "%.2f" % round_trips],
        ["Zoom calls per booking (request log)", ", ".join(
            "%s %.2f" % (kind, number / count) for kind, number in sorted(kinds.items()))],
        ["round trips / %d needed (the meeting, one batch)" % FIVE_NEEDED_CALLS, "%.2fx" % ratio],
    ])
    out("Target <= %.1fx: %s" % (TARGETS["latency_5ext"], verdict(ratio <= TARGETS["latency_5ext"])))
    out()
    return {"latency_5ext": ratio}


# ----------------------------------------------------------------------
# Benchmark 4: round-robin pick
# ----------------------------------------------------------------------

# Existing bookings: a team calendar takes BOOKINGS_PER_DAY bookings a day,
# up to HORIZON_DAYS ahead. More events on a calendar = a longer history: 1k
# events are 50 days of it, 20k nearly three years. The slots being booked
# (the next 30 days) look the same at every level, so the pick's time should
# not grow with the history.
BOOKINGS_PER_DAY = 20
HORIZON_DAYS = 30

INSERT_EVENTS = """
    WITH new AS (
        SELECT (%(members)s::int[])[1 + floor(random() * %(member_count)s)::int] AS user_id,
               %(end)s::timestamp - floor((k + random()) * 48.0 / %(rate)s) * interval '30 minutes'
                   AS start
          FROM generate_series(%(first)s, %(last)s) AS k
    )
    INSERT INTO calendar_event (
        name, {event_columns}, allday, duration,
        privacy, show_as, active, recurrency, user_id, group_calendar_id, booking_date,
        zoom_needs_meeting, create_uid, create_date, write_uid, write_date)
    SELECT 'Past booking', {event_values}, false, 0.5,
           'public', 'busy', true, false, user_id, %(group)s,
           LEAST(start - (1 + random() * 29) * interval '1 day',
                 %(now)s::timestamp - random() * interval '1 day'),
           true, 1, %(now)s, 1, %(now)s
      FROM new
    RETURNING id
""".format(**event_sql("start", 30))


def insert_events(env, group_id, member_ids, first, count, guest_ids, now):
    """Bookings number ``first`` to ``first + count - 1`` of ``group_id``,
    counted back from HORIZON_DAYS ahead (see BOOKINGS_PER_DAY), 30 minutes
    each, hosted by a random member, with the host and one guest as
    attendees: what the ORM would have stored, minus mails and messages."""
    end = now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=HORIZON_DAYS)
    env.cr.execute(INSERT_EVENTS, {
        "members": member_ids, "member_count": len(member_ids), "end": end, "rate": BOOKINGS_PER_DAY,
        "first": first, "last": first + count - 1, "group": group_id, "now": now,
    })
    ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute("""
        INSERT INTO calendar_attendee (state, common_name, partner_id,{email_column} availability, event_id,
                                       create_uid, create_date, write_uid, write_date)
        SELECT 'accepted', p.name, p.id,{email_value} 'busy', e.id, 1, %(now)s, 1, %(now)s
          FROM calendar_event e JOIN res_users u ON u.id = e.user_id JOIN res_partner p ON p.id = u.partner_id
         WHERE e.id IN %(ids)s
        UNION ALL
        SELECT 'needsAction', p.name, p.id,{email_value} NULL, e.id, 1, %(now)s, 1, %(now)s
          FROM calendar_event e
          JOIN res_partner p ON p.id = (%(guests)s::int[])[1 + e.id %% %(guest_count)s]
         WHERE e.id IN %(ids)s
    """.format(**ATTENDEE_SQL), {"ids": tuple(ids), "guests": guest_ids, "guest_count": len(guest_ids), "now": now})
    env.cr.execute("""
        INSERT INTO calendar_event_res_partner_rel (calendar_event_id, res_partner_id)
        SELECT DISTINCT event_id, partner_id FROM calendar_attendee WHERE event_id IN %s
    """, (tuple(ids),))


def time_picks(env, group_id, slots):
    group = env["calendar.group"].browse(group_id)
    times, picked = [], collections.Counter()
    for index, start in enumerate(slots):
        env.clear()  # a cold ORM cache, as in a fresh request
        started = time.perf_counter()
        host = group._pick_round_robin_host(at(start), at(start + SLOT))
        elapsed = time.perf_counter() - started
        if index >= 3:  # the first picks warm PostgreSQL's and Python's caches
            times.append(elapsed)
            picked[host.id] += 1
    env.cr.rollback()
    return statistics.median(times), len(picked)


def bench_round_robin(bench, setup):
    sizes = setup["rr_sizes"]
    levels = [200, 500, 2000] if bench.quick else [1000, 5000, 20000]
    picks = 8 if bench.quick else 25
    now = datetime.datetime.utcnow().replace(microsecond=0)
    rng = random.Random(6)
    slots = [(now + datetime.timedelta(days=1)).replace(minute=0, second=0)
             + rng.randrange(0, (HORIZON_DAYS - 2) * 48) * SLOT for _ in range(picks + 3)]
    results = {}
    inserted = 0
    for level in levels:
        def fill(env):
            env.cr.execute("SELECT setseed(%s)", (level / 1e6,))
            for size in sizes:
                insert_events(env, setup["rr_groups"][size], setup["rr_members"][:size], inserted,
                              level - inserted, setup["rr_guests"], now)
        bench.transaction(fill)
        bench.vacuum("calendar_event", "calendar_attendee", "calendar_event_res_partner_rel")
        inserted = level
        for size in sizes:
            (median, distinct), _s, _q = bench.transaction(time_picks, setup["rr_groups"][size], slots)
            results[size, level] = (median, distinct)
    out("## 4. Round-robin host pick (median of %d picks of a free slot in the next %d days, cold "
        "ORM cache; every member connected to Zoom; each calendar takes %d bookings a day, so "
        "more events = a longer history: %d events = %d days)" % (
            picks, HORIZON_DAYS - 2, BOOKINGS_PER_DAY, levels[-1], levels[-1] // BOOKINGS_PER_DAY))
    out()
    header = ["members \\ events on the calendar"] + ["%d" % level for level in levels] + [
        "%d / %d" % (levels[-1], levels[0])]
    rows = []
    for size in sizes:
        row = ["%d" % size] + ["%s ms" % ms(results[size, level][0]) for level in levels]
        row.append("%.2fx" % (results[size, levels[-1]][0] / results[size, levels[0]][0]))
        rows.append(row)
    out.table(header, rows)
    out("(the calendar_event table holds %d events at the last level: every calendar's)" % (
        levels[-1] * len(sizes)))
    rr_ms = results[sizes[-1], levels[-1]][0] * 1000
    scaling = max(results[size, levels[-1]][0] / results[size, levels[0]][0] for size in sizes)
    out("Target <= %.0f ms at %d members x %d events: %.1f ms, %s; target 20k/1k <= %.1fx "
        "(worst row): %.2fx, %s" % (TARGETS["rr_ms"], sizes[-1], levels[-1], rr_ms,
                                    verdict(rr_ms <= TARGETS["rr_ms"]), TARGETS["rr_scaling"], scaling,
                                    verdict(scaling <= TARGETS["rr_scaling"])))
    out()
    return {"rr_ms": rr_ms, "rr_scaling": scaling}


# ----------------------------------------------------------------------
# Benchmark 6: the public booking page
# ----------------------------------------------------------------------

INSERT_BUSY = """
    WITH new AS (
        SELECT u.id AS user_id, u.partner_id,
               date_trunc('hour', %(now)s::timestamp) + interval '1 hour'
               + (floor(random() * 14 * 24 * 2) * interval '30 minutes') AS start
          FROM res_users u, generate_series(1, %(per_member)s)
         WHERE u.id IN %(users)s)
    INSERT INTO calendar_event (
        name, {event_columns}, allday, duration,
        privacy, show_as, active, recurrency, user_id, create_uid, create_date, write_uid, write_date)
    SELECT 'Busy', {event_values}, false, 1.0, 'public', 'busy', true, false,
           user_id, 1, %(now)s, 1, %(now)s
      FROM new
    RETURNING id, user_id
""".format(**event_sql("start", 60))


def fill_page_calendars(env, member_ids, now):
    """PAGE_BUSY_PER_MEMBER one-hour events of each member at random
    half-hours of the next 14 days, with the member as attendee (as the
    ORM would store them), and the public-page calendars of PAGE_SIZES."""
    env.cr.execute("SELECT setseed(0.13)")
    env.cr.execute(INSERT_BUSY, {"now": now, "per_member": PAGE_BUSY_PER_MEMBER, "users": tuple(member_ids)})
    rows = env.cr.fetchall()
    env.cr.execute("""
        INSERT INTO calendar_attendee (state, common_name, partner_id,{email_column} availability, event_id,
                                       create_uid, create_date, write_uid, write_date)
        SELECT 'accepted', p.name, p.id,{email_value} 'busy', e.id, 1, %(now)s, 1, %(now)s
          FROM calendar_event e JOIN res_users u ON u.id = e.user_id JOIN res_partner p ON p.id = u.partner_id
         WHERE e.id IN %(ids)s""".format(**ATTENDEE_SQL), {"ids": tuple(row[0] for row in rows), "now": now})
    Group = env["calendar.group"]
    slugs = {}
    for size in PAGE_SIZES:
        group = Group.create({
            "name": "Bench page %d" % size, "scheduling_mode": "round_robin", "meeting_location": "zoom",
            "duration": 0.5, "tz": "UTC", "booking_public": True, "slug": "bench-page-%d" % size,
            "member_ids": [(6, 0, member_ids[:size])]})
        slugs[size] = group.slug
    return slugs


def serve_http(database):
    """Odoo's own threaded HTTP server, in this process, on a free port,
    for this database only."""
    import socket
    import odoo.service.server
    port = unused_port()
    odoo.tools.config["http_port"] = port
    odoo.tools.config["http_interface"] = "127.0.0.1"
    odoo.tools.config["dbfilter"] = "^%s$" % re.escape(database)
    server = odoo.service.server.ThreadedServer(wsgi_application())
    server.http_spawn()
    # The server binds its socket on the thread it spawns: wait for it.
    deadline = time.time() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.1)
    return "http://127.0.0.1:%d" % port


def bench_page(bench, setup, database):
    import requests
    now = datetime.datetime.utcnow().replace(microsecond=0)
    member_ids = setup["page_members"]
    slugs, _s, _q = bench.transaction(fill_page_calendars, member_ids, now)
    bench.vacuum("calendar_event", "calendar_attendee")
    base_url = serve_http(database)
    session = requests.Session()
    results = {}
    for size in PAGE_SIZES:
        url = "%s/book/%s" % (base_url, slugs[size])
        times, slots = [], 0
        for index in range(PAGE_WARMUP + PAGE_REQUESTS):
            started = time.perf_counter()
            response = session.get(url, timeout=60)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError("GET %s answered %s: %s" % (url, response.status_code, response.text[:500]))
            if index >= PAGE_WARMUP:
                times.append(elapsed)
            slots = response.text.count("data-slot=")
        results[size] = (statistics.median(times), slots)
    out("## 6. Public booking page (GET /book/<slug> over HTTP to Odoo's threaded server, median of "
        "%d warm requests; each member has %d one-hour busy events in the next 14 days)" % (
            PAGE_REQUESTS, PAGE_BUSY_PER_MEMBER))
    out()
    out.table(["members", "busy events", "page", "slots shown"], [
        ["%d" % size, "%d" % (size * PAGE_BUSY_PER_MEMBER), "%s ms" % ms(results[size][0]), "%d" % results[size][1]]
        for size in PAGE_SIZES])
    page_ms = results[PAGE_SIZES[-1]][0] * 1000
    scaling = results[PAGE_SIZES[-1]][0] / results[PAGE_SIZES[0]][0]
    out("Target <= %.0f ms at %d members: %.1f ms, %s; target %d/%d members <= %.1fx: %.2fx, %s" % (
        TARGETS["page_ms"], PAGE_SIZES[-1], page_ms, verdict(page_ms <= TARGETS["page_ms"]),
        PAGE_SIZES[-1], PAGE_SIZES[0], TARGETS["page_scaling"], scaling,
        verdict(scaling <= TARGETS["page_scaling"])))
    out()
    return {"page_ms": page_ms, "page_scaling": scaling}


# ----------------------------------------------------------------------

def set_up(bench):
    quick = bench.quick
    bookings = (40 if quick else 200) + WARMUP + 2 + (7 if quick else 16) + 2
    sizes = [10, 50, 200] if not quick else [10, 50]

    def base(env):
        bench.configure(env)
        hosts = bench.make_users(env, "host", MEMBERS)
        # --only page: no round-robin calendars to fill (their members take
        # minutes to connect under load).
        members = bench.make_users(env, "member", sizes[-1]) if "rr" in bench.only else hosts.browse()
        externals = bench.make_externals(env, bookings * EXTERNALS)
        rr_guests = bench.make_externals(env, 200, prefix="client")
        five_guests = bench.make_externals(env, 22 * FIVE_EXTERNALS, prefix="five")  # 1 + 20 pairs
        page_members = bench.make_users(env, "page", PAGE_SIZES[-1]) if "page" in bench.only else members.browse()
        return hosts.ids, members.ids, externals, rr_guests, five_guests, page_members.ids
    (host_ids, member_ids, externals, rr_guests, five_guests, page_ids), seconds, _q = bench.transaction(base)
    started = time.perf_counter()
    for user_id in host_ids + member_ids + page_ids:
        bench.transaction(lambda env: bench.connect(env, env["res.users"].browse(user_id)))
    connect_seconds = time.perf_counter() - started

    def groups(env):
        Group = env["calendar.group"]
        rr = Group.create({"name": "Bench Round Robin", "scheduling_mode": "round_robin",
                           "meeting_location": "zoom", "duration": 0.5,
                           "member_ids": [(6, 0, host_ids)]})
        by_size = {size: Group.create({
            "name": "Bench %d members" % size, "scheduling_mode": "round_robin",
            "meeting_location": "zoom", "duration": 0.5,
            "member_ids": [(6, 0, member_ids[:size])]}).id for size in sizes}
        return rr.id, by_size
    (rr_group, rr_groups), _s, _q = bench.transaction(groups)
    # No daily cap in the way: the benchmark is about cost, not quotas.
    bench.fake.control.config(daily_limit=10 ** 6)
    out("Set-up: %d users and %d partners in %.1f s, %d users connected to Zoom through OAuth in %.1f s"
        % (len(host_ids) + len(member_ids), len(externals) + len(rr_guests), seconds,
           len(host_ids) + len(member_ids), connect_seconds))
    out()
    return {"hosts": host_ids, "externals": externals, "five_guests": five_guests,
            "rr_group": rr_group, "rr_sizes": sizes,
            "rr_groups": rr_groups, "rr_members": member_ids, "rr_guests": rr_guests,
            "page_members": page_ids}


def summary_line(figures):
    """One line, the same for both Odoo versions: "bench:" (11.0) or
    "bench 17.0:" first."""
    label = "bench 17.0" if ODOO_17 else "bench"
    if None in figures.values():
        return label + " (partial): " + " ".join(
            "%s=%s" % (key, "n/a" if value is None else "%.2f" % value) for key, value in figures.items())
    return (label + ": overhead=%.2fx zoom_calls=%.2f refreshes=%d new_connections_per_100=%g "
            "extra_queries=%g rr_ms=%.1f rr_scaling=%.2fx latency_calls=%.2fx latency_5ext=%.2fx "
            "page_ms=%.1f page_scaling=%.2fx" % (
                figures["overhead"], figures["zoom_calls"], figures["refreshes"],
                round(figures["new_connections_per_100"], 2), round(figures["extra_queries"], 1),
                figures["rr_ms"], figures["rr_scaling"], figures["latency_calls"],
                figures["latency_5ext"], figures["page_ms"], figures["page_scaling"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument("--database", required=True, help="a database with zoom_calendar installed")
    parser.add_argument("--quick", action="store_true", help="fewer bookings and events (a smoke run)")
    parser.add_argument("--only", default="bookings,latency,rr,page",
                        help="a part of the benchmarks, for a quick look: bookings (1-3), latency "
                             "(5, needs bookings), rr (4), page (6); the summary then says n/a for the rest")
    parser.add_argument("--threads", choices=("request", "one"), default="request",
                        help="request: each transaction on a new thread, as Odoo's threaded server "
                             "(workers = 0) runs requests; one: all on one thread, as a prefork worker")
    parser.add_argument("--results", help="also write the report (Markdown) to this file")
    parser.add_argument("--trace", help="write every statement of one Zoom booking and one plain "
                                        "create, with the code that ran it, to this file")
    args = parser.parse_args()

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    started = time.time()
    bench = Bench(args.database, args.quick)
    bench.trace = args.trace
    bench.threads = args.threads
    bench.only = args.only
    bench.fake = start_fake_zoom()
    try:
        out("# zoom_calendar benchmarks (%s)" % ODOO_NAME)
        out()
        out("%s, Python %s, PostgreSQL %s, %d CPUs, database %s%s" % (
            datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"), platform.python_version(),
            bench.transaction(lambda env: env.cr._cnx.server_version)[0], os.cpu_count(),
            args.database, " (--quick)" if args.quick else ""))
        out()
        out("Each transaction runs %s." % (
            "on a thread of its own, as Odoo's threaded server (workers = 0) runs each request"
            if args.threads == "request" else "on one thread, as in a prefork worker (--threads one)"))
        out()
        setup = set_up(bench)
        figures = dict.fromkeys(TARGETS)
        if "bookings" in args.only:
            run, zoom_at_0, measured = bench_bookings(bench, setup)
            figures.update(measured)
            if "latency" in args.only:
                figures.update(bench_latency(bench, run, zoom_at_0))
                figures.update(bench_latency_5ext(bench, setup))
        if "rr" in args.only:
            figures.update(bench_round_robin(bench, setup))
        if "page" in args.only:
            figures.update(bench_page(bench, setup, args.database))
    finally:
        bench.fake.stop()
    out("Run time: %.0f s" % (time.time() - started))
    out()
    line = summary_line(figures)
    if args.results:
        with open(args.results, "w") as handle:
            handle.write("\n".join(out.lines + ["```", line, "```", ""]))
    print(line, flush=True)


if __name__ == "__main__":
    main()
