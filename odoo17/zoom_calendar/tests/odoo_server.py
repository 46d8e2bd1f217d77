"""A real Odoo 17.0 server process on the test database, for the tests that
kill Odoo (SIGKILL) or run several Odoo servers at once. It sees what the
tests commit (CommittedZoomMixin), not what a test case leaves uncommitted.

It is the odoo-bin of the Odoo that runs the tests (its source tree is the
folder above the ``odoo`` package, ODOO17_SRC), under the same Python, with
the same configuration file and database settings."""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xmlrpc.client

import odoo
from odoo.tests.common import get_db_name

ODOO_SRC = os.environ.get("ODOO17_SRC") or os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
ODOO_BIN = os.path.join(ODOO_SRC, "odoo-bin")
# The options the tests' own Odoo got on its command line rather than in
# its configuration file: the server gets them too.
PASSED_ON = ("addons_path", "db_host", "db_port", "db_user", "db_password", "data_dir")


def free_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


class OdooServer(object):
    """``odoo-bin`` serving the test database on a port of its own, without
    cron threads (the tests run the scheduled actions when they mean to)."""

    def __init__(self, workers=0):
        config = odoo.tools.config
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.dbname = get_db_name()
        self.log = tempfile.NamedTemporaryFile(prefix="odoo17_server_", suffix=".log", delete=False).name
        command = [sys.executable, ODOO_BIN]
        if config.rcfile and os.path.exists(config.rcfile):
            command += ["-c", config.rcfile]
        for key in PASSED_ON:
            if config.get(key):
                command.append("--%s=%s" % (key.replace("_", "-") if key in ("addons_path", "data_dir") else key,
                                            config[key]))
        command += ["-d", self.dbname, "--db-filter=^%s$" % self.dbname, "--no-database-list",
                    "--http-port=%d" % self.port, "--max-cron-threads=0", "--logfile=%s" % self.log,
                    "--log-level=info",
                    # Two servers and the tests share PostgreSQL's 100 connections.
                    "--db_maxconn=32"]
        if workers:
            command += ["--workers=%d" % workers, "--gevent-port=%d" % free_port()]
        self.command = command
        self.process = subprocess.Popen(command, cwd=ODOO_SRC, env=dict(os.environ), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        self._wait_ready()

    def _wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("Odoo exited with %s: see %s" % (self.process.returncode, self.log))
            try:  # no page: the first one builds the assets (long)
                xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/common").version()
                return
            except (OSError, xmlrpc.client.Error):
                time.sleep(0.3)  # not serving yet
        self.stop()
        raise RuntimeError("Odoo did not answer within %d s: see %s" % (timeout, self.log))

    def kill(self):
        """SIGKILL, as a crash or the OOM killer would: no handler runs.
        The whole process group, workers included."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def errors(self):
        """The ERROR lines of its log, tracebacks' first lines."""
        with open(self.log) as handle:
            return [line for line in handle if " ERROR " in line or " CRITICAL " in line]
