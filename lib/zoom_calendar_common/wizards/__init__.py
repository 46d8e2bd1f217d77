# The addon's wizards as both versions declare them (see the package's
# docstring): importing this registers them with zoom_calendar.
from . import zoom_reassign
from . import zoom_reassign_all
