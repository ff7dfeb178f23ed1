"""Council pages picked by date from records read once per data version (directory.detail_records):
the same page as from the council's own records, and nothing read."""

from datetime import date

import pytest

from directory.detail_records import COUNCILS, council_page
from directory.local import LocalRecords
from directory.reports import _map_changes
from systems.models import LocalAuthority

pytestmark = pytest.mark.django_db


def keep(monkeypatch):
    """The records as a process keeps them outside a transaction (tests run inside one)."""
    kept = {council.slug: council for council in COUNCILS.records()}
    local, days = LocalRecords(), _map_changes()
    monkeypatch.setattr(COUNCILS._kept, "get", lambda: kept)
    monkeypatch.setattr("directory.local._local_records.get", lambda: local)
    monkeypatch.setattr("directory.reports._map_changes_kept.get", lambda: days)


def test_every_council_page_is_the_same_from_the_kept_records_as_from_its_own():
    every = {council.slug: council for council in COUNCILS.records()}
    assert len(every) == LocalAuthority.objects.count()
    split = set()
    for slug, council in every.items():
        own = COUNCILS.get(slug)  # read alone: the tests run in a transaction
        for when in (date(2022, 7, 1), date(2025, 6, 1), date(2026, 12, 1)):
            page = council_page(council, when)
            assert page == council_page(own, when), (slug, when)
            if page["split"]:
                split.add(when)
    assert len(split) == 3  # on each date some council lies in two ICBs


# Sunderland lies in one ICB; East Suffolk in two on that date.
@pytest.mark.parametrize("path", ["/councils/sunderland/", "/councils/east-suffolk/"])
def test_with_its_records_kept_a_council_page_reads_nothing_and_is_the_same(
    client, monkeypatch, django_assert_num_queries, path
):
    fresh = client.get(path, {"on": "2025-06-01"})
    assert fresh.status_code == 200
    keep(monkeypatch)
    with django_assert_num_queries(0):
        assert client.get(path, {"on": "2025-06-01"}).content == fresh.content


def test_an_unknown_council_is_a_404_page(client, monkeypatch):
    for _ in range(2):
        response = client.get("/councils/atlantis/")
        assert response.status_code == 404
        assert "no council at “atlantis”" in response.content.decode()
        keep(monkeypatch)
