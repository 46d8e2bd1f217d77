"""As root, the cluster runs as the postgres user, which cannot enter a
checkout in /root or in a `mktemp -d` folder (mode 700): scripts/pg.sh then
keeps the cluster's files in a folder of its own outside (run/pg links to
it), and leaves the user's folders as they were."""
import os
import pwd
import shutil
import stat
import subprocess
import tempfile

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="only root runs the cluster as another user")


def postgres_user_exists():
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return True


def test_cluster_starts_from_a_checkout_postgres_cannot_enter():
    if not postgres_user_exists():
        pytest.skip("no postgres user")
    private = tempfile.mkdtemp()  # mode 700, as `mktemp -d` makes it
    checkout = os.path.join(private, "checkout")
    os.mkdir(checkout)
    # pg.sh needs nothing else of the checkout.
    shutil.copytree(os.path.join(REPO_ROOT, "scripts"), os.path.join(checkout, "scripts"))
    pg_sh = os.path.join(checkout, "scripts", "pg.sh")
    link = os.path.join(checkout, "run", "pg")
    outside = None

    def run(*argv):
        return subprocess.run(argv, cwd=checkout, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, timeout=120)
    try:
        assert run("runuser", "-u", "postgres", "--", "test", "-x", checkout).returncode != 0
        started = run("bash", pg_sh, "start")
        assert started.returncode == 0, started.stdout
        outside = os.readlink(link)
        assert outside.startswith("/var/tmp/zoom_calendar-pg-")
        info = os.stat(outside)
        assert pwd.getpwuid(info.st_uid).pw_name == "postgres" and stat.S_IMODE(info.st_mode) == 0o700
        query = run("psql", "-X", "-h", link, "-U", "odoo", "-d", "postgres", "-tAc", "SELECT 40 + 2")
        assert query.stdout.strip() == "42", query.stdout
        # A second start finds it running; stop, start again (the link is kept).
        assert run("bash", pg_sh, "start").returncode == 0
        assert run("bash", pg_sh, "stop").returncode == 0
        assert "not running" in run("bash", pg_sh, "status").stdout
        assert run("bash", pg_sh, "start").returncode == 0
        assert os.readlink(link) == outside
        assert stat.S_IMODE(os.stat(private).st_mode) == 0o700, "the user's folder keeps its mode"
    finally:
        removed = run("bash", pg_sh, "remove")
        shutil.rmtree(private)
    assert removed.returncode == 0, removed.stdout
    assert outside and not os.path.exists(outside), "make clean's pg.sh remove deletes the outside folder"
