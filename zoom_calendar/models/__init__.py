# The models as both versions declare them, first: the classes below extend them.
from zoom_calendar_common import models as common_models  # noqa: F401  pylint: disable=unused-import

from . import calendar_group
from . import calendar_group_member
from . import zoom_account
from . import zoom_meeting
from . import zoom_meeting_participant
from . import calendar_event
from . import calendar_attendee
from . import res_users
from . import zoom_webhook_delivery
from . import calendar_public_booking
from . import mail_template
from . import ir_translation
