"""The few HTML pages a person sees on the fake Zoom."""
from html import escape

AUTHORIZE_FIELDS = ('response_type', 'client_id', 'redirect_uri', 'state',
                    'code_challenge', 'code_challenge_method')

STYLE = """
body{font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;background:#f4f6fa;
margin:0;color:#232333}
.card{max-width:400px;margin:64px auto;background:#fff;border-radius:12px;padding:32px;
box-shadow:0 2px 12px rgba(0,0,0,.08)}
.logo{color:#0b5cff;font-weight:700;font-size:28px;letter-spacing:-1px}
h1{font-size:20px;margin:16px 0 8px}
p{color:#555;line-height:1.4}
label{display:block;font-size:14px;margin:20px 0 6px}
input[type=email],select{width:100%;box-sizing:border-box;padding:10px 12px;font-size:15px;
border:1px solid #c8ccd4;border-radius:8px}
ul{padding-left:20px;color:#555}
.buttons{display:flex;flex-direction:row-reverse;gap:12px;margin-top:24px}
button{flex:1;padding:11px;font-size:15px;border-radius:8px;cursor:pointer;border:1px solid #0b5cff}
#approve{background:#0b5cff;color:#fff}
#deny{background:#fff;color:#0b5cff}
.error{color:#c62828}
.note{font-size:12px;color:#888;margin-top:24px}
"""


def _page(title, body):
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<title>%s</title><style>%s</style></head><body><div class="card">'
            '<div class="logo">zoom</div>%s</div></body></html>') % (escape(title), STYLE, body)


def consent_page(params, error=None):
    """Sign-in and consent form; hidden fields carry the authorize query.
    The person picks the Zoom account type they sign in with (Licensed by
    default)."""
    basic = params.get('user_type') == '1'
    hidden = ''.join('<input type="hidden" name="%s" value="%s">' % (
        name, escape(params.get(name) or '')) for name in AUTHORIZE_FIELDS)
    body = (
        '<h1>Sign in to Zoom (fake)</h1>'
        '<p>An app wants to access your Zoom account. It will be able to:</p>'
        '<ul><li>see your profile</li><li>view, create, change and delete your meetings</li></ul>'
        '%s'
        '<form method="post" action="/oauth/authorize">%s'
        '<label for="email">Email address</label>'
        '<input type="email" id="email" name="email" required autofocus '
        'placeholder="you@example.com" value="%s">'
        '<label for="user_type">Account type</label>'
        '<select id="user_type" name="user_type">'
        '<option value="2"%s>Licensed (registration and personal links)</option>'
        '<option value="1"%s>Basic (free: one link for all attendees)</option>'
        '</select>'
        # Approve comes first in the markup so that Enter in the email field
        # approves (a form submits with its first button); CSS shows it on the right.
        '<div class="buttons">'
        '<button type="submit" id="approve" name="decision" value="approve">Approve</button>'
        '<button type="submit" id="deny" name="decision" value="deny" formnovalidate>Deny</button>'
        '</div></form>'
        '<p class="note">This is a test double of Zoom: no password, no real account.</p>'
    ) % ('<p class="error">%s</p>' % escape(error) if error else '', hidden,
         escape(params.get('email') or ''),
         '' if basic else ' selected', ' selected' if basic else '')
    return _page('Sign in to Zoom (fake)', body)


def error_page(message):
    return _page('Zoom: request refused', '<h1>This request cannot be served</h1>'
                 '<p class="error">%s</p>' % escape(message))


def meeting_page(kind, meeting_id):
    """What a join, start or registrant link opens."""
    action = {'j': 'joined', 's': 'started', 'w': 'joined'}.get(kind, 'opened')
    return _page('Zoom meeting %s' % meeting_id,
                 '<h1>You %s meeting %s</h1><p>(fake Zoom: nothing more happens here)</p>'
                 % (action, escape(str(meeting_id))))
