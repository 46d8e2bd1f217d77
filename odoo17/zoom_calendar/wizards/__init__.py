from . import zoom_reassign
from . import zoom_reassign_all
