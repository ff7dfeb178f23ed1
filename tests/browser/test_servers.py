"""The site as it runs in production: gunicorn processes sharing a page cache and a database.

An edit must be seen at once by every server, with no stale page and no stale 304, including an
edit still being saved while a page is read (the race that once cached old rows under the new
data version).
"""

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from playwright.sync_api import expect

from icsdir.localsite import gunicorn
from tests.browser.fetch import fetch

BOARD = "QJK"  # NHS Devon: no browser journey reads its legal name
NAME = "NHS Devon Integrated Care Board"
PAGE = "/systems/devon/"


def shell(env, code, **kwargs):
    return subprocess.Popen(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), "shell", "--no-imports", "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        text=True,
        **kwargs,
    )


def set_name(env, name):
    code = (
        "from systems.models import IntegratedCareBoard as B\n"
        f"b = B.objects.get(ods_code={BOARD!r}); b.legal_name = {name!r}; b.save()"
    )
    assert shell(env, code).wait(timeout=60) == 0


# Saves inside a transaction, says so, and commits only when told.
SLOW_EDITOR = f"""
import sys
from django.db import transaction
from systems.models import IntegratedCareBoard
with transaction.atomic():
    board = IntegratedCareBoard.objects.get(ods_code={BOARD!r})
    board.legal_name = sys.stdin.readline().strip()
    board.save()
    print("saved", flush=True)
    sys.stdin.readline()
print("committed", flush=True)
"""


@pytest.fixture
def cached_env(site_env, tmp_path):
    env = {**site_env, "PAGE_CACHE_SECONDS": "600", "PAGE_CACHE_DIR": str(tmp_path / "pages")}
    yield env
    set_name(env, NAME)


