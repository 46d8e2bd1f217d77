"""Every test module, for Odoo's own runner (`--test-enable`), which runs
what this package imports; pytest finds them by name. `make test` fails when
a test_*.py file is missing here (scripts/odoo_test_runner.py)."""
from . import test_access
from . import test_after_commit
from . import test_attendance
from . import test_bad_input
from . import test_booking_form
from . import test_booking_page
from . import test_busy_timezones
from . import test_collective
from . import test_collective_co_hosts
from . import test_companies
from . import test_concurrency
from . import test_controllers
from . import test_crash_safety
from . import test_faults
from . import test_i18n
from . import test_invitations
from . import test_meeting_location
from . import test_meeting_sync
from . import test_owned_fields
from . import test_public_page_security
from . import test_reassignment
from . import test_round_robin
from . import test_round_robin_rules
from . import test_secrets
from . import test_security_http
from . import test_stack
from . import test_tokens
from . import test_translated_invitations
from . import test_tx_rules
from . import test_visitor_lang
from . import test_working_hours
from . import test_zoom_account
from . import test_zoom_account_types
from . import test_zoom_meeting_options
from . import test_zoom_urls
