# pylint: disable=missing-readme (README.rst is the repository's; readme/ holds its fragments)
from . import models
from . import wizards
from . import controllers
from .hooks import post_init_hook, uninstall_hook