def test_a_page_read_while_an_edit_is_being_saved_is_not_kept_as_the_new_version(cached_env):
    with gunicorn(cached_env, workers=2) as site:
        fetch(site + PAGE)
        editor = shell(cached_env, SLOW_EDITOR, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        try:
            editor.stdin.write("NHS Devon, renamed mid-read\n")
            editor.stdin.flush()
            assert editor.stdout.readline().strip() == "saved"
            status, headers, during = fetch(site + PAGE)  # the old rows, read mid-save
            assert status == 200 and "NHS Devon, renamed mid-read" not in during
            editor.stdin.write("\n")
            editor.stdin.flush()
            assert editor.stdout.readline().strip() == "committed"
        finally:
            editor.communicate(timeout=30)
        status, after_headers, after = fetch(site + PAGE, etag=headers["ETag"])
        assert status == 200, "a stale 304 for the page read during the save"
        assert "NHS Devon, renamed mid-read" in after
        assert after_headers["X-Page-Cache"] == "miss"


# Another editor's save of the same record, started while the first is still open. Like the
# admin's save (sources.admin.StaleEditForm), it holds the row while it reads and writes.
SECOND_EDITOR = f"""
from django.db import transaction
from systems.models import IntegratedCareBoard
with transaction.atomic():
    board = IntegratedCareBoard.objects.select_for_update().get(ods_code={BOARD!r})
    board.last_checked = "2001-02-03"
    board.save()
print("second saved", flush=True)
"""


def test_two_editors_saving_at_once_both_succeed(cached_env):
    read = (
        "from systems.models import IntegratedCareBoard as B\n"
        f"b = B.objects.get(ods_code={BOARD!r}); print(b.legal_name, '|', b.last_checked)"
    )
    checked = shell(cached_env, read, stdout=subprocess.PIPE).communicate(timeout=60)[0]
    checked = checked.strip().split(" | ")[1]
    first = shell(cached_env, SLOW_EDITOR, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        first.stdin.write("NHS Devon, first editor\n")
        first.stdin.flush()
        assert first.stdout.readline().strip() == "saved"
        second = shell(cached_env, SECOND_EDITOR, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1)  # the second save waits for the first, which is still open
        first.stdin.write("\n")
        first.stdin.flush()
        assert first.stdout.readline().strip() == "committed"
    finally:
        first.communicate(timeout=30)
    out, err = second.communicate(timeout=30)
    assert second.returncode == 0 and "database is locked" not in err, err
    assert out.strip() == "second saved"
    check = shell(cached_env, read, stdout=subprocess.PIPE)
    assert check.communicate(timeout=60)[0].strip() == "NHS Devon, first editor | 2001-02-03"
    restore = read.split("; print")[0] + f"; b.last_checked = {checked!r}; b.save()"
    shell(cached_env, restore).wait(timeout=60)


def test_two_servers_share_one_cache_and_see_an_editors_change_at_once(
    cached_env, redis_url, browser
):
    env = {**cached_env, "REDIS_URL": redis_url}
    password = "a long editor password 2026"
    subprocess.run(
        [sys.executable, "manage.py", "createsuperuser", "--no-input", "--username", "two"],
        env={**env, "DJANGO_SUPERUSER_PASSWORD": password, "DJANGO_SUPERUSER_EMAIL": "e@x.test"},
        cwd=settings.BASE_DIR,
        capture_output=True,
    )
    with gunicorn(env, workers=2) as one, gunicorn(env, workers=2) as two:
        _, first, _ = fetch(two + PAGE)
        _, again, _ = fetch(one + PAGE)
        assert again["X-Page-Cache"] == "hit"  # server two's page, kept in the shared cache
        assert again["ETag"] == first["ETag"]

        page = browser.new_page()
        page.goto(one + "/admin/login/")
        page.fill("#id_username", "two")
        page.fill("#id_password", password)
        page.click("input[type=submit]")
        page.goto(one + f"/admin/systems/integratedcareboard/?q={BOARD}")
        page.click("#result_list a:has-text('Devon')")
        page.fill("#id_legal_name", "NHS Devon, shared by both servers")
        page.click("input[name=_save]")
        # Waits for the page the save leads to (the click may return before it has loaded).
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
        page.close()

        status, headers, body = fetch(two + PAGE, etag=first["ETag"])
        assert status == 200, "server two answered with a stale 304"
        assert "NHS Devon, shared by both servers" in body
        assert headers["ETag"] != first["ETag"]
        _, from_one, _ = fetch(one + PAGE)
        assert from_one["X-Page-Cache"] == "hit" and from_one["ETag"] == headers["ETag"]


def answers(url):
    """The bodies of 16 GETs, four at a time, so that every worker answers some."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return set(pool.map(lambda _: fetch(url)[2], range(16)))


def test_every_worker_answers_from_the_current_data_after_an_edit(cached_env):
    """Workers keep the records that place postcodes and make ICS pages in memory, once per data
    version: an edit committed elsewhere reaches every worker's next answer, page cache off."""
    from systems.postcodes import lookup

    env = {**cached_env, "PAGE_CACHE_SECONDS": "0"}
    exeter = lookup().in_area("EX1")[0].postcode.replace(" ", "")  # in NHS Devon's area

    def names(site):
        return answers(f"{site}/api/v1/postcodes/{exeter}/")

    def pages(site):
        return answers(site + PAGE)

    with gunicorn(env, workers=2) as site:
        assert all(f'"name":"{NAME}"' in body for body in names(site))
        assert all(NAME in page for page in pages(site))
        set_name(env, "NHS Devon, renamed for every worker")
        assert all('"name":"NHS Devon, renamed for every worker"' in body for body in names(site))
        assert all("NHS Devon, renamed for every worker" in page for page in pages(site))


def test_every_worker_lists_an_editors_first_change_in_the_feeds(cached_env):
    """Feeds read only the history of the kinds of record an editor has changed, a list kept
    once per data version: the first change of a kind reaches every worker's next feed."""
    env = {**cached_env, "PAGE_CACHE_SECONDS": "0"}
    name = "NHS Devon, an editor's first change"
    edit = (
        "from django.contrib.auth.models import User\n"
        "from systems.models import IntegratedCareBoard as B\n"
        "editor, _ = User.objects.get_or_create(username='feed-editor')\n"
        f"b = B.objects.get(ods_code={BOARD!r}); b.legal_name = {name!r}\n"
        "b._history_user = editor; b.save()"
    )

    def feeds(site):
        return answers(f"{site}/systems/devon/changes.atom")

    with gunicorn(env, workers=2) as site:
        assert not any(name in body for body in feeds(site))
        assert shell(env, edit).wait(timeout=60) == 0
        assert all(f"Changed: {name}" in body for body in feeds(site))
