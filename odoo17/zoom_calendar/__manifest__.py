# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "Zoom Meetings for Calendar Bookings",
    "summary": "A unique Zoom meeting for every group-calendar booking, "
    "created with the host's own Zoom account and kept in sync",
    "version": "17.0.2.0.0",
    "category": "Productivity/Calendar",
    "author": "zoom_calendar authors",
    "license": "LGPL-3",
    "depends": ["calendar", "base_setup", "resource"],
    "external_dependencies": {
        "python": ["requests", "cryptography", "zoom_scheduling", "zoom_calendar_common"],
    },
    "data": [
        "security/zoom_calendar_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/zoom_meeting_views.xml",
        "views/zoom_account_views.xml",
        "wizards/zoom_reassign_views.xml",
        "views/calendar_group_views.xml",
        "views/calendar_event_views.xml",
        "views/res_users_views.xml",
        "views/res_config_settings_views.xml",
        "views/zoom_calendar_templates.xml",
        "views/booking_templates.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/calendar_group_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "installable": True,
    "application": False,
}
