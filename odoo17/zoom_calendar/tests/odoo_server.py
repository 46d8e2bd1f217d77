"""A real Odoo 17.0 server process on the test database, for the tests that
kill Odoo (SIGKILL) or run several Odoo servers at once (the class both
addons share: lib/zoom_calendar_common/tests/odoo_server.py).

It is the odoo-bin of the Odoo that runs the tests (its source tree is the
folder above the ``odoo`` package, ODOO17_SRC), under the same Python, with
the same configuration file and database settings."""
import os
import sys

import odoo

from zoom_calendar_common.tests import odoo_server

ODOO_SRC = os.environ.get("ODOO17_SRC") or os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
ODOO_BIN = os.path.join(ODOO_SRC, "odoo-bin")
# The options the tests' own Odoo got on its command line rather than in
# its configuration file: the server gets them too.
PASSED_ON = ("addons_path", "db_host", "db_port", "db_user", "db_password", "data_dir")


class OdooServer(odoo_server.OdooServer):
    LOG_PREFIX = "odoo17_server_"
    WORKER_PORT_OPTION = "--gevent-port"
    CWD = ODOO_SRC

    def odoo_command(self):
        config = odoo.tools.config
        command = [sys.executable, ODOO_BIN]
        if config.rcfile and os.path.exists(config.rcfile):
            command += ["-c", config.rcfile]
        for key in PASSED_ON:
            if config.get(key):
                command.append("--%s=%s" % (key.replace("_", "-") if key in ("addons_path", "data_dir") else key,
                                            config[key]))
        return command + ["--no-database-list"]

    def process_env(self):
        return dict(os.environ)
