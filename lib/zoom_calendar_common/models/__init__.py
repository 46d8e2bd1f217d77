# The addon's models as both versions declare them (see the package's
# docstring): importing this registers them with zoom_calendar.
from . import calendar_group
from . import calendar_group_member
from . import zoom_account
from . import zoom_meeting
from . import zoom_meeting_registrant
from . import zoom_meeting_participant
from . import calendar_event
from . import calendar_attendee
from . import res_users
from . import res_config_settings
from . import zoom_webhook_delivery
from . import calendar_public_booking
from . import mail_template
