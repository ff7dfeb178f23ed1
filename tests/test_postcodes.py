"""Postcodes: any England postcode leads to its whole local system on any date, in the pages
and the API; partial postcodes, places outside England and bad input get clear answers."""

import json
import random
import re
from bisect import bisect_left

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from systems.models import LocalAuthorityArea
from systems.postcodes import KEY, Keys, lookup

from .reading import text

pytestmark = pytest.mark.django_db


def api(client, code, **query):
    return client.get(f"/api/v1/postcodes/{code}/", query)


def test_a_postcode_in_any_spacing_leads_to_its_council_icb_and_who_to_contact(client):
    for typed in ("SR1 3QD", "sr13qd", "  Sr1   3qD "):
        response = client.get("/search/", {"q": typed})
        assert response.status_code == 302
        assert response["Location"] == "/postcodes/SR13QD/"
    page = text(client.get("/postcodes/SR13QD/"))
    assert "SR1 3QD is in Sunderland and NHS North East and North Cumbria" in page
    assert "Decided by its council: all of Sunderland lay in this ICB" in page
    assert "Who to contact" in page and "Professor Sir Liam Donaldson" in page
    assert "All Together Better" in page  # Sunderland's place-based partnership
    assert "Contains OS data © Crown copyright" in page
    assert '<circle class="app-map__point"' in client.get("/postcodes/SR13QD/").content.decode()
    answer = api(client, "SR13QD").json()
    chairs = [c["value"] for c in answer["contacts"] if c["kind"] == "chair"]
    assert chairs == ["Professor Sir Liam Donaldson"]
    assert all(contact["current"] for contact in answer["contacts"])
    assert "All Together Better" in [place["name"] for place in answer["places"]]


def test_harlow_is_in_essex_today_and_in_hertfordshire_and_west_essex_before_april_2026(client):
    assert api(client, "CM20 1QP").json()["icb"]["code"] == "D7T5G"
    assert api(client, "CM201QP", on="2025-06-01").json()["icb"]["code"] == "QM7"
    page = text(client.get("/search/", {"q": "CM20 1QP", "on": "2025-06-01"}, follow=True))
    assert "CM20 1QP is in Harlow and NHS Hertfordshire and West Essex" in page


def test_a_divided_district_is_decided_by_the_boundary_of_the_date_and_says_so(client):
    divided = api(client, "GU51 1AA", on="2025-06-01").json()
    hart = LocalAuthorityArea.objects.on("2025-06-01").filter(local_authority__slug="hart")
    assert hart.count() == 2  # Hart lay in two ICBs before April 2026
    assert divided["decided_by"] == "boundary"
    assert divided["icb"]["code"] in {area.board.ods_code for area in hart}
    page = text(client.get("/postcodes/GU511AA/", {"on": "2025-06-01"}))
    assert "as Hart was divided between 2 ICBs: the postcode is placed by its centre" in page
    assert api(client, "GU51 1AA").json()["decided_by"] == "council"


def test_before_a_2023_unitary_the_page_names_the_councils_it_replaced(client):
    answer = api(client, "CA1 1AA", on="2022-08-01").json()
    assert answer["council"] is None
    assert {c["name"] for c in answer["former_councils"]} == {"Allerdale", "Carlisle", "Copeland"}
    assert answer["icb"]["code"] == "QHM"


def test_places_outside_england_are_told_where_they_are(client):
    for code, country in (
        ("EH1 1YZ", "Scotland"),
        ("CF10 1EP", "Wales"),
        ("BT1 1AA", "Northern Ireland"),
    ):
        assert f"is in {country}" in text(client.get("/search/", {"q": code}, follow=True))
        answer = api(client, code)
        assert answer.status_code == 404
        assert f"is in {country}" in answer.json()["detail"]


def test_a_partial_postcode_lists_the_councils_and_icbs_it_spans_with_counts(client):
    answer = api(client, "SR1").json()
    held = len(lookup().in_area("SR1"))
    assert answer["postcodes"] == held > 100
    assert sum(row["postcodes"] for row in answer["councils"]) == held
    assert [row["code"] for row in answer["icbs"]] == ["QHM"]
    sector = text(client.get("/search/", {"q": "sr1 3"}, follow=True))
    assert re.search(r"\d+ live postcodes in OS Code-Point Open begin SR1 3", sector)


