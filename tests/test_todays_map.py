"""Today's map: every council in an ICB, the 2023 unitaries, trusts, figures and contacts."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from systems.models import (
    BoardContact,
    IntegratedCareBoard,
    IntegratedCareSystem,
    LocalAuthority,
    LocalAuthorityArea,
    NHSTrust,
    RegisteredPatients,
    Succession,
)

from .reading import between, text

pytestmark = pytest.mark.django_db

TODAY_MAP = date(2026, 6, 1)
BEFORE = date(2025, 1, 1)


def board_on(council_slug, when):
    areas = LocalAuthorityArea.objects.on(when).filter(local_authority__slug=council_slug)
    return {area.board.ods_code: area.share for area in areas.select_related("board")}


def test_no_council_in_force_on_1_june_2026_lacks_an_icb():
    placed = LocalAuthorityArea.objects.on(TODAY_MAP).values("local_authority")
    missing = LocalAuthority.objects.on(TODAY_MAP).exclude(pk__in=placed)
    assert list(missing.values_list("name", flat=True)) == []


@pytest.mark.parametrize("when", [date(2022, 7, 1), date(2024, 1, 1), TODAY_MAP])
def test_each_councils_shares_add_up_to_its_whole_area(when):
    totals = {}
    for area in LocalAuthorityArea.objects.on(when).select_related("local_authority"):
        totals[area.local_authority.name] = totals.get(area.local_authority.name, 0) + area.share
    assert totals
    off = {name: total for name, total in totals.items() if abs(total - 1) > Decimal("0.001")}
    assert off == {}


@pytest.mark.parametrize(
    ("council", "before", "after"),
    [
        ("colchester", {"QJG": 1}, {"D7T5G": 1}),
        ("uttlesford", {"QM7": 1}, {"D7T5G": 1}),
        ("st-albans", {"QM7": 1}, {"S1Y5D": 1}),
        ("ipswich", {"QJG": 1}, {"T6Y0W": 1}),
        ("slough", {"QNQ": 1}, {"S0E4D": 1}),
        ("rushmoor", {"QNQ": 1}, {"QRL": 1}),
        ("hart", {"QNQ": Decimal("0.7544"), "QRL": Decimal("0.2456")}, {"QRL": 1}),
        ("essex-county-council", None, {"D7T5G": 1}),
        ("hertfordshire-county-council", None, {"S1Y5D": 1}),
    ],
)
def test_split_icbs_districts_and_counties_follow_their_areas(council, before, after):
    if before:
        assert board_on(council, BEFORE) == before
    assert board_on(council, TODAY_MAP) == after


def test_county_councils_take_the_icbs_of_their_districts_before_2026_too():
    essex = board_on("essex-county-council", BEFORE)
    assert set(essex) == {"QH8", "QM7", "QJG"}  # Mid and South, West, North East Essex


@pytest.mark.parametrize(
    ("unitary", "code", "predecessors"),
    [
        ("cumberland-council", "E06000063", {"allerdale", "carlisle", "copeland"}),
        (
            "westmorland-and-furness-council",
            "E06000064",
            {"barrow-in-furness", "eden", "south-lakeland"},
        ),
        ("north-yorkshire-council", "E06000065", {"craven", "hambleton", "harrogate", "selby"}),
        ("somerset-council", "E06000066", {"mendip", "sedgemoor", "south-somerset"}),
    ],
)
def test_2023_unitaries_present_and_their_districts_ended(unitary, code, predecessors):
    council = LocalAuthority.objects.get(slug=unitary)
    assert council.ons_code == code
    assert council.in_force_on(TODAY_MAP)
    replaced = set(council.predecessors.values_list("slug", flat=True))
    assert predecessors <= replaced
    for old in council.predecessors.all():
        assert old.end_date == date(2023, 4, 1)
        assert not old.in_force_on(TODAY_MAP)
        assert old.in_force_on(date(2023, 3, 31))


def test_an_old_councils_page_and_code_lead_to_its_successor(client):
    page = client.get(reverse("directory:council", args=["allerdale"])).text
    assert "was abolished on 1 April 2023" in page
    assert reverse("directory:council", args=["cumberland-council"]) in page
    answer = client.get("/api/v1/councils/E07000026/").json()
    assert answer["name"] == "Allerdale" and answer["end_date"] == "2023-04-01"
    assert answer["areas"] == []  # nothing on today's date: it no longer exists
    assert answer["successor"]["code"] == "E06000063"
    assert answer["successor"]["url"].endswith("/api/v1/councils/E06000063/")


def test_essex_ics_page_lists_every_essex_district_its_map_shades(client):
    page = client.get(reverse("directory:system", args=["essex"])).text
    for name in ("Colchester", "Tendring", "Harlow", "Epping Forest", "Uttlesford", "Basildon"):
        assert name in page
    assert "Essex County Council" in page


def test_no_trust_shows_an_abolished_icb_as_current(client):
    abolished = NHSTrust.objects.filter(principal_board__end_date__lte=date.today())
    assert abolished.count() == 56
    frimley_health = client.get(reverse("directory:trust", args=["RDU"])).text
    assert "NHS Frimley Integrated Care Board" in frimley_health
    assert ", abolished 1 April 2026" in frimley_health
    assert "Headquarters lie in" in frimley_health
    answer = client.get("/api/v1/trusts/RDU/").json()
    assert answer["principal_icb_2023"]["in_force"] is False
    assert answer["principal_icb_2023"]["end_date"] == "2026-04-01"
    located = [link["system"]["code"] for link in answer["headquarters_in"]]
    assert located == ["S9B9J"]  # Frimley Park Hospital lies in Surrey Heath
    for trust in client.get("/api/v1/trusts/?page_size=500").json()["results"]:
        for link in trust["headquarters_in"]:
            board = IntegratedCareBoard.objects.get(ods_code=link["system"]["code"])
            assert board.in_force_on(date.today())


def test_a_trusts_location_before_2026_is_its_icb_of_then(client):
    answer = client.get("/api/v1/trusts/RDU/", {"on": "2025-01-01"}).json()
    assert [link["system"]["code"] for link in answer["headquarters_in"]] == ["QNQ"]
    assert answer["principal_icb_2023"]["in_force"] is True


def test_no_count_from_after_the_viewed_date_is_shown_as_of_that_date(client):
    page = client.get(
        reverse("directory:system_list"), {"region": "london", "on": "2025-01-01"}
    ).text
    assert "North East London" in page
    for count in RegisteredPatients.objects.values_list("count", flat=True):
        assert f"{count:,}" not in page  # no count of August 2026 anywhere
    assert "no count on or before this date" in page
    detail = client.get(
        reverse("directory:system", args=["north-east-london"]), {"on": "2025-01-01"}
    )
    assert "the first count in the sources is of 1 August 2026, after this date" in detail.text
    download = client.get("/systems/download.csv?on=2025-01-01")
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert rows and all(row["registered_patients"] == "" for row in rows)
    api = client.get("/api/v1/systems/QMF/", {"on": "2025-01-01"}).json()["board"]
    assert api["registered_patients"] is None and api["later_count_on"] == "2026-08-01"
    now = client.get("/api/v1/systems/QMF/", {"on": "2026-09-01"}).json()["board"]
    assert now["registered_patients"] > 1_000_000
    assert now["registered_patients_on"] == "2026-08-01"


def test_at_least_27_of_todays_icbs_name_a_dated_website_and_most_their_leaders():
    today = IntegratedCareBoard.objects.on(TODAY_MAP)
    assert today.count() == 36

    def with_dated(kind):
        dated = BoardContact.objects.filter(kind=kind, reported_on__isnull=False)
        return today.filter(pk__in=dated.values("board")).count()

    assert with_dated("website") >= 27
    assert with_dated("chief_executive") >= 22  # most
    assert with_dated("chair") >= 15  # fewer: most chairs' pages give no date
    for contact in BoardContact.objects.all():
        assert contact.source_url.startswith("https://")
        assert contact.sources.exists()
        if contact.kind == "email":  # role mailboxes only
            assert contact.value.split("@")[0].lower() not in {"jane.doe"}


def test_a_page_shows_the_latest_dated_report_and_keeps_undated_ones_as_history(client):
    page = text(client.get(reverse("directory:system", args=["essex"])))
    assert "Tom Abell (designate, shared with other ICBs)" in page
    assert "Reported 30 September 2025" in page
    assert "Reported before the changes of 1 April 2026" in page
    assert "Michael Thorne CBE" in page  # undated: listed as history, not as the chair
    assert "undated reports, kept as history" in page
    api = client.get("/api/v1/systems/D7T5G/").json()["board"]["contacts"]
    chairs = [c for c in api if c["kind"] == "chair"]
    assert chairs and not any(c["current"] for c in chairs)
    (chief,) = [c for c in api if c["kind"] == "chief_executive" and c["current"]]
    assert chief["reported_on"] == "2025-09-30" and chief["possibly_outdated"] is True


def test_a_report_from_after_the_viewed_date_is_not_shown_as_then(client):
    page = client.get(reverse("directory:system", args=["essex"]), {"on": "2026-05-01"}).text
    assert "Tom Abell" in page
    earlier = client.get(
        reverse("directory:system", args=["shropshire-telford-and-wrekin"]), {"on": "2025-01-01"}
    ).text
    assert "Simon Whitehouse" not in earlier  # reported on 30 September 2025
    assert "the first report is of 30 September 2025, after this date" in earlier


def test_local_healthwatch_belongs_to_its_council_and_a_network_is_shown_as_one(client):
    sunderland = text(client.get(reverse("directory:council", args=["sunderland"])))
    assert "Northumberland HealthWatch" not in sunderland
    assert "Local Healthwatch" in between(sunderland, "Not known yet", "The council")
    assert "Healthwatch ICS HealthWatch Network (network of the whole ICS)" in sunderland
    northumberland = text(client.get(reverse("directory:council", args=["northumberland"])))
    contact = between(northumberland, "Who to contact", "Not known yet")
    assert "Northumberland HealthWatch ( Northumberland )" in contact
    assert "Local Healthwatch" not in between(northumberland, "Not known yet", "The council")


def test_cornwall_is_named_as_it_names_itself_and_the_annex_spelling_still_finds_it(client):
    cornwall = IntegratedCareSystem.objects.get(annex_number=38)
    assert cornwall.name == "NHS Cornwall and the Isles of Scilly"
    assert "NHS Cornwall and The Isles Of Scilly" in cornwall.other_names
    found = client.get(reverse("directory:system_list"), {"q": "The Isles Of Scilly"}).text
    assert "NHS Cornwall and the Isles of Scilly" in found


def test_each_2026_succession_says_what_moved():
    frimley = Succession.objects.filter(predecessor__ods_code="QNQ").order_by("successor")
    moved = {link.successor.ods_code: link.what_moved for link in frimley}
    assert set(moved) == {"QRL", "S0E4D", "S9B9J"}
    assert (
        "101 LSOAs of sub-ICB location D4U1Y (closed) joined sub-ICB location D9Y0V"
        in (moved["QRL"])
    )
    assert "Rushmoor (all 58 LSOAs)" in moved["QRL"] and "Hart (43 of its 57 LSOAs)" in moved["QRL"]
    assert "the new sub-ICB location U2G6B, with 43 GP practices" in moved["S0E4D"]
    essex = Succession.objects.get(predecessor__ods_code="QJG", successor__ods_code="D7T5G")
    assert "Sub-ICB location 06T" in essex.what_moved and "Colchester" in essex.what_moved


def test_last_checked_is_when_a_records_sources_were_compared_not_the_build_day():
    council = LocalAuthority.objects.get(slug="cumberland-council")
    assert council.last_checked == date(2026, 12, 3)  # checked against the 2023 orders then
    partner_only = LocalAuthority.objects.get(slug="gateshead")
    assert partner_only.last_checked == max(
        source.checked_on for source in partner_only.sources.all()
    )
