"""Ctrl-C on `make demo` is a clean stop: exit status 0, no "make: ***
Error 130". Checked on the helper scripts/demo.sh serves with
(serve_until_stopped in scripts/common.sh), run by make at a terminal (a
pseudo-terminal here) the way `make demo` runs it, with a long `sleep`
standing in for Odoo: the real demo needs a database made first."""
import os
import pty
import select
import signal
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The last lines of scripts/demo.sh, with `sleep` for Odoo (make wants tabs).
RECIPE = "\n".join([
    "demo:",
    "\t@bash -c 'source \"$(ROOT)/scripts/common.sh\"; \\",
    "\t    trap \"exit 0\" INT; \\",
    "\t    start_bg sleep 300; server=$$bg_pid; echo $$server >\"$(PIDFILE)\"; \\",
    "\t    trap \"stop_bg $$server\" EXIT; \\",
    "\t    echo SERVING; \\",
    "\t    serve_until_stopped $$server || exit $$?; \\",
    "\t    kill -0 $$server 2>/dev/null && exit 0; \\",
    "\t    echo \"server ended by itself\"; exit 3'",
    "",
])


def run_in_terminal(argv, keys, wait_for, timeout=30):
    """Runs argv in a new pseudo-terminal; types `keys` once `wait_for`
    appears. Returns (exit status, everything it printed)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty
        os.execvp(argv[0], argv)
    output, sent, deadline = b"", False, time.time() + timeout
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                data = os.read(fd, 1024)
            except OSError:  # the terminal closed: everyone exited
                break
            if not data:
                break
            output += data
        if not sent and wait_for in output:
            time.sleep(0.3)
            os.write(fd, keys)
            sent = True
    else:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
    return code, output.decode(errors="replace")


def test_ctrl_c_at_the_terminal_stops_make_demo_with_status_0(tmp_path):
    makefile = tmp_path / "Makefile"
    pid_file = tmp_path / "server.pid"
    makefile.write_text(RECIPE.replace("$(ROOT)", REPO_ROOT).replace("$(PIDFILE)", str(pid_file)))
    status, output = run_in_terminal(["make", "-s", "-f", str(makefile), "demo"], b"\x03", b"SERVING")
    assert status == 0, output
    assert "Error" not in output and "Interrupt" not in output, output
    server = int(pid_file.read_text())
    assert not os.path.exists("/proc/%d" % server) or \
        open("/proc/%d/stat" % server).read().split()[2] == "Z", "the server was stopped"
