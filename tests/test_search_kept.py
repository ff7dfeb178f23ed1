"""Search matched in memory (the entries kept per data version) finds what the database finds."""

import pytest

from directory import search
from systems import searchindex

pytestmark = pytest.mark.django_db

QUERIES = ["london", "sunderland", "qhm", "e54000050", "a e i o n s t r l h", "north east", "zz"]


def keep(monkeypatch):
    """The entries as a process keeps them outside a transaction (tests run inside one)."""
    kept = searchindex._kept_entries()
    monkeypatch.setattr(searchindex.KEPT, "get", lambda: kept)


def in_the_database(kind, value):
    subquery = searchindex.matching_ids(kind, value)
    assert not isinstance(subquery, list)  # not kept: the database matches
    return list(searchindex.KINDS[kind].model._default_manager.filter(pk__in=subquery))


@pytest.mark.parametrize("kind", searchindex.KINDS)
def test_kept_entries_match_the_records_the_database_matches(monkeypatch, kind):
    expected = {value: in_the_database(kind, value) for value in QUERIES}
    keep(monkeypatch)
    model = searchindex.KINDS[kind].model
    for value, records in expected.items():
        found = searchindex.search(model._default_manager.all(), kind, value)
        assert list(found) == records, value
        first = searchindex.matching_ids(kind, value, first=3)
        assert isinstance(first, list)
        assert first == [record.pk for record in records[:3]], value


def test_too_many_matches_go_to_the_database_as_a_subquery(monkeypatch):
    keep(monkeypatch)
    practices = searchindex.matching_ids("practice", "a")
    assert not isinstance(practices, list)  # thousands of ids are not written into the query
    assert isinstance(searchindex.matching_ids("practice", "a", first=25), list)


@pytest.mark.parametrize("query", ["london", "a e i o n s t r l h", "frimley"])
def test_the_search_page_is_the_same_with_the_entries_kept(client, monkeypatch, query):
    before = client.get("/search/", {"q": query})
    keep(monkeypatch)
    after = client.get("/search/", {"q": query})
    assert before.status_code == after.status_code == 200
    assert after.content == before.content


@pytest.mark.parametrize("query", ["london", "a e i o n s t r l h", "frimley", "durham", "zz"])
@pytest.mark.parametrize("on", ["", "2023-03-01"])
def test_with_its_results_kept_the_search_page_reads_nothing_and_is_the_same(
    client, monkeypatch, django_assert_num_queries, query, on
):
    asked = {"q": query, **({"on": on} if on else {})}
    before = client.get("/search/", asked)
    keep(monkeypatch)
    results = search._every_result()
    monkeypatch.setattr(search.KEPT, "get", lambda: results)
    with django_assert_num_queries(0):
        after = client.get("/search/", asked)
    assert after.content == before.content
    if on and query == "frimley":  # a dated page's link keeps the date; a practice's has none
        assert b'href="/systems/frimley/?on=2023-03-01"' in after.content


def test_a_record_not_kept_yet_is_read(monkeypatch):
    """Results kept a moment before a record was added: that kind is read from the database."""
    keep(monkeypatch)
    results = search._every_result()
    frimley = next(pk for pk, r in results["system"].items() if r.name == "NHS Frimley")
    del results["system"][frimley]
    monkeypatch.setattr(search.KEPT, "get", lambda: results)
    found = dict(search.search_everything("frimley"))
    assert [result.name for result, _ in found["Integrated care systems"]] == ["NHS Frimley"]
