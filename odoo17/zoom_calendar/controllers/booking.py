# Copyright 2026 zoom_calendar authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The public booking page of a group calendar, /book/<id or slug>: its
routes and pages are zoom_calendar_common.controllers.booking's, in 17.0's
``web.frontend_layout`` (neither website nor portal is needed); this is
what Odoo 17.0 does its own way."""
from odoo import http
from odoo.http import request

from zoom_calendar_common.controllers.booking import BookingControllerCommon


class BookingController(BookingControllerCommon, http.Controller):

    @staticmethod
    def _set_request_lang(lang):
        request.update_context(lang=lang)

    @staticmethod
    def _redirect(location, code):
        return request.redirect(location, code)
