"""The code both zoom_calendar addons share: zoom_scheduling, what does not
depend on Odoo, and zoom_calendar_common, the Odoo methods both versions run
as they are.

Both addons (Odoo 11.0 in zoom_calendar/, Odoo 17.0 in odoo17/zoom_calendar/)
import them, and declare them in their manifests' external_dependencies. The
project's scripts install it in editable mode into each Odoo's environment
(`pip install -e lib`); into an existing Odoo, `pip install /path/to/lib`.
Python 3.7 compatible, for Odoo 11.0.
"""
from setuptools import find_packages, setup

setup(
    name="zoom-scheduling",
    version="1.0.0",
    description="The Zoom client, webhook checks, meeting payload, slot arithmetic and "
                "round-robin ranking of zoom_calendar, and the Odoo methods its two addons share",
    license="LGPL-3",
    packages=find_packages(),
    python_requires=">=3.7",
    install_requires=["requests", "urllib3", "cryptography", "pytz", "Babel"],
)
