# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "Zoom Meetings for Calendar Bookings",
    "summary": "A unique Zoom meeting for every group-calendar booking, "
               "created with the host's own Zoom account and kept in sync",
    "version": "11.0.1.0.0",
    "category": "Productivity/Calendar",
    "author": "zoom_calendar authors",
    "license": "LGPL-3",
    "depends": ["calendar"],
    "external_dependencies": {"python": ["requests", "cryptography"]},
    "data": [
    ],
    "demo": [
    ],
    "installable": True,
    "application": False,
}
