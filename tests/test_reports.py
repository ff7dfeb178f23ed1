"""Reports seen from a date (directory.reports.reported_on): the latest on or before it, else the
first after it; several on the latest day when the sources differ."""

from datetime import date
from types import SimpleNamespace

from directory.reports import reported_on


def report(kind, value, day):
    return SimpleNamespace(kind=kind, value=value, reported_on=day)


def summary(contacts, when, map_changed=None):
    return {item.kind: item for item in reported_on(contacts, when, map_changed)}


CHAIRS = [
    report("chair", "B Chair", date(2024, 5, 1)),
    report("chair", "A Chair", date(2024, 5, 1)),  # a second source, the same day
    report("chair", "B Chair", date(2024, 5, 1)),  # the first again: shown once
    report("chair", "Old Chair", date(2023, 1, 1)),
    report("chair", "Next Chair", date(2026, 2, 1)),
    report("chair", "Undated Chair", None),
]


def test_the_latest_day_on_or_before_the_date_gives_every_value_reported_then_once():
    chair = summary(CHAIRS, date(2025, 1, 1))["chair"]
    assert [r.value for r in chair.latest] == ["A Chair", "B Chair"]
    assert chair.disagree and chair.later is None
    assert [r.value for r in chair.undated] == ["Undated Chair"]


def test_a_report_of_the_date_itself_is_current_and_a_later_one_is_not():
    assert [r.value for r in summary(CHAIRS, date(2026, 2, 1))["chair"].latest] == ["Next Chair"]
    assert [r.value for r in summary(CHAIRS, date(2023, 12, 31))["chair"].latest] == ["Old Chair"]


def test_before_any_report_the_first_one_after_the_date_is_given_as_later():
    chair = summary(CHAIRS, date(2022, 7, 1))["chair"]
    assert chair.latest == [] and chair.later.value == "Old Chair"


def test_a_report_before_the_map_last_changed_is_flagged_and_every_kind_is_summarised():
    seen = summary(CHAIRS, date(2025, 1, 1), map_changed=date(2024, 6, 1))
    assert seen["chair"].before_change
    same_day = summary(CHAIRS, date(2025, 1, 1), map_changed=date(2024, 5, 1))
    assert not same_day["chair"].before_change
    assert list(seen) == ["website", "chair", "chief_executive", "address", "phone", "email"]
    assert seen["website"].latest == [] and seen["website"].later is None
