"""The tests both addons run are in zoom_calendar_common.tests.invitations;
here, Odoo 17's helper."""
from zoom_calendar_common.tests.invitations import InvitationsTests
from .common import ZoomCase


class TestInvitations(InvitationsTests, ZoomCase):

    def as_user(self, records, user):
        return records.with_user(user)
