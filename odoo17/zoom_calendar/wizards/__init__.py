# The wizards as both versions declare them, first: the classes below extend them.
from zoom_calendar_common import wizards as common_wizards  # noqa: F401  pylint: disable=unused-import

from . import zoom_reassign_all
