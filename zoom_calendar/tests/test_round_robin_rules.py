"""Round robin's settings: member lines (priority, weight, max per day),
distribution modes, the fairness window and what it counts, the contact's
salesperson first, and what the calendar's form shows of the rotation.

The tests both addons run are in zoom_calendar_common.tests.round_robin_rules;
here, Odoo 11's helpers and its own tests."""
import importlib.util
import os

from zoom_calendar_common.tests.round_robin_rules import (
    FairnessWindowTests, MaxPerDayTests, MemberLinesTests, PreferOwnerOnThePublicPageTests, PreferOwnerTests,
    PriorityAndModesTests, RotationOnTheFormTests)
from .common import ZoomCase, ZoomHttpCase, dt


class Odoo11Helpers(object):
    """What the shared tests do as Odoo 11 does it."""

    def error_text(self, exception):
        return exception.name

    def orm_datetime(self, value):
        return dt(value)

    def flush(self):
        """Odoo 11 writes at once: nothing waits."""

    def invalidate(self):
        self.env.cache.invalidate()


class TestMemberLines(MemberLinesTests, Odoo11Helpers, ZoomCase):

    def test_upgrade_makes_a_line_of_every_member(self):
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                            "migrations", "11.0.2.0.0", "post-group_members.py")
        spec = importlib.util.spec_from_file_location("post_group_members", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        # As 11.0.1 left it: members in the relation table, no lines.
        self.cr.execute("DELETE FROM calendar_group_member WHERE group_id = %s", (self.round_robin.id,))
        self.cr.execute("SELECT count(*) FROM calendar_group_member_rel WHERE group_id = %s",
                        (self.round_robin.id,))
        self.assertEqual(self.cr.fetchone()[0], 3)
        script.migrate(self.cr, "11.0.1.0.0")
        script.migrate(self.cr, "11.0.1.0.0")  # twice: no duplicates
        self.env.cache.invalidate()
        lines = self.round_robin.member_line_ids
        self.assertEqual(set(lines.mapped("user_id")), {self.alice, self.bob, self.carol})
        self.assertEqual(set(lines.mapped("weight")), {100})
        self.assertEqual(self.round_robin.member_ids, self.alice | self.bob | self.carol)


class TestPriorityAndModes(PriorityAndModesTests, Odoo11Helpers, ZoomCase):
    pass


class TestFairnessWindow(FairnessWindowTests, Odoo11Helpers, ZoomCase):
    pass


class TestMaxPerDay(MaxPerDayTests, Odoo11Helpers, ZoomCase):
    pass


class TestPreferOwner(PreferOwnerTests, Odoo11Helpers, ZoomCase):
    pass


class TestRotationOnTheForm(RotationOnTheFormTests, Odoo11Helpers, ZoomCase):
    pass


class TestPreferOwnerOnThePublicPage(PreferOwnerOnThePublicPageTests, Odoo11Helpers, ZoomHttpCase):

    def assert_known_email_not_shown(self, response):
        """Not checked on 11.0."""
