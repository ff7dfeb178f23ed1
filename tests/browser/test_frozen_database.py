"""A frozen PostgreSQL (its processes stopped, not ended): pages that need it get the error page
within the deadline, and cached pages keep being served.

The server is a throwaway one of its own (scripts/with-postgres), so that freezing it touches
nothing else, on either of CI's runs.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from icsdir.localsite import gunicorn, manage
from tests.browser.fetch import fetch

DEADLINE = 2  # DATABASE_STATEMENT_TIMEOUT for this test: queries are cut off after 3 s


@pytest.fixture(scope="module")
def postgres_url():
    """The URL of a throwaway PostgreSQL server, stopped and removed afterwards."""
    waiting = "import os, sys; print(os.environ['DATABASE_URL'], flush=True); sys.stdin.read()"
    server = subprocess.Popen(
        [str(settings.BASE_DIR / "scripts" / "with-postgres"), sys.executable, "-c", waiting],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield server.stdout.readline().strip()
    finally:
        server.stdin.close()
        server.wait(timeout=60)


def server_processes(url):
    """The PostgreSQL server's process ids: the postmaster and all its children."""
    with psycopg.connect(url) as connection:
        folder = connection.execute("SHOW data_directory").fetchone()[0]
    postmaster = int(Path(folder, "postmaster.pid").read_text().split()[0])
    children = subprocess.run(
        ["pgrep", "-P", str(postmaster)], capture_output=True, text=True
    ).stdout.split()
    return [postmaster, *map(int, children)]


def send(pids, signal_number):
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # a child that has ended
            os.kill(pid, signal_number)


def test_a_frozen_database_gives_the_error_page_in_time_and_cached_pages_go_on(
    postgres_url, tmp_path
):
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": postgres_url,
        "DATABASE_STATEMENT_TIMEOUT": str(DEADLINE),
        "PAGE_CACHE_SECONDS": "600",
        "PAGE_CACHE_DIR": str(tmp_path / "pages"),
    }
    manage(env, "migrate", "--no-input")
    with gunicorn(env, workers=2) as site:
        assert fetch(site + "/about/")[0] == 200  # now cached
        pids = server_processes(postgres_url)
        send(pids, signal.SIGSTOP)
        try:
            started = time.monotonic()
            status, headers, _ = fetch(site + "/about/")
            assert status == 200 and headers["X-Page-Cache"] == "hit"
            assert time.monotonic() - started < 1

            for _ in range(2):  # each worker meets the frozen server once
                started = time.monotonic()
                status, _, body = fetch(site + "/changes/?on=2025-01-01")
                waited = time.monotonic() - started
                assert status == 500, body[:200]
                assert "Sorry, there is a problem" in body
                assert waited < 3 * (DEADLINE + 1), waited
        finally:
            send(pids, signal.SIGCONT)
        assert fetch(site + "/changes/?on=2025-01-01")[0] == 200  # and back once it thaws
