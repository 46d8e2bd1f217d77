"""What zoom_calendar does that does not depend on Odoo, shared by its Odoo
11.0 and 17.0 addons: the Zoom client and webhook checks (zoom_api), what
Zoom should hold for a booking (meeting_payload), slot arithmetic
(booking_slots), the round-robin ranking (round_robin), the public page's
helpers (form_stamp, public_requests, visitor_lang, visitor_text), the OAuth state
(oauth_state) and encryption at rest (secret_box).

No module here imports odoo: the addons translate its errors into their
own UserError messages.
"""
