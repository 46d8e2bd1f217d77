"""Ctrl-C on `make demo` is a clean stop: exit status 0, no "make: ***
Error 130". Checked on a script made like scripts/demo.sh (the same helpers
of scripts/common.sh, the same traps), run by make at a terminal (a
pseudo-terminal here) the way `make demo` runs it, with a long `sleep`
standing in for Odoo: the real demo needs a database made first."""
import os
import pty
import select
import signal
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# What scripts/demo.sh does around its servers, with `sleep` for Odoo.
SERVER_SCRIPT = """
source "%(root)s/scripts/common.sh"
own_terminal_foreground "$0" "$@"
server=""
cleanup() { if [ -n "$server" ]; then stop_bg "$server"; fi; }
trap cleanup EXIT
trap 'exit 0' INT
start_bg sleep 300
server=$bg_pid
echo "$server" >"%(pid_file)s"
echo SERVING
wait "$server"
echo "the server ended by itself"
exit 3
"""


def run_in_terminal(argv, keys, wait_for, timeout=30):
    """Runs argv in a new pseudo-terminal; types `keys` once `wait_for`
    appears. Returns (exit status, everything it printed)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # as at a shell prompt, even if ignored here
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
    pid_file = tmp_path / "server.pid"
    script = tmp_path / "serve.sh"
    script.write_text(SERVER_SCRIPT % {"root": REPO_ROOT, "pid_file": pid_file})
    makefile = tmp_path / "Makefile"
    makefile.write_text("demo:\n\t@bash %s\n" % script)
    status, output = run_in_terminal(["make", "-s", "-f", str(makefile), "demo"], b"\x03", b"SERVING")
    assert status == 0, output
    assert "Error" not in output and "Interrupt" not in output and "by itself" not in output, output
    server = int(pid_file.read_text())
    assert not os.path.exists("/proc/%d" % server) or \
        open("/proc/%d/stat" % server).read().split()[2] == "Z", "the server was stopped"