def test_bad_or_unknown_postcodes_get_clear_answers_never_a_server_error(client):
    assert client.get("/postcodes/ZZ99ZZ/").status_code == 404
    assert "not a live postcode" in text(client.get("/postcodes/ZZ99ZZ/"))
    assert client.get("/postcodes/" + "X" * 300 + "/").status_code == 404
    assert api(client, "hello").status_code == 400
    assert api(client, "SR13QD", foo="1").status_code == 400
    assert api(client, "SR13QD", on="2025-02-30").status_code == 400
    assert "looks like a postcode, but it is not a live postcode" in text(
        client.get("/search/", {"q": "ZZ9 9ZZ"})
    )
    assert client.get("/search/", {"q": "QH8"}).status_code == 200  # an ICB's code, not an area


def test_the_bulk_lookup_answers_each_postcode_or_says_why_not(client):
    asked = ["SR1 3QD", "cm20 1qp", "EH1 1YZ", "nonsense", "SR1"]
    response = client.post(
        "/api/v1/postcodes/", json.dumps({"postcodes": asked}), content_type="application/json"
    )
    results = response.json()["results"]
    assert [r["query"] for r in results] == asked
    assert results[0]["result"]["icb"]["code"] == "QHM"
    assert results[1]["result"]["council"]["name"] == "Harlow"
    assert "Scotland" in results[2]["error"] and results[2]["result"] is None
    assert "not a postcode" in results[3]["error"]
    assert "full postcodes" in results[4]["error"]
    too_many = {"postcodes": ["SR1 3QD"] * 101}
    assert (
        client.post("/api/v1/postcodes/", too_many, content_type="application/json").status_code
        == 400
    )
    assert (
        client.post("/api/v1/postcodes/", "[", content_type="application/json").status_code == 400
    )


def test_page_and_api_agree_and_the_cost_does_not_grow_with_the_postcodes(client):
    rng = random.Random(2026)
    table = lookup()
    sample = [table.at(rng.randrange(table.header["english"])) for _ in range(100)]
    body = json.dumps({"postcodes": [p.postcode for p in sample]})
    with CaptureQueriesContext(connection) as queries:
        results = client.post("/api/v1/postcodes/", body, content_type="application/json").json()[
            "results"
        ]
    assert len(queries) <= 5  # councils, their areas, sub-ICB locations; boundaries; predecessors
    for postcode, result in list(zip(sample, results, strict=True))[:10]:
        single = api(client, postcode.postcode).json()
        assert single["icb"] == result["result"]["icb"]
        page = text(client.get(f"/postcodes/{postcode.postcode.replace(' ', '')}/"))
        assert f"is in {single['council']['name']} and {single['icb']['system']}" in page


def test_the_postcode_page_and_answer_take_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    # Read from the database, as inside a transaction (a served site reads the records kept
    # for the data version, with no query: tests/browser/test_servers.py). SR1 3QD: Sunderland
    # lay in one ICB. GU51 1AA on 2025-06-01: Hart was divided, so the boundary decides.
    for code, on, page, answer in (("SR13QD", None, 14, 10), ("GU511AA", "2025-06-01", 15, 11)):
        query = {"on": on} if on else {}
        with django_assert_num_queries(page):
            assert client.get(f"/postcodes/{code}/", query).status_code == 200
        with django_assert_num_queries(answer):
            assert api(client, code, **query).status_code == 200


def test_a_practice_code_finds_its_practice_with_its_pcn_and_icb(client):
    page = text(client.get("/search/", {"q": "A81001"}))
    assert "THE DENSHAM SURGERY (A81001, TS18 1HU; NHS North East and North Cumbria)" in page
    practice = text(client.get("/practices/A81001/"))
    assert "STOCKTON PCN" in practice
    assert "NHS North East and North Cumbria Integrated Care Board" in practice
    assert "Its premises lie in the area of the same ICB" in practice
    api_answer = client.get("/api/v1/practices/A81001/").json()
    assert api_answer["icb"]["code"] == "QHM" and api_answer["pcn"]["code"] == "U89141"
    pcn = text(client.get("/pcns/U89141/"))
    assert "THE DENSHAM SURGERY (A81001)" in pcn


