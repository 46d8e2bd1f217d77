"""The base of every mixin here, shaped for the Odoo that runs it.

An Odoo model class is rebuilt when the registry loads (its ``__bases__``
are assigned), which Python allows only between classes of the same
instance layout. Odoo 17's model classes have no instance dict
(``__slots__ = ()``), so neither may a mixin of theirs; Odoo 11's have one,
and a mixin without it would not fit. Each mixin declares ``__slots__ = ()``
too, and so has exactly the layout of this base."""
from odoo import release

if release.version_info[0] >= 17:
    class Mixin(object):
        __slots__ = ()
else:
    class Mixin(object):
        pass
