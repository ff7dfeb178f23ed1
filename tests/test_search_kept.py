"""Search matched in memory (the entries kept per data version) finds what the database finds."""

import pytest

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
