"""Points the demo database at the fake Zoom server and connects alice and bob
(Licensed Zoom users) and dan (a Basic one); the first time, adds a past
meeting with its attendance from Zoom.

Run by scripts/demo.sh through Odoo's shell, which executes its standard
input with ``env`` (superuser) defined:

    PORT=8069 ZOOM_PORT=8790 PYTHONPATH=. odoo shell -d zoom_demo < scripts/demo_setup.py

The ports vary, so none of this can be XML demo data. Idempotent: a binding
that still works at the fake server is left alone, and carol stays
unconnected (unless she connected herself meanwhile). With DEMO_LOGINS_FILE
set, writes there the demo logins and each one's Zoom state, for the banner
of `make demo`.

The same script serves the Odoo 17.0 demo (scripts/demo.sh --odoo17), on
odoo17/zoom_calendar, which keeps the 11.0 addon's names: the two calls
whose API changed between the versions go through as_user and
invalidate_all below.
"""
import os
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse

from fake_zoom.testing import FakeZoomControl
from odoo import release
from zoom_calendar_common.services import secret_box
from zoom_scheduling.zoom_api import ZoomError, make_pkce_pair

odoo_url = "http://127.0.0.1:%s" % os.environ.get("PORT", "8069")
zoom_url = "http://127.0.0.1:%s" % os.environ.get("ZOOM_PORT", "8790")
client_id = os.environ.get("ZOOM_CLIENT_ID", "demo-client-id")
client_secret = os.environ.get("ZOOM_CLIENT_SECRET", "demo-client-secret")
webhook_secret = os.environ.get("ZOOM_WEBHOOK_SECRET", "demo-webhook-secret")
# Login -> the Zoom account type chosen on the consent page (1 Basic, 2 Licensed).
demo_logins = {"alice": 2, "bob": 2, "dan": 1}
ODOO_17 = release.version_info[0] >= 17


def as_user(records, user):
    """``records`` as ``user``: sudo(user) in 11.0, with_user(user) since 13.0."""
    return records.with_user(user) if ODOO_17 else records.sudo(user)


def invalidate_all(env):
    """Forget every cached field value: read again from the database."""
    if ODOO_17:
        env.invalidate_all()
    else:
        env.cache.invalidate()


def set_settings(env):
    """What Settings > General Settings > Zoom would store (see
    res_config_settings.set_values), secrets encrypted with the server's key."""
    params = env["ir.config_parameter"].sudo()
    params.set_param("web.base.url", odoo_url)
    params.set_param("zoom_calendar.client_id", client_id)
    settings = env["zoom.account"]._zoom_settings()
    # Fernet tokens differ at each encryption: re-encrypt only on a change.
    if settings["client_secret"] != client_secret:
        params.set_param("zoom_calendar.client_secret_enc", secret_box.encrypt(client_secret))
    if settings["webhook_secret"] != webhook_secret:
        params.set_param("zoom_calendar.webhook_secret_enc", secret_box.encrypt(webhook_secret))
    params.set_param("zoom_calendar.oauth_base_url", zoom_url)
    params.set_param("zoom_calendar.api_base_url", zoom_url + "/v2")
    # No SMTP server here: keep the invitations in the mail queue (Settings >
    # Technical > Email > Emails, in developer mode) instead of failing to
    # send them every minute.
    cron = env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
    if cron and cron.active:
        cron.active = False


def unstick_modules(env):
    """The wheels ship ~180 addons whose dependencies are missing: Odoo marks
    the auto-install ones 'to install' at database creation and, unable to
    load them, leaves them so. Odoo's scheduler then skips the whole database
    ("modules to install/upgrade/remove"), so no scheduled action (the Zoom
    retries among them) would ever run. The install is complete when this
    runs, so whatever is still 'to install' cannot be installed."""
    env.cr.execute("UPDATE ir_module_module SET state = 'uninstalled' WHERE state = 'to install'")
    if env.cr.rowcount:
        print("    %d uninstallable auto-install modules reset to 'uninstalled'" % env.cr.rowcount)


def works(user):
    """True when the user's binding is connected and Zoom accepts its token
    (the fake's state may have been reset since it was made)."""
    account = user.sudo().zoom_account_ids[:1]
    if account.state != "connected":
        return False
    try:
        account._zoom_client().get_me()
    except ZoomError:
        return False
    return True


def connect(env, user, user_type):
    """The product's OAuth path: authorize URL, the user approves on the
    consent page (as a Zoom user of ``user_type``), then the callback's code
    exchange, as that user."""
    redirect_uri = odoo_url + "/zoom/oauth/callback"
    verifier, challenge = make_pkce_pair()
    url = env["zoom.account"]._zoom_oauth().authorize_url(redirect_uri, "demo-setup", challenge)
    location = FakeZoomControl(zoom_url).approve_consent(url, user.email, user_type=user_type)
    code = parse_qs(urlparse(location).query)["code"][0]
    return as_user(env["zoom.account"], user)._connect_with_code(code, redirect_uri, verifier)


