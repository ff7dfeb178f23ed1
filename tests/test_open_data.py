"""The open data: the JSON API, the CSV downloads and the boundaries, as a caller sees them."""

import csv
import gzip
import io
import json
import re
from datetime import date

import pytest

from directory import downloads
from directory.boundaries import BY_SLUG
from systems.models import BoardCode, IntegratedCareBoard

pytestmark = pytest.mark.django_db

TODAY = date.today().isoformat()


def rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def api_codes(client, url, params):
    """Every record's code across all the API's pages."""
    codes, page = [], client.get(url, params)
    assert page.status_code == 200, page.content
    while True:
        body = page.json()
        codes += [record["code"] for record in body["results"]]
        if not body["next"]:
            return codes
        page = client.get(body["next"])


def html_codes(client, params):
    """The ODS codes in the list's table, page after page, as a reader sees them."""
    codes, number = [], 1
    while True:
        page = client.get("/systems/", {**params, "page": number}).content.decode()
        codes += re.findall(r"ICB codes</span>\s*([A-Z0-9]+)", page)
        if 'rel="next"' not in page:
            return codes
        number += 1


FILTERS = [
    {},
    {"region": "london"},
    {"region": "london", "on": "2025-01-01"},
    {"q": "Frimley", "on": "2024-05-05"},
    {"q": "Sunderland"},
    {
        "cluster": "west-midlands-cluster-birmingham-and-solihull-with-black-country",
        "on": "2025-09-01",
    },
    {"designation": "december-2020", "on": "2022-09-01"},
    {"order": "-patients", "region": "midlands"},
    {"order": "name", "on": "2023-01-01"},
]


@pytest.mark.parametrize("params", FILTERS)
def test_the_api_the_csv_and_the_html_list_return_the_same_records(client, params):
    html = html_codes(client, params)
    api = api_codes(client, "/api/v1/systems/", {**params, "page_size": 7})
    download = [row["icb_ods_code"] for row in rows(client.get("/systems/download.csv", params))]
    assert html == api == download
    assert html, "each case should match something"


def test_the_system_list_links_its_csv_with_its_filters(client):
    page = client.get("/systems/", {"region": "london", "on": "2025-01-01", "page": 1})
    link = re.search(r'href="(/systems/download\.csv[^"]*)"', page.content.decode())[1]
    assert link == "/systems/download.csv?region=london&amp;on=2025-01-01"


