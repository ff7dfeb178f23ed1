"""Browser tests: the real site in its own process, driven by Debian's Chromium.

The site runs under gunicorn against a database of its own, migrated and loaded with the
fixtures by the real commands: a temporary SQLite file, or, when the suite runs on PostgreSQL,
a separate database on the same server. Requests that would leave this machine are refused.
"""

import os
import shutil
import subprocess
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from icsdir.localsite import free_port, gunicorn, prepare_database, wait_for_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is needed for the browser tests at {CHROMIUM} (make browser)")
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


class SiteDatabase:
    """A database for the site under test, removed afterwards."""

    def __init__(self, tmp_path):
        self.admin_url = None
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            parts = urlsplit(url)
            self.name = f"{parts.path.lstrip('/') or 'icsdir'}_browser"
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
            self._execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            self._execute(f'CREATE DATABASE "{self.name}"')
        else:
            self.url = f"sqlite:///{tmp_path / 'site.sqlite3'}"

    def _execute(self, statement):
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(statement)

    def remove(self):
        if self.admin_url:
            self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def site_env(tmp_path_factory):
    """The environment of a site whose database is migrated and loaded with all fixtures."""
    folder = tmp_path_factory.mktemp("site")
    database = SiteDatabase(folder)
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": database.url,
        "PAGE_CACHE_DIR": str(folder / "pages"),
    }
    try:
        prepare_database(env)
        yield env
    finally:
        database.remove()


@pytest.fixture(scope="session")
def site(site_env):
    """The base URL of the site, served by gunicorn with all fixtures loaded."""
    with gunicorn(site_env) as base:
        yield base


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A throwaway Redis server on 127.0.0.1 (Debian's redis-server: make browser installs it)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is needed for the shared-cache tests (make browser)")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def page(page, site):
    """A page that refuses requests leaving this machine and records what went wrong.

    `page.problems` collects script errors, content security policy violations and
    sub-resources (stylesheets, images) that failed; a page's own 400 or 404 is not one.
    """
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(site) else route.abort(),
    )
    page.problems = []

    def on_console(message):
        if message.type == "error" and "Failed to load resource" not in message.text:
            page.problems.append(message.text)

    def on_response(response):
        if response.request.resource_type != "document" and response.status >= 400:
            page.problems.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("response", on_response)
    page.on("requestfailed", lambda request: page.problems.append(f"failed {request.url}"))
    page.set_default_timeout(10_000)
    return page
