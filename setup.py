"""The fake Zoom server as a Python package, so that the addon's tests find
it under any runner: pytest, and Odoo's own (`odoo -i zoom_calendar
--test-enable`), which imports only what is installed or on the addons path.
scripts/setup.sh installs it in editable mode (`pip install -e .`): the venv
then always runs this checkout's fake_zoom/."""
from setuptools import setup

setup(
    name="zoom-calendar-fake-zoom",
    version="1.0.0",
    description="A fake Zoom (OAuth and the Meetings API zoom_calendar uses) for tests and demos",
    license="LGPL-3",
    packages=["fake_zoom"],
    python_requires=">=3.7",
)