def test_the_systems_csv_has_documented_columns_and_one_row_per_system(client):
    response = client.get("/systems/download.csv", {"region": "london"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="systems-{TODAY}.csv"'
    assert 'rel="license"' in response["Link"]
    table = rows(response)
    assert sorted(row["name"] for row in table) == [
        "NHS North East London",
        "NHS South East London",
        "NHS South West London",
        "NHS West and North London",
    ]
    west = table[-1]
    assert west["icb_ods_code"] == "Z9B2Z"
    assert west["region_ods_code"] == "Y56"
    assert west["start_date"] == "2026-04-01" and west["end_date"] == ""
    assert west["website"] == ""  # unknown
    docs = client.get("/api/").content.decode()
    for column in table[0]:
        assert f"<code>{column}</code>" in docs


def test_a_region_page_and_the_changes_page_offer_their_csv(client):
    region = client.get("/regions/london/?on=2025-01-01").content.decode()
    assert 'href="/systems/download.csv?region=london&amp;on=2025-01-01"' in region
    table = rows(client.get("/changes/download.csv"))
    assert len(table) == 16
    assert {row["kind"] for row in table} == {"merger", "split", "transfer"}
    services = rows(client.get("/who-commissions-what/download.csv"))
    assert any(row["commissioner"] == "nhse_hj" for row in services)


def test_bad_csv_filters_get_a_400_page_not_a_file(client):
    response = client.get("/systems/download.csv", {"region": "atlantis"})
    assert response.status_code == 400
    assert "region" in response.content.decode()
    assert client.get("/systems/download.csv", {"on": "2025-13-01"}).status_code == 400


def test_a_system_by_any_of_its_codes_with_links_between_resources(client):
    by_ods = client.get("/api/v1/systems/QHM/").json()
    assert by_ods["name"] == "NHS North East and North Cumbria"
    assert by_ods["board"]["ons_code"] == "E54000050"
    assert by_ods["region"]["url"] == "http://testserver/api/v1/regions/Y63/"
    assert by_ods["html_url"] == "http://testserver/systems/north-east-and-north-cumbria/"
    websites = [c for c in by_ods["board"]["contacts"] if c["kind"] == "website" and c["current"]]
    assert [c["value"] for c in websites] == ["https://northeastnorthcumbria.nhs.uk"]
    assert websites[0]["source_url"].startswith("https://northeastnorthcumbria.nhs.uk/")
    assert client.get("/api/v1/systems/E54000050/").json()["url"] == by_ods["url"]
    assert client.get("/api/v1/systems/qhm/").json()["code"] == "QHM"
    councils = client.get(by_ods["links"]["councils"]).json()["results"]
    assert "Sunderland" in {council["name"] for council in councils}
    roles = client.get(by_ods["links"]["roles"]).json()
    assert roles["count"] == 26


def test_former_codes_keep_resolving(client):
    # Surrey Heartlands' ICB ONS code until 1 April 2023, and an abolished ICB's ODS code.
    former = BoardCode.objects.get(ons_code="E54000052")
    surrey = client.get("/api/v1/systems/E54000052/").json()
    assert surrey["code"] == former.board.ods_code
    assert [c["code"] for c in surrey["board"]["ons_codes"]][:2] == ["E54000052", "E54000063"]
    frimley = client.get("/api/v1/systems/QNQ/").json()
    assert frimley["end_date"] == "2026-04-01"
    assert len(frimley["successors"]) == 3
    assert client.get("/api/v1/regions/E40000007/").json()["code"] == "Y61"


def test_an_abolished_body_shows_in_past_lists_only(client):
    today = api_codes(client, "/api/v1/systems/", {"region": "south-east"})
    before = api_codes(client, "/api/v1/systems/", {"region": "south-east", "on": "2026-03-31"})
    assert "QNQ" in before and "QNQ" not in today


def test_the_api_says_what_date_and_licence_a_list_is_under(client):
    body = client.get("/api/v1/councils/", {"on": "2024-01-01", "page_size": 2}).json()
    assert body["on"] == "2024-01-01"
    assert body["licence"]["name"] == "Open Government Licence v3.0"
    assert len(body["results"]) == 2 and body["count"] > 300
    assert "on=2024-01-01" in body["next"] and "page=2" in body["next"]


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/api/v1/systems/?region=atlantis", 400, "region"),
        ("/api/v1/systems/?on=2025-02-30", 400, "on"),
        ("/api/v1/systems/?on=1900-01-01", 400, "on"),
        ("/api/v1/systems/?q=" + "x" * 101, 400, "q"),
        ("/api/v1/systems/?colour=blue", 400, "colour"),
        ("/api/v1/systems/?order=name,,number", 400, "order"),  # not read as "no order"
        ("/api/v1/roles/?role=king", 400, "role"),
        ("/api/v1/councils/?page_size=abc", 400, "page_size"),
        ("/api/v1/councils/?page_size=501", 400, "page_size"),
        ("/api/v1/councils/?page=999", 404, None),
        ("/api/v1/systems/QZZ/", 404, None),
        ("/api/v1/trusts/R%20D/", 404, None),
        ("/api/v1/boundaries/icb-1999.geojson", 404, None),
    ],
)
def test_bad_input_gets_a_json_answer_with_the_right_status(client, url, status, field):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == status and body["detail"]
    if field:
        assert field in body["errors"]


def test_every_list_endpoint_answers_and_names_its_sources(client):
    root = client.get("/api/v1/").json()
    for name, url in root.items():
        if name.startswith("boundaries") or name in ("schema", "documentation", "postcodes"):
            continue  # files, documents, and the postcode lookup (POST; tests/test_postcodes.py)
        body = client.get(url).json()
        assert "results" in body, name
        for record in body["results"]:
            assert record.get("sources", ["a source"]), f"{name}: {record}"


@pytest.mark.parametrize(
    ("slug", "count", "when"), [("icb-2023", 42, "2025-06-01"), ("icb-2026", 36, "2026-06-01")]
)
def test_boundaries_have_one_feature_per_icb_matching_its_codes(client, slug, count, when):
    response = client.get(f"/api/v1/boundaries/{slug}.geojson")
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert "Contains OS data © Crown copyright and database right" in collection["licence"]
    features = collection["features"]
    assert len(features) == count
    boards = {
        code.board.ods_code: code.ons_code
        for code in BoardCode.objects.on(date.fromisoformat(when)).select_related("board")
    }
    assert {f["properties"]["ods_code"]: f["properties"]["ons_code"] for f in features} == boards
    for feature in features:
        assert feature["geometry"]["type"] == "MultiPolygon"
        for polygon in feature["geometry"]["coordinates"]:
            for lon, lat in polygon[0]:
                assert -7 < lon < 2 and 49.8 < lat < 56  # England in WGS84, not grid metres
    assert IntegratedCareBoard.objects.on(date.fromisoformat(when)).count() == count


