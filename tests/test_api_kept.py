"""API answers from records kept per data version: the same JSON as read for the request, with
only which records answer (their ids) read; and read as usual when a record is not kept."""

import pytest

from api import views

pytestmark = pytest.mark.django_db

KEPT = [
    views.CouncilViewSet,
    views.TrustViewSet,
    views.SubICBViewSet,
    views.PartnershipViewSet,
    views.LocalPartnershipViewSet,
]
PATHS = [
    "/api/v1/councils/?system=QHM",
    "/api/v1/councils/?on=2022-07-01&page=2",
    "/api/v1/councils/E08000024/",
    "/api/v1/trusts/?on=2025-06-01",
    "/api/v1/trusts/RTD/?on=2023-01-01",
    "/api/v1/sub-icb-locations/?q=a+e+i+o+n+s+t+r+l+h",
    "/api/v1/partnerships/?system=QHM",
    "/api/v1/places/?system=QWO",
    "/api/v1/collaboratives/?on=2026-12-01",
]


def keep(monkeypatch, records=None):
    """Keep every record (or only `records`) as a process does outside a transaction."""
    for viewset in KEPT:
        found = {r.pk: r for r in viewset.kept_records.records()} if records is None else records
        monkeypatch.setattr(viewset.kept_records, "kept", lambda found=found: found)


@pytest.mark.parametrize("path", PATHS)
def test_kept_records_give_the_same_answer_reading_only_their_ids(
    client, monkeypatch, django_assert_max_num_queries, path
):
    fresh = client.get(path)
    assert fresh.status_code == 200
    assert fresh.json().get("results", [fresh.json()])  # something to compare
    keep(monkeypatch)
    with django_assert_max_num_queries(3):  # the ids of a page, how many, an ICB's filter
        again = client.get(path)
    assert again.json() == fresh.json()


@pytest.mark.parametrize("path", PATHS)
def test_records_not_kept_yet_are_read(client, monkeypatch, path):
    fresh = client.get(path).json()
    keep(monkeypatch, records={})  # kept before they were written: a change a moment ago
    assert client.get(path).json() == fresh


def test_an_unknown_code_is_still_a_404_with_the_records_kept(client, monkeypatch):
    keep(monkeypatch)
    response = client.get("/api/v1/councils/E99999999/")
    assert response.status_code == 404
    assert "No council has the code" in response.json()["detail"]
