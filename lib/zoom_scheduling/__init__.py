"""What zoom_calendar does that does not depend on Odoo, shared by its Odoo
11.0 and 17.0 addons: the Zoom client and webhook checks (zoom_api), what
Zoom should hold for a booking (meeting_payload), slot arithmetic
(booking_slots), the round-robin ranking (round_robin), the public page's
helpers (form_stamp, public_requests, visitor_lang, visitor_text), the OAuth state
(oauth_state), encryption at rest (secret_box), a meeting's life and its
attendance as plain decisions (meeting_life, attendance), and the SQL both
addons run on the tables their Odoo versions share (queries).

No module here imports odoo: the addons translate its errors into their
own UserError messages.
"""
