"""Values kept in memory for a data version (icsdir.pagecache.PerVersion): worked out once per
version in each process, and never used where they could be stale."""

import pytest

from icsdir.pagecache import PerVersion, retire_pages


def test_a_value_is_worked_out_once_for_each_data_version():
    built = []
    tables = PerVersion(lambda: built.append("read") or len(built))
    assert [tables.get(), tables.get()] == [1, 1]  # the second answer reads nothing
    retire_pages()  # what any committed change does
    assert [tables.get(), tables.get()] == [2, 2]


def test_without_a_data_version_the_value_is_not_used(monkeypatch):
    monkeypatch.setattr("icsdir.pagecache.data_version", lambda: None)  # its store failed
    assert PerVersion(lambda: "tables").get() is None


@pytest.mark.django_db
def test_inside_a_transaction_the_value_is_not_used():
    # A transaction's own changes are not committed yet, so no data version names them.
    assert PerVersion(lambda: "tables").get() is None


@pytest.mark.django_db
def test_where_it_cannot_be_kept_the_value_is_worked_out_afresh_each_time():
    built = []
    tables = PerVersion(lambda: built.append("read") or len(built))
    assert [tables.value(), tables.value()] == [1, 2]  # inside a transaction: never kept


def test_a_value_of_none_is_kept_like_any_other_when_wrapped():
    built = []
    latest = PerVersion(lambda: built.append("read") or (None,))
    assert [latest.value(), latest.value()] == [(None,), (None,)]
    assert built == ["read"]
