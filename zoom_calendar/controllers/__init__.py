from . import booking, main
