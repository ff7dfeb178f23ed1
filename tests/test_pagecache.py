"""The public page cache: served without queries, retired by any change to the data."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.core.management import call_command

from icsdir import pagecache
from icsdir.pagecache import HEADER
from systems.models import IntegratedCareBoard, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
        "versions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "v"},
    }
    caches["pages"].clear()


def test_a_page_is_served_again_without_queries(client, django_assert_num_queries):
    first = client.get("/systems/frimley/")
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        again = client.get("/systems/frimley/")
    assert again[HEADER] == "hit"
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_each_address_and_query_is_its_own_page(client):
    client.get("/systems/?region=london")
    assert client.get("/systems/?region=london&on=2025-01-01")[HEADER] == "miss"


def test_an_editors_change_retires_every_cached_page(client, django_capture_on_commit_callbacks):
    client.get("/systems/frimley/")
    board = IntegratedCareBoard.objects.get(ods_code="QNQ")
    board.legal_name = "NHS Frimley, as an editor renamed it"
    with django_capture_on_commit_callbacks(execute=True):
        board.save()
    response = client.get("/systems/frimley/")
    assert response[HEADER] == "miss"
    assert "NHS Frimley, as an editor renamed it" in response.content.decode()


def test_relinking_sources_retires_cached_pages(client, django_capture_on_commit_callbacks):
    client.get("/about/")
    organisation = Organisation.objects.get(slug="mind")
    with django_capture_on_commit_callbacks(execute=True):
        organisation.sources.clear()
    assert client.get("/about/")[HEADER] == "miss"


def test_loading_changed_fixtures_retires_cached_pages(client):
    client.get("/")
    IntegratedCareBoard.objects.filter(ods_code="QNQ").update(legal_name="X")
    assert client.get("/")[HEADER] == "hit"  # an update() sends no signal
    call_command("load_directory", stdout=StringIO())  # puts the fixture value back
    assert client.get("/")[HEADER] == "miss"


def test_the_admin_errors_and_bad_requests_are_never_cached(client):
    for path in ("/admin/login/", "/systems/atlantis/", "/systems/?on=nonsense"):
        client.get(path)
        assert HEADER not in client.get(path)


def test_a_head_request_does_not_leave_an_empty_page_for_get(client):
    client.head("/changes/")
    response = client.get("/changes/")
    assert "NHS Thames Valley" in response.content.decode()


def test_the_host_is_part_of_the_key_as_api_answers_hold_absolute_links(client, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    first = client.get("/api/v1/systems/QHM/", HTTP_HOST="one.example")
    other = client.get("/api/v1/systems/QHM/", HTTP_HOST="two.example")
    assert first[HEADER] == other[HEADER] == "miss"
    assert other.json()["url"] == "http://two.example/api/v1/systems/QHM/"
    assert first["ETag"] != other["ETag"]


def test_a_streamed_download_is_kept_once_it_has_gone_out(client, django_assert_num_queries):
    first = client.get("/systems/download.csv?region=london")
    assert first.streaming and first[HEADER] == "miss"
    body = b"".join(first.streaming_content)
    with django_assert_num_queries(0):
        again = client.get("/systems/download.csv?region=london")
    assert again[HEADER] == "hit"
    assert again.content == body
    assert list(again) == [body]  # sent from the cache in one piece, not a piece a chunk
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert again["Content-Type"] == "text/csv; charset=utf-8"


def test_boundaries_held_in_memory_are_not_copied_into_the_page_cache(client):
    answers = [client.get("/api/v1/boundaries/icb-2026.geojson") for _ in range(2)]
    assert [answer.status_code for answer in answers] == [200, 200]
    assert HEADER not in answers[1]  # neither a hit nor kept as a miss
    assert answers[1]["ETag"] == answers[0]["ETag"]  # still tagged for a client's 304
    assert answers[1].json()["type"] == "FeatureCollection"


def test_a_public_request_reads_the_data_version_once_and_keeps_to_it(client, monkeypatch):
    reads = []
    read = pagecache._read_or_start_version

    def counted():
        reads.append(1)
        return read()

    monkeypatch.setattr(pagecache, "_read_or_start_version", counted)
    # Kept records ask for the version as they are used (here as outside a test's transaction):
    # each would read the store again.
    monkeypatch.setattr(pagecache, "connection", SimpleNamespace(in_atomic_block=False))
    for path in ("/systems/", "/systems/frimley/", "/search/?q=london", "/api/v1/systems/"):
        reads.clear()
        assert client.get(path).status_code == 200
        assert len(reads) == 1, path
    reads.clear()
    asked = {"postcodes": ["SR1 3QD", "CM20 1QP", "GU51 1AA"]}
    posted = client.post("/api/v1/postcodes/", asked, content_type="application/json")
    assert posted.status_code == 200 and len(reads) == 1  # placements and references kept
    reads.clear()
    pagecache.data_version()  # outside a request: read afresh
    assert len(reads) == 1