ZOOM_STATES = {
    "connected": "Zoom connected as %(email)s",
    "reconnect_needed": "Zoom must be reconnected: Preferences > Connect Zoom",
    "not_connected": "not connected: try Preferences > Connect Zoom",
}


def logins_banner(env):
    """The banner's logins: admin, then every demo user of the addon (their
    password is their login) with their Zoom state as the database holds it."""
    env.cr.execute("SELECT res_id FROM ir_model_data WHERE module = 'zoom_calendar' "
                   "AND model = 'res.users' ORDER BY res_id")
    users = env["res.users"].browse([row[0] for row in env.cr.fetchall()]).exists()
    lines = ["admin / admin"]
    for user in users:
        state = ZOOM_STATES[user.zoom_state] % {"email": user.zoom_email}
        lines.append("%-16s %s" % ("%s / %s" % (user.login, user.login), state))
    return "\n".join(lines)


def zoom_time(value):
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def past_meeting(env):
    """A booking of last week on Sales Round Robin, hosted by alice, which
    Erin attended and Grace missed, as Zoom reported it: the fake Zoom makes
    the participant and end notifications, applied as the webhook would
    (Odoo is not serving yet). Made once."""
    name = "Demo: follow-up call (last week)"
    if env["calendar.event"].search_count([("name", "=", name)]):
        return
    alice = env.ref("zoom_calendar.res_users_alice")
    erin = env.ref("zoom_calendar.res_partner_erin")
    grace = env.ref("zoom_calendar.res_partner_grace")
    start = (datetime.utcnow() - timedelta(days=7)).replace(hour=9, minute=0, second=0, microsecond=0)

    def when(moment):
        return {"start": moment.strftime("%Y-%m-%d %H:%M:%S"),
                "stop": (moment + timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M:%S")}
    # Zoom takes no registrant for a meeting that is over: booked for next
    # week first, then moved back to last week. The Zoom calls run once the
    # booking commits, as in a request.
    event = env["calendar.event"].create(dict(
        when(start + timedelta(days=14)), name=name, duration=0.5, user_id=alice.id,
        group_calendar_id=env.ref("zoom_calendar.calendar_group_sales_round_robin").id,
        partner_ids=[(6, 0, [erin.id, grace.id])]))
    env.cr.commit()
    event.write(when(start))
    env.cr.commit()
    invalidate_all(env)
    meeting = event.zoom_meeting_id.sudo()
    if not meeting.zoom_meeting_id or meeting.last_error:
        print("    the past demo meeting could not be made at the fake Zoom: %s" % meeting.last_error)
        return
    erin_link = meeting.registrant_ids.filtered(lambda reg: reg.partner_id == erin).registrant_id
    control = FakeZoomControl(zoom_url)
    for kind, person in [
            ("meeting.participant_joined", dict(email=alice.email, time=zoom_time(start))),
            ("meeting.participant_joined", dict(registrant_id=erin_link, time=zoom_time(start + timedelta(minutes=2)))),
            ("meeting.participant_left", dict(registrant_id=erin_link, time=zoom_time(start + timedelta(minutes=26)))),
            ("meeting.participant_left", dict(email=alice.email, time=zoom_time(start + timedelta(minutes=28)))),
            ("meeting.ended", {})]:
        sent = control.send_webhook("http://127.0.0.1:9/", kind, meeting_id=meeting.zoom_meeting_id, **person)
        env["zoom.meeting"]._apply_webhook(sent["event"]["event"], sent["event"]["payload"])
    print("    a past meeting: Erin came, Grace did not (%s)" % name)


def main(env):
    unstick_modules(env)
    set_settings(env)
    env.cr.commit()
    for login, user_type in sorted(demo_logins.items()):
        user = env.ref("zoom_calendar.res_users_%s" % login)
        if works(user):
            print("    %s: Zoom already connected (%s)" % (login, user.sudo().zoom_email))
            continue
        # A failed token refresh marks the binding on a cursor of its own:
        # start a new transaction to see (and then update) that row.
        env.cr.commit()
        invalidate_all(env)
        account = connect(env, user, user_type)
        print("    %s: Zoom connected as %s (%s)" % (login, account.zoom_email, account.zoom_user_type))
    env.cr.commit()
    past_meeting(env)
    env.cr.commit()
    if os.environ.get("DEMO_LOGINS_FILE"):
        invalidate_all(env)
        with open(os.environ["DEMO_LOGINS_FILE"], "w") as banner:
            banner.write(logins_banner(env) + "\n")


main(env)  # noqa: F821 (defined by Odoo's shell)
