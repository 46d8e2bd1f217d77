"""Companies (issue 12, 5): a group calendar and its bookings' Zoom meetings
belong to one company; its members must be allowed in it; a user working in
two companies keeps one Zoom binding for both."""
from zoom_calendar_common.tests.companies import CompaniesTests
from .common import ZoomCase


class TestCompanies(CompaniesTests, ZoomCase):

    def current_company(self):
        return self.env.user.company_id

    def error_text(self, exception):
        return exception.name

    def drop_cache(self):
        self.env.cache.invalidate()

    def as_user(self, records, user):
        return records.sudo(user)

    def meetings_seen_by(self, user, company):
        """On 11.0 a user's current company is a field of theirs: set here."""
        user.company_id = company
        return self.env["zoom.meeting"].sudo(user).search([])

    def visible_calendars(self, user):
        return self.env["calendar.group"].sudo(user).search([("id", "in", (self.round_robin | self.beta_calendar).ids)])

    def test_a_new_calendar_belongs_to_its_creators_current_company(self):
        self.assertEqual(self.round_robin.company_id, self.main)
        self.env.user.write({"company_ids": [(4, self.beta.id)], "company_id": self.beta.id})
        self.assertEqual(self.env["calendar.group"].create({"name": "Beta Support"}).company_id, self.beta)

    def test_users_see_the_calendars_of_their_current_company(self):
        self.assertEqual(self.visible_calendars(self.bob), self.round_robin)
        self.assertEqual(self.visible_calendars(self.alice), self.round_robin)
        self.alice.company_id = self.beta
        self.assertEqual(self.visible_calendars(self.alice), self.beta_calendar)
