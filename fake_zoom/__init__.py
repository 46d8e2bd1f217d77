"""A fake Zoom (OAuth + the Meetings API subset zoom_calendar uses) for tests and demos.

Run it with ``python -m fake_zoom``; see ``fake_zoom.testing`` to drive it
from tests. Standard library only, no Odoo import.
"""
