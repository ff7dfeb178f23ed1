"""Places, provider collaboratives, ICP names and VCSE alliances, from the pages that name them."""

import csv
from collections import defaultdict
from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corrections.gaps import data_gaps
from systems.models import IntegratedCarePartnership, LocalPartnership, Report

from .helpers import read_data_csv
from .reading import between, text

pytestmark = pytest.mark.django_db

TABLE = settings.BASE_DIR / "data" / "curated" / "local_partnerships.csv"
LEADS = "curated/leads/places_collaboratives_leads_2026-11.csv"


def curated_rows():
    with open(TABLE, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_each_curated_name_is_written_in_the_lead_of_its_page():
    leads = defaultdict(list)
    for lead in read_data_csv(LEADS):
        leads[lead["source_url"]].append(
            " ".join((lead["name"], lead["area_or_members"], lead["quote"]))
        )
    from_leads = [row for row in curated_rows() if row["source_url"] in leads]
    unsupported = [
        (row["slug"], row["name"])
        for row in from_leads
        if not any(row["name"] in said for said in leads[row["source_url"]])
    ]
    assert unsupported == []
    assert len(from_leads) > 150  # the rest were read from stored pages (data/curated/README.md)


def test_every_record_is_loaded_with_its_pages_and_their_dates():
    rows = curated_rows()
    bodies = {row["slug"] for row in rows if row["kind"] in ("place", "collaborative")}
    assert set(LocalPartnership.objects.values_list("slug", flat=True)) == bodies
    pages = {(row["source_url"], row["name"]) for row in rows}
    assert set(Report.objects.values_list("source_url", "name")) == pages
    for row in rows:
        report = Report.objects.get(source_url=row["source_url"], name=row["name"])
        assert str(report.reported_on or "") == row["reported_on"]
    assert not LocalPartnership.objects.filter(reports=None).exists()


def test_each_icp_a_page_names_carries_that_name_and_the_rest_stay_marked_unnamed():
    named = {row["slug"]: row["name"] for row in reversed(curated_rows()) if row["kind"] == "icp"}
    for slug, first_name in named.items():
        icp = IntegratedCarePartnership.objects.get(slug=slug)
        assert first_name in (icp.name, *icp.other_names)
        assert icp.name_verified
    others = IntegratedCarePartnership.objects.exclude(slug__in=named).filter(level="system")
    assert all(not icp.name_verified for icp in others)


def test_west_yorkshire_lists_its_places_and_collaboratives_with_their_trusts(client):
    page = text(client.get("/systems/west-yorkshire/"))
    places = page[page.index("Place-based partnerships") : page.index("Provider collaboratives")]
    for name in ("Calderdale Cares Partnership", "Kirklees", "Leeds", "Wakefield District Health"):
        assert name in places
    collaboratives = page[page.index("Provider collaboratives") :]
    assert "West Yorkshire Mental Health, Learning Disabilities and Autism Collaborative" in (
        collaboratives
    )
    assert "Leeds and York Partnership NHS Foundation Trust" in collaboratives
    assert "West Yorkshire Association of Acute Trusts (acute)" in collaboratives


def test_a_council_shows_its_place_and_a_trust_its_collaboratives(client):
    council = text(client.get("/councils/calderdale/"))
    assert "Place-based partnership Calderdale Cares Partnership" in council
    trust = text(client.get("/trusts/RGD/"))
    assert "Provider collaboratives West Yorkshire Mental Health" in trust


def test_a_place_of_an_abolished_ics_moves_to_the_successor_that_took_its_councils(client):
    def places(code, when):
        query = {"system": code, "on": when}
        return {row["slug"] for row in client.get("/api/v1/places/", query).json()["results"]}

    assert "north-east-essex-alliance" in places("QJG", "2025-06-01")
    assert "north-east-essex-alliance" not in places("QJG", "2026-06-01")  # QJG is abolished
    assert "north-east-essex-alliance" in places("D7T5G", "2026-06-01")  # Colchester's ICB
    assert "ipswich-and-east-suffolk-alliance" in places("T6Y0W", "2026-06-01")
    assert "North East Essex Alliance" in text(client.get("/systems/essex/"))
    old = text(client.get("/systems/suffolk-and-north-east-essex/", {"on": "2025-06-01"}))
    assert "North East Essex Alliance" in old


def test_a_place_of_a_split_ics_is_not_guessed_into_a_successor(client):
    place = text(client.get("/places/north-east-hampshire-and-farnham/", {"on": "2026-06-01"}))
    assert "the ICS it was part of was split and no source says which part took it" in place
    before = text(client.get("/places/north-east-hampshire-and-farnham/", {"on": "2025-06-01"}))
    assert "Integrated care system NHS Frimley" in before


def test_an_undated_claim_is_shown_as_reported_in_its_page_not_as_todays_fact(client):
    page = text(client.get("/collaboratives/west-yorkshire-mhlda-collaborative/"))
    assert "No page that names it gives a date" in page
    listing = text(client.get("/systems/somerset/"))
    assert "Reported, undated, in Case studies of local collaboration: Somerset" in listing
    dated = text(client.get("/places/walsall-together/"))
    assert "No page that names it gives a date" not in dated
    assert "30 August 2023" in dated


def test_an_ics_with_none_recorded_says_so_once_with_the_way_to_suggest_one(client):
    response = client.get("/systems/somerset/")
    page = text(response)
    assert page.count("provider collaboratives") == 1
    not_known = between(page, "Not known yet", "Integrated care board")
    assert "Its provider collaboratives (no public list of them exists)" in not_known
    assert "Its place-based partnerships" not in not_known  # Somerset's is recorded
    assert 'href="/suggest/system/somerset/"' in response.content.decode()


def test_a_wrong_kind_or_unknown_slug_is_a_404(client):
    assert client.get("/collaboratives/walsall-together/").status_code == 404
    assert client.get("/places/atlantis/").status_code == 404
    assert client.get("/api/v1/places/atlantis/").status_code == 404


def test_the_api_carries_kinds_members_dates_and_pages(client):
    body = client.get("/api/v1/collaboratives/prospect/").json()
    assert body["focus"] == "specialised"
    assert [trust["code"] for trust in body["trusts"]] == ["RXA", "RW4"]
    assert body["other_members"] == [{"name": "Elysium Health Care", "kind": "provider"}]
    assert body["reports"][0]["source_url"] == "https://www.merseycare.nhs.uk/prospect"
    assert body["systems"][0]["system"]["code"] == "QYG"
    acute = client.get("/api/v1/collaboratives/", {"focus": "acute", "system": "QWO"}).json()
    assert [row["slug"] for row in acute["results"]] == [
        "west-yorkshire-association-of-acute-trusts"
    ]
    found = client.get("/api/v1/places/", {"q": "walsall together"}).json()["results"]
    assert [row["slug"] for row in found] == ["walsall-together"]
    bad = client.get("/api/v1/collaboratives/", {"focus": "everything"})
    assert bad.status_code == 400


def test_the_ics_csv_counts_places_and_collaboratives_as_the_api_lists_them(client):
    response = client.get("/systems/download.csv", {"on": "2026-06-01"})
    rows = list(csv.DictReader(b"".join(response.streaming_content).decode().splitlines()))
    for row in rows:
        for column, path in (
            ("place_based_partnerships", "/api/v1/places/"),
            ("provider_collaboratives", "/api/v1/collaboratives/"),
        ):
            listed = client.get(path, {"system": row["icb_ods_code"], "on": "2026-06-01"})
            assert int(row[column]) == listed.json()["count"], (row["name"], column)
    assert any(int(row["place_based_partnerships"]) for row in rows)


def test_search_finds_places_and_collaboratives_by_their_names(client):
    page = text(client.get("/search/", {"q": "collaboration of acute providers"}))
    assert "Humber and North Yorkshire Collaboration of Acute Providers" in page


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/places/calderdale-cares-partnership/", 7),
        ("/collaboratives/cmast/", 7),
    ],
)
def test_the_new_pages_take_a_fixed_number_of_queries(
    client, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_ics_page_costs_the_same_with_one_place_or_five(client):
    counts = {}
    for slug in ("west-yorkshire", "south-yorkshire"):  # 5 places, 5 collaboratives; 4 places
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/systems/{slug}/").status_code == 200
        counts[slug] = len(queries)
    assert counts["west-yorkshire"] == counts["south-yorkshire"], counts


def test_gaps_count_the_icss_with_none_and_the_old_claims():
    gaps = {gap.what: gap for gap in data_gaps(date(2026, 6, 1))}
    dated_recent = Report.objects.filter(
        local_partnership__isnull=False, reported_on__gte=date(2024, 1, 1)
    ).values("local_partnership")
    old = LocalPartnership.objects.exclude(pk__in=dated_recent).count()
    assert gaps["Places and collaboratives named by no page dated 2024 or later"].missing == old
    assert gaps["ICSs with no place-based partnership recorded"].missing > 0
    assert gaps["Places and collaboratives with no ICS recorded for the date"].missing == 1