def test_a_practice_whose_premises_lie_in_another_icb_says_so_in_plain_words(client):
    from systems.models import GPPractice
    from systems.postcodes import place_on, tidy

    for practice in GPPractice.objects.select_related("board").order_by("ods_code"):
        found = lookup().find(tidy(practice.postcode))
        if found is None or not hasattr(found, "district"):
            continue
        placed = place_on(found, practice.mapped_on)
        if placed.board and placed.board.pk != practice.board_id:
            break
    else:
        raise AssertionError("every practice's premises lie in its own ICB")
    page = text(client.get(f"/practices/{practice.ods_code}/", {"on": "2026-08-01"}))
    assert f"lie in the area of {placed.board.legal_name}" in page
    assert f"but {practice.board.legal_name} commissions its patients' care" in page


def test_the_practices_postcodes_mostly_resolve_to_the_icb_that_commissions_them():
    """The agreement figure: premises' postcodes placed on the mapping's date against the ICB
    that commissions each practice (the rest lie just over a boundary, or are not in the
    postcode list)."""
    from systems.models import GPPractice
    from systems.postcodes import Postcode, place_many, tidy

    practices = list(GPPractice.objects.all())
    found = [(p, lookup().find(tidy(p.postcode))) for p in practices]
    placed = [(p, f) for p, f in found if isinstance(f, Postcode)]
    placements = place_many([f for _, f in placed], practices[0].mapped_on)
    agree = sum(1 for (p, _), x in zip(placed, placements, strict=True) if x.board.pk == p.board_id)
    assert len(placed) >= 0.99 * len(practices)
    assert agree >= 0.99 * len(placed)


def test_an_oversized_bulk_request_is_a_json_400(client):
    body = json.dumps({"postcodes": ["x" * 30_000] * 100})  # over Django's 2.5 MB limit
    response = client.post("/api/v1/postcodes/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is too large."


@pytest.mark.parametrize("stride", [1, 3, 64])
def test_halving_from_a_sample_finds_what_halving_the_whole_column_finds(monkeypatch, stride):
    monkeypatch.setattr("systems.postcodes.STRIDE", stride)
    rng = random.Random(stride)
    words = sorted({f"{rng.choice('ABMSZ')}{rng.randrange(99)}{n % 7}" for n in range(300)})
    keys = Keys(b"".join(word.ljust(KEY).encode() for word in words))
    padded = [word.ljust(KEY).encode() for word in words]
    probes = [*padded, b"", b"A", b"ZZZZZZZ", b"M5", *(p[:-1] + b"~" for p in padded)]
    for probe in probes:
        assert keys.first(probe) == bisect_left(padded, probe), probe
    assert len(keys) == len(words) and keys[len(words)] == b""


def test_every_postcode_of_a_sample_across_england_is_found_at_its_place():
    table = lookup()
    for index in [*range(0, len(table.keys), 9973), len(table.keys) - 1]:
        postcode = table.at(index)
        assert table.find(postcode.postcode) == postcode


def test_references_kept_for_a_host_answer_alike_on_every_date_and_never_for_another_host(
    client, monkeypatch
):
    rng = random.Random(4)
    table = lookup()
    body = {"postcodes": [table.at(rng.randrange(len(table.keys))).postcode for _ in range(40)]}

    def bulk(day, host="127.0.0.1"):
        answer = client.post(
            f"/api/v1/postcodes/?on={day}", body, content_type="application/json", HTTP_HOST=host
        )
        assert answer.status_code == 200
        return answer.json()

    days = ["2023-01-01", "2026-06-01"]
    fresh = {day: bulk(day) for day in days}
    kept = {}
    monkeypatch.setattr("api.postcodes._references.get", lambda: kept)
    for day in days + days[::-1]:
        assert bulk(day) == fresh[day], day
    assert list(kept) == [("http://127.0.0.1", "/")] and kept[("http://127.0.0.1", "/")]
    other = bulk(days[0], host="localhost")["results"]
    assert other[0]["result"]["icb"]["url"].startswith("http://localhost/api/v1/systems/")
    assert other[0]["result"]["council"]["html_url"].startswith("http://localhost/councils/")
