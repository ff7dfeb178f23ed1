"""ICS pages picked by date from records read once per data version (directory.system_records):
the same page as from one ICS's records read for the request, and nothing read per page."""

from datetime import date

import pytest

from directory.filters import SystemFilter
from directory.pages import system_page
from directory.reports import _map_changes
from directory.system_records import SystemRecords

pytestmark = pytest.mark.django_db


def keep(monkeypatch):
    """Use the records as a process keeps them outside a transaction (tests run inside one)."""
    kept, days = SystemRecords(), _map_changes()
    monkeypatch.setattr("directory.system_records._kept.get", lambda: kept)
    monkeypatch.setattr("directory.reports._map_changes_kept.get", lambda: days)


@pytest.mark.parametrize("when", [date(2022, 7, 1), date(2025, 6, 1), date(2026, 12, 1)])
def test_every_ics_page_is_the_same_from_the_kept_records_as_from_its_own(when):
    every = SystemRecords()
    assert len(every.systems) >= 42  # the 42 of 2022 and those created since
    for slug, system in every.systems.items():
        own = SystemRecords(slug)
        assert system_page(system, when, every) == system_page(own.systems[slug], when, own), slug


def test_with_the_records_kept_an_ics_page_reads_nothing(
    client, monkeypatch, django_assert_num_queries
):
    keep(monkeypatch)
    with django_assert_num_queries(0):
        page = client.get("/systems/north-east-and-north-cumbria/", {"on": "2025-06-01"})
    assert page.status_code == 200
    assert "Sir Liam Donaldson" in page.content.decode()


def test_an_unknown_slug_reads_no_more_than_the_ics_it_asked_for(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):  # the ICS, former slugs and names, codes: a 404
        assert client.get("/systems/atlantis/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/systems/",
        "/api/v1/systems/?on=2025-06-01&region=london",
        "/api/v1/systems/?on=2022-07-01&page_size=5&page=2",
        "/api/v1/systems/QHM/?on=2023-01-01",
        "/api/v1/systems/QNQ/",  # abolished in 2026, with its successions
    ],
)
def test_the_api_answers_alike_from_the_kept_records_reading_only_which_icss(
    client, monkeypatch, django_assert_max_num_queries, path
):
    fresh = client.get(path)
    assert fresh.status_code == 200
    keep(monkeypatch)
    with django_assert_max_num_queries(3):  # which ICSs, how many, and a region filter's region
        again = client.get(path)
    assert again.json() == fresh.json()


def test_an_ics_unchanging_fields_are_written_once_for_each_host_that_asks(client, monkeypatch):
    keep(monkeypatch)
    first = client.get("/api/v1/systems/QHM/", HTTP_HOST="127.0.0.1").json()
    other = client.get("/api/v1/systems/QHM/", HTTP_HOST="localhost").json()
    again = client.get("/api/v1/systems/QHM/?on=2023-01-01", HTTP_HOST="127.0.0.1").json()
    assert first["url"] == "http://127.0.0.1/api/v1/systems/QHM/"
    assert other["url"] == "http://localhost/api/v1/systems/QHM/"  # not the first host's
    assert again["predecessors"] == first["predecessors"]
    assert again["links"]["councils"].endswith("on=2023-01-01")  # the date's, not kept
    assert again["board"]["ons_code"] == first["board"]["ons_code"] == "E54000050"


def keep_choices(monkeypatch):
    """The ICS list's region and cluster choices as a process keeps them."""
    for name in ("region", "cluster"):
        kept = SystemFilter.base_filters[name].extra["kept"]
        records = {record.slug: record for record in kept.records()}
        monkeypatch.setattr(kept, "kept", lambda records=records: records)


@pytest.mark.parametrize(
    "query",
    ["", "?page=2", "?region=london&on=2025-01-01", "?order=-patients", "?region=nowhere"],
)
def test_the_ics_list_is_the_same_with_its_records_kept_reading_only_which_icss(
    client, monkeypatch, django_assert_max_num_queries, query
):
    fresh = client.get("/systems/" + query).content
    assert b", E54000" in fresh or b"Select a valid choice" in fresh  # codes, or the error
    keep(monkeypatch)
    keep_choices(monkeypatch)
    with django_assert_max_num_queries(1):  # which ICSs, in what order
        assert client.get("/systems/" + query).content == fresh


@pytest.mark.parametrize("query", ["", "?on=2025-01-01", "?on=2022-07-01"])
def test_a_region_page_is_the_same_with_its_systems_kept(client, monkeypatch, query):
    fresh = client.get("/regions/london/" + query).content
    assert b"NHS North Central London" in fresh
    keep(monkeypatch)
    assert client.get("/regions/london/" + query).content == fresh


@pytest.mark.parametrize("query", ["", "?on=2025-01-01&region=london", "?on=2022-07-01&q=durham"])
def test_the_ics_csv_is_the_same_from_the_kept_records_reading_only_which_icss(
    client, monkeypatch, django_assert_max_num_queries, query
):
    def download():
        response = client.get("/systems/download.csv" + query)
        assert response.status_code == 200
        return b"".join(response.streaming_content).decode()

    fresh = download()
    assert len(fresh.splitlines()) > 1  # the header and rows, with their counts and contacts
    keep(monkeypatch)
    with django_assert_max_num_queries(2):  # which ICSs, in what order; a region filter's region
        assert download() == fresh


def test_an_icbs_unchanging_fields_kept_for_one_date_leave_every_other_dates_answer_alike(
    client, monkeypatch
):
    days = ["2022-07-01", "2024-05-01", "2026-05-01", "2026-12-01"]

    def boards(day):
        answer = client.get("/api/v1/systems/", {"on": day, "page_size": 100}).json()
        return {system["code"]: system["board"] for system in answer["results"]}

    fresh = {day: boards(day) for day in days}
    every_day = set.intersection(*(set(fresh[day]) for day in days))
    assert any(  # an ICB's reports current on one date and not another
        len({repr(fresh[day][code]["contacts"]) for day in days}) > 1 for code in every_day
    )
    keep(monkeypatch)
    for day in days + days[::-1]:
        assert boards(day) == fresh[day], day
