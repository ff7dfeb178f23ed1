"""Settings: production refuses to start without real secrets and passes the deploy checks."""

import os
import subprocess
import sys

from django.conf import settings

A_REAL_KEY = "k3Y-" + "x7Qp2Lm9Vb4Nc8Zr1Ws6Td0Yf5Gh3Jk" * 2


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_ENV"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    for key in ("", "django-insecure-" + "x" * 50, "too-short"):
        result = manage("check", DJANGO_ENV="production", SECRET_KEY=key, ALLOWED_HOSTS="a.b")
        assert result.returncode != 0
        assert "Production needs SECRET_KEY" in result.stderr


def test_production_is_the_default_mode():
    result = manage("check")
    assert result.returncode != 0
    assert "Production needs SECRET_KEY" in result.stderr


def test_production_needs_allowed_hosts():
    result = manage("check", DJANGO_ENV="production", SECRET_KEY=A_REAL_KEY, ALLOWED_HOSTS="")
    assert "Production needs ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DJANGO_ENV="production",
        SECRET_KEY=A_REAL_KEY,
        ALLOWED_HOSTS="ics.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_shows_the_sites_own_error_pages_unless_debug_is_asked_for():
    code = "from django.conf import settings; print(settings.DEBUG)"
    shell = ("shell", "--no-imports", "-c", code)
    assert manage(*shell, DJANGO_ENV="development").stdout.strip() == "False"
    assert manage(*shell, DJANGO_ENV="development", DJANGO_DEBUG="true").stdout.strip() == "True"


def test_an_unknown_mode_is_refused():
    result = manage("check", DJANGO_ENV="staging")
    assert "DJANGO_ENV must be 'development' or 'production'" in result.stderr


def test_the_served_site_collects_cycles_less_often_than_python_by_default():
    code = "import gc, icsdir.wsgi; print(gc.get_threshold()[0])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_ENV": "development"},
        check=True,
    )
    assert int(result.stdout) >= 10_000  # Python's default is 700
