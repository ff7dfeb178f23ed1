"""Run the site in its own process on 127.0.0.1, for the browser tests and the benchmark."""

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import closing, contextmanager

from django.conf import settings


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *arguments):
    """Run a management command in a child process with `env`; stop on failure."""
    subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments],
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
        capture_output=True,
    )


def prepare_database(env):
    """Migrate the database named by env["DATABASE_URL"] and load the fixtures into it."""
    manage(env, "migrate", "--no-input")
    manage(env, "load_directory")


def _wait_for(url, process, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the site stopped with exit code {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the site did not answer at {url} within {seconds} s")


def wait_for_port(port, process, seconds=10):
    """Wait until something listens on 127.0.0.1:`port`; fail if `process` stops first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with exit code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listened on port {port} within {seconds} s")


@contextmanager
def gunicorn(env, workers=2, seconds=30):
    """Serve the site with gunicorn on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "icsdir.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
            *("--log-level", "warning"),
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/", process, seconds)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