def test_a_repeated_request_with_its_etag_gets_304(client):
    for url in (
        "/api/v1/systems/?region=london",
        "/api/v1/systems/QHM/",
        "/systems/download.csv?region=london",
        "/api/v1/boundaries/icb-2026.geojson",
        "/regions/london/",
    ):
        first = client.get(url)
        assert first.status_code == 200
        assert first["ETag"].startswith('"') and "public" in first["Cache-Control"]
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert again["ETag"] == first["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_a_data_change_changes_the_etag(client, django_capture_on_commit_callbacks):
    url = "/api/v1/systems/QHM/"
    first = client.get(url)
    board = IntegratedCareBoard.objects.get(ods_code="QHM")
    board.legal_name = "Renamed"  # an editor's save moves the data version on
    with django_capture_on_commit_callbacks(execute=True):
        board.save()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["board"]["legal_name"] == "Renamed"


def test_the_api_documentation_is_linked_from_about_and_lists_every_endpoint(client):
    assert 'href="/api/"' in client.get("/about/").content.decode()
    docs = client.get("/api/").content.decode()
    for path in ("/api/v1/systems/{code}/", "/api/v1/councils/", "/api/v1/roles/"):
        assert f"GET {path}" in docs
    assert "Contains OS data © Crown copyright and database right" in docs.replace(
        "contain OS data", "Contains OS data"
    )


def test_an_empty_date_field_means_today_on_the_list_and_its_csv_but_not_in_the_api(client):
    # The filter form sends on= when its date field is left empty.
    page = client.get("/systems/", {"on": "", "region": ""}).content.decode()
    in_force = IntegratedCareBoard.objects.on(date.today()).count()
    assert f"{in_force} integrated care systems in force" in page
    assert len(rows(client.get("/systems/download.csv", {"on": ""}))) == in_force
    assert client.get("/api/v1/systems/", {"on": ""}).status_code == 400
    assert client.get("/api/v1/systems/", {"on": "20250101"}).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/systems/",
        "/systems/download.csv",
        "/api/v1/boundaries/icb-2026.geojson",
        "/systems/frimley/changes.atom",
    ],
)
def test_data_answers_are_gzipped_for_clients_that_accept_it(client, url):
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    packed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    body = b"".join(packed.streaming_content) if packed.streaming else packed.content
    assert gzip.decompress(body) == (
        b"".join(plain.streaming_content) if plain.streaming else plain.content
    )
    assert len(body) < len(gzip.decompress(body)) / 2


def test_html_pages_are_not_compressed_so_no_token_leaks_through_their_size(client):
    page = client.get("/suggest/system/somerset/", headers={"Accept-Encoding": "gzip"})
    assert "csrfmiddlewaretoken" in page.content.decode()
    assert "Content-Encoding" not in page
    assert "Content-Encoding" not in client.get("/", headers={"Accept-Encoding": "gzip"})


def test_a_compressed_answer_gets_304_with_its_weak_etag(client):
    gzip_ok = {"Accept-Encoding": "gzip"}
    for url in ("/api/v1/systems/", "/api/v1/boundaries/icb-2026.geojson"):
        first = client.get(url, headers=gzip_ok)
        assert first["Content-Encoding"] == "gzip" and first["ETag"].startswith('W/"')
        again = client.get(url, headers={**gzip_ok, "If-None-Match": first["ETag"]})
        assert again.status_code == 304, url


def test_the_boundary_files_are_sent_as_compressed_once_per_process(client):
    gzipped = BY_SLUG["icb-2023"].gzipped  # level 9: a per-request compression differs
    first = client.get("/api/v1/boundaries/icb-2023.geojson", headers={"Accept-Encoding": "gzip"})
    assert first.content == gzipped and first["Content-Length"] == str(len(gzipped))


def test_a_csv_is_written_a_hundred_rows_a_chunk(client):
    rows = [["name", "count"], *[[f"row {i}", i] for i in range(249)]]
    chunks = list(downloads._chunks(rows))
    assert [chunk.count("\r\n") for chunk in chunks] == [100, 100, 50]
    assert list(csv.reader(io.StringIO("".join(chunks)))) == [[str(v) for v in r] for r in rows]
    response = client.get("/systems/download.csv")
    assert len(list(response.streaming_content)) == 1  # the header and a few dozen ICSs
