"""Hostile and unlucky requests get a clear answer: limits, the site's own error pages, no
control characters echoed, and caches that fail are passed by."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from icsdir.pagecache import HEADER
from systems.models import IntegratedCareBoard

pytestmark = pytest.mark.django_db

PASSWORD = "a long editor password 2026"


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor", "e@x.test", PASSWORD)


def log_in(client, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password},
        REMOTE_ADDR="203.0.113.9",
    )


def test_thirty_wrong_passwords_lock_the_login_even_against_the_right_one(client, editor):
    statuses = [log_in(client, f"wrong {n}").status_code for n in range(30)]
    assert statuses[:4] == [200] * 4  # the form again, with its error
    assert set(statuses[4:]) == {429}  # the fifth failure locks
    locked = log_in(client, PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_works_after_a_few_mistakes(client, editor):
    for n in range(3):
        log_in(client, f"wrong {n}")
    assert log_in(client, PASSWORD).status_code == 302


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Short!pass9")
    validate_password("a long editor password 2026")


def test_a_bad_host_gets_the_sites_own_page_naming_no_settings(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "does not answer to that host name" in page and "ALLOWED_HOSTS" not in page


@pytest.mark.parametrize(
    "path", ["/?on=%00x", "/search/?q=ab%01cd", "/systems/?q=%1b[31m", "/systems/%00/"]
)
def test_control_characters_are_refused_and_never_echoed(client, path):
    response = client.get(path)
    assert response.status_code == 400
    body = response.content.decode()
    assert not any(ord(c) < 32 and c not in "\n\r\t" for c in body)
    assert "cannot be shown" in body


def test_too_many_fields_is_the_sites_own_400(client):
    response = client.get("/systems/?" + "&".join(f"f{n}=1" for n in range(1100)))
    assert response.status_code == 400
    assert "too many fields" in response.content.decode()


def test_a_stale_form_gets_the_sites_own_403_page(editor):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


def failing(*args, **kwargs):
    raise RuntimeError("a bug")


def test_a_server_error_in_the_api_is_json(monkeypatch):
    monkeypatch.setattr("api.views.SystemViewSet.list", failing)
    response = Client(raise_request_exception=False).get("/api/v1/systems/")
    assert response.status_code == 500
    assert response.json() == {
        "status": 500,
        "detail": "Try again later. The problem has been recorded for the people who run "
        "this site.",
    }


def test_a_server_error_page_says_only_what_is_true(monkeypatch):
    monkeypatch.setattr("directory.views.AboutView.get_context_data", failing)
    response = Client(raise_request_exception=False).get("/about/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "recorded for the people who run this site" in page
    assert "editors have been told" not in page


@pytest.fixture
def broken_cache(settings, tmp_path):
    """Page cache and data version in a 'folder' that is a file: every read and write fails."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    broken = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(blocked / "pages"),
    }
    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = {**settings.CACHES, "pages": broken, "versions": broken}


def test_a_failing_cache_makes_pages_slower_never_broken(
    client, broken_cache, django_capture_on_commit_callbacks
):
    for path in ("/", "/systems/frimley/", "/api/v1/systems/", "/systems/download.csv"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert HEADER not in response and "ETag" not in response
    board = IntegratedCareBoard.objects.get(ods_code="QHM")
    board.legal_name = "NHS North East and North Cumbria, saved"
    with django_capture_on_commit_callbacks(execute=True):
        board.save()  # retiring the pages fails, and is logged; the save stands
    assert IntegratedCareBoard.objects.get(ods_code="QHM").legal_name.endswith(", saved")
    assert (
        "NHS North East and North Cumbria, saved"
        in client.get("/systems/north-east-and-north-cumbria/").content.decode()
    )


@pytest.mark.parametrize(
    "path, unknown",
    [
        ("/about/?utm_source=x", "utm_source"),
        ("/systems/?region=london&colour=red", "colour"),
        ("/systems/frimley/?q=x", "q"),
        ("/systems/download.csv?page=2", "page"),
        ("/changes/download.csv?region=london", "region"),
    ],
)
def test_a_parameter_the_page_does_not_take_is_named_in_a_400(client, path, unknown):
    response = client.get(path)
    assert response.status_code == 400
    assert f"does not take “{unknown}”" in response.content.decode()


def test_the_parameters_a_page_takes_still_work(client):
    for path in ("/systems/?region=london&order=name&page=1", "/search/?q=essex&on=2025-01-01"):
        assert client.get(path).status_code == 200, path
