"""Root of the test session: `make test` runs tests/ (no Odoo) and
zoom_calendar/tests/ (pytest-odoo) in one pytest run.

pytest-odoo 1.0.1 treats every collected path as part of an Odoo addon (it
looks for a manifest above it and imports it as `odoo.addons.*`), which
fails outside an addon: the two hooks below answer first for tests/.
"""
from pathlib import Path

import pytest

PLAIN_TESTS = Path(__file__).resolve().parent / "tests"


def _is_plain(path):
    path = Path(str(path))
    return path == PLAIN_TESTS or PLAIN_TESTS in path.parents


def pytest_ignore_collect(collection_path):
    return False if _is_plain(collection_path) else None


def pytest_pycollect_makemodule(module_path, parent):
    if _is_plain(module_path):
        return pytest.Module.from_parent(parent, path=module_path)
    return None
