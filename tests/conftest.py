"""Shared fixtures: the directory's data, loaded once per session by the real command."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_directory", stdout=StringIO())
