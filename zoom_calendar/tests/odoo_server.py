"""A real Odoo server process on the test database, for the tests that kill
Odoo (SIGKILL) or run several Odoo servers at once (the class both addons
share: lib/zoom_calendar_common/tests/odoo_server.py). On 11.0, it is the
repository's scripts/odoo-bin with the test configuration file."""
import os
import sys

import odoo

from zoom_calendar_common.tests import odoo_server

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class OdooServer(odoo_server.OdooServer):
    LOG_PREFIX = "odoo_server_"
    WORKER_PORT_OPTION = "--longpolling-port"
    CWD = ROOT

    def odoo_command(self):
        return [sys.executable, os.path.join(ROOT, "scripts", "odoo-bin"), "-c", odoo.tools.config.rcfile]

    def process_env(self):
        return dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [ROOT, os.environ.get("PYTHONPATH")])))
