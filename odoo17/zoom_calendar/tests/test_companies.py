"""Companies (issue 12, 5): a group calendar and its bookings' Zoom meetings
belong to one company; its members must be allowed in it; a user working in
two companies keeps one Zoom binding for both.

On 17.0 the current company is the web client's company switcher: the
context's ``allowed_company_ids`` (``with_company``), not a field written on
the user."""
from zoom_calendar_common.tests.companies import CompaniesTests
from .common import ZoomCase


class TestCompanies(CompaniesTests, ZoomCase):

    def current_company(self):
        return self.env.company

    def error_text(self, exception):
        return str(exception)

    def drop_cache(self):
        self.env.invalidate_all()

    def as_user(self, records, user):
        return records.with_user(user)

    def as_user_in(self, model, user, *companies):
        """``model`` as ``user`` working in ``companies`` (the switcher)."""
        return self.env[model].with_user(user).with_context(allowed_company_ids=[c.id for c in companies])

    def visible_calendars(self, user, *companies):
        return self.as_user_in("calendar.group", user, *companies).search(
            [("id", "in", (self.round_robin | self.beta_calendar).ids)])

    def meetings_seen_by(self, user, company):
        return self.as_user_in("zoom.meeting", user, company).search([])

    def test_a_new_calendar_belongs_to_its_creators_current_company(self):
        self.assertEqual(self.round_robin.company_id, self.main)
        self.assertEqual(self.env["calendar.group"].with_company(self.beta).create(
            {"name": "Beta Support"}).company_id, self.beta)

    def test_users_see_the_calendars_of_their_current_company(self):
        self.assertEqual(self.visible_calendars(self.bob, self.main), self.round_robin)
        self.assertEqual(self.visible_calendars(self.alice, self.main), self.round_robin)
        self.assertEqual(self.visible_calendars(self.alice, self.beta), self.beta_calendar)
        self.assertEqual(self.visible_calendars(self.alice, self.main, self.beta),
                         self.round_robin | self.beta_calendar)
        # Without the switcher's context (RPC): every company of the user's.
        self.assertEqual(self.visible_calendars(self.bob), self.round_robin)
