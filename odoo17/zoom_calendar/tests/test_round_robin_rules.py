"""Round robin's settings: member lines (priority, weight, max per day),
distribution modes, the fairness window and what it counts, the contact's
salesperson first, and what the calendar's form shows of the rotation.

The tests both addons run are in zoom_calendar_common.tests.round_robin_rules;
here, Odoo 17's helpers and its own tests."""
from odoo.tests import Form, tagged

from zoom_calendar_common.tests.round_robin_rules import (
    FairnessWindowTests, MaxPerDayTests, MemberLinesTests, PreferOwnerOnThePublicPageTests, PreferOwnerTests,
    PriorityAndModesTests, RotationOnTheFormTests)
from .common import ZoomCase, ZoomHttpCase


class Odoo17Helpers(object):
    """What the shared tests do as Odoo 17 does it."""

    def error_text(self, exception):
        return str(exception)

    def orm_datetime(self, value):
        return value

    def flush(self):
        self.env.flush_all()

    def invalidate(self):
        self.env.invalidate_all()


class TestMemberLines(MemberLinesTests, Odoo17Helpers, ZoomCase):

    def test_member_lines_in_the_calendars_form(self):
        # 17.0's form (the web client's onchange and save), as a manager fills it.
        with Form(self.round_robin) as form:
            with form.member_line_ids.edit(0) as line:
                line.weight = 150
            with form.member_line_ids.new() as line:
                line.user_id = self._make_user("dave", "Dave Doe")
                line.priority = "high"
        dave_line = self.round_robin.member_line_ids.filtered(lambda line: line.user_id.login == "test_dave")
        self.assertEqual((dave_line.priority, dave_line.weight), ("high", 100))
        self.assertIn(150, self.round_robin.member_line_ids.mapped("weight"))
        self.assertIn(dave_line.user_id, self.round_robin.member_ids)


class TestPriorityAndModes(PriorityAndModesTests, Odoo17Helpers, ZoomCase):
    pass


class TestFairnessWindow(FairnessWindowTests, Odoo17Helpers, ZoomCase):
    pass


class TestMaxPerDay(MaxPerDayTests, Odoo17Helpers, ZoomCase):
    pass


class TestPreferOwner(PreferOwnerTests, Odoo17Helpers, ZoomCase):
    pass


class TestRotationOnTheForm(RotationOnTheFormTests, Odoo17Helpers, ZoomCase):
    pass


@tagged("post_install", "-at_install")
class TestPreferOwnerOnThePublicPage(PreferOwnerOnThePublicPageTests, Odoo17Helpers, ZoomHttpCase):

    def assert_known_email_not_shown(self, response):
        self.assertNotIn("erin@example.org", response.text)  # only what the visitor typed
