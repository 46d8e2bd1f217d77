"""A real Odoo server process on the test database, for the tests that kill
Odoo (SIGKILL) or run several Odoo servers at once. It sees what the tests
commit (CommittedZoomMixin), not what a test case leaves uncommitted.

Each addon's tests/odoo_server.py says how its Odoo starts, in a subclass
of OdooServer: ``odoo_command()`` (odoo-bin, with the options that only
its Odoo gets: how it finds its configuration...), ``CWD`` (the folder it
runs in), ``process_env()`` (its environment variables),
``WORKER_PORT_OPTION`` (with workers, the option for the port of the
process that serves long connections) and ``LOG_PREFIX`` (how its log
file's name begins)."""
import os
import signal
import subprocess
import tempfile
import time
import xmlrpc.client

import odoo
import odoo.tests.common

from fake_zoom.testing import unused_port


class OdooServer(object):
    """``odoo-bin`` serving the test database on a port of its own, without
    cron threads (the tests run the scheduled actions when they mean to)."""

    def __init__(self, workers=0):
        self.port = unused_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.dbname = odoo.tests.common.get_db_name()
        self.log = tempfile.NamedTemporaryFile(prefix=self.LOG_PREFIX, suffix=".log", delete=False).name
        command = self.odoo_command() + [
            "-d", self.dbname, "--db-filter=^%s$" % self.dbname,
            "--http-port=%d" % self.port, "--max-cron-threads=0", "--logfile=%s" % self.log,
            "--log-level=info",
            # Two servers and the tests share PostgreSQL's 100 connections.
            "--db_maxconn=32"]
        if workers:
            command += ["--workers=%d" % workers, "%s=%d" % (self.WORKER_PORT_OPTION, unused_port())]
        self.command = command
        self.process = subprocess.Popen(command, cwd=self.CWD, env=self.process_env(), stdout=subprocess.DEVNULL,
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
