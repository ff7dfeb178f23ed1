"""The report of what the sources could not fill."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from corrections.gaps import data_gaps
from systems.models import IntegratedCareBoard, LocalAuthority, LocalAuthorityArea

pytestmark = pytest.mark.django_db


def gaps_on(when):
    return {gap.what: (gap.missing, gap.of) for gap in data_gaps(when)}


def test_unknowns_are_counted_against_the_records_in_force(client):
    before, after = gaps_on(date(2025, 6, 1)), gaps_on(date(2026, 6, 1))
    website = "ICBs with no website reported by a dated source"
    assert before[website] == (41, 42)  # websites are dated by when their pages were read
    assert gaps_on(date(2026, 12, 1))[website] == (9, 36)
    assert after["ICBs with no board member recorded"] == (35, 36)  # only NENC's is sourced
    listed = [
        client.get("/api/v1/places/", {"system": board.ods_code, "on": "2026-06-01"}).json()
        for board in IntegratedCareBoard.objects.on(date(2026, 6, 1))
    ]
    without = sum(1 for answer in listed if answer["count"] == 0)
    assert after["ICSs with no place-based partnership recorded"] == (without, 36)
    assert 0 < without < 36
    assert before["Councils with no ICB recorded for the date"] == (0, 317)
    assert after["Councils with no ICB recorded for the date"] == (0, 317)


def test_a_council_without_an_area_is_counted_not_guessed():
    surrey_heath = LocalAuthority.objects.get(name="Surrey Heath")  # Frimley and Surrey, 2022
    areas = LocalAuthorityArea.objects.filter(local_authority=surrey_heath)
    assert {a.board.ods_code for a in areas.on(date(2025, 6, 1))} == {"QNQ", "QXU"}
    assert [a.board.ods_code for a in areas.on(date(2026, 6, 1))] == ["S9B9J"]
    areas.on(date(2026, 6, 1)).delete()
    missing, total = gaps_on(date(2026, 6, 1))["Councils with no ICB recorded for the date"]
    assert (missing, total) == (1, 317)


def test_the_command_prints_the_counts_and_refuses_a_bad_date():
    out = StringIO()
    call_command("data_gaps", "--on", "2026-06-01", stdout=out)
    assert "Unknown in the directory on 2026-06-01:" in out.getvalue()
    assert "ICBs with no website reported by a dated source: 34 of 36" in out.getvalue()
    with pytest.raises(CommandError, match="--on must be a date like 2026-06-01"):
        call_command("data_gaps", "--on", "2026-02-30")


@pytest.mark.parametrize("when", [date(2022, 7, 1), date(2024, 1, 1), date(2026, 6, 1)])
def test_the_counts_written_once_count_what_each_gaps_records_are(when):
    """The counting queries are written once with a stand-in date and run with `when` in its
    place: what they count is what the gap's records, read for `when`, are."""
    found = data_gaps(when)
    assert len(found) > 20 and any(gap.missing for gap in found)
    for gap in found:
        assert gap.missing == gap.records.values("pk").distinct().count(), gap.what
    places = "ICSs with no place-based partnership recorded"
    assert {gap.what: gap.of for gap in found}[places] == (
        IntegratedCareBoard.objects.on(when).count()
    )
