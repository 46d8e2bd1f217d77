"""Odoo's own test runner on the addon, as `odoo -i zoom_calendar
--test-enable` and Odoo CI images use it (pytest finds tests otherwise).

Run by scripts/test.sh through Odoo's shell (which defines ``env``), from
outside the checkout, so that fake_zoom comes from the installed package as
it would under Odoo's runner. It fails when Odoo's discovery finds no test
module, or misses a test_*.py file (not imported by tests/__init__.py), or
when the sample module fails under Odoo's runner. The whole suite under
both runners would double the time of `make test`: pytest runs it all.
"""
import os
import sys
import unittest

from odoo.modules.module import get_module_path, get_test_modules, run_unit_tests, runs_at_install, unwrap_suite

ADDON = "zoom_calendar"
SAMPLE = "test_stack"  # the stack itself: a few seconds

found = {module.__name__.rsplit(".", 1)[1]: module for module in get_test_modules(ADDON)}
tests_dir = os.path.join(get_module_path(ADDON), "tests")
files = {name[:-3] for name in os.listdir(tests_dir) if name.startswith("test_") and name.endswith(".py")}
missing = sorted(files - set(found))
tests = list(unwrap_suite(unittest.TestLoader().loadTestsFromModule(found[SAMPLE]))) if SAMPLE in found else []
if not found or missing or not tests:
    print("Odoo's test runner finds %d test modules in %s; missing from tests/__init__.py: %s"
          % (len(found), ADDON, ", ".join(missing) or "none"))
    sys.exit(1)


def in_sample(test):
    return runs_at_install(test) and type(test).__module__ == found[SAMPLE].__name__


ok = run_unit_tests(ADDON, env.cr.dbname, position=in_sample)  # noqa: F821 (Odoo's shell)
print("Odoo's test runner: %d test modules found; %s (%d tests) %s"
      % (len(found), SAMPLE, len(tests), "passed" if ok else "FAILED"))
sys.exit(0 if ok else 1)
