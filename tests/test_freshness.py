"""A newer official file is compared with the directory: each difference is filed as a
suggestion for the editors, and nothing in the directory changes by itself."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from corrections.models import Suggestion
from systems.models import GPPractice

pytestmark = pytest.mark.django_db

HEADER = [
    "PUBLICATION", "EXTRACT_DATE", "PRACTICE_CODE", "PRACTICE_NAME", "PRACTICE_POSTCODE",
    "PCN_CODE", "PCN_NAME", "SUB_ICB_LOCATION_CODE", "ICB_CODE",
]  # fmt: skip


def next_month(tmp_path, changes, new=()):
    """A synthetic September mapping: the directory's practices with `changes` (code -> {column:
    value}) and `new` rows."""
    path = tmp_path / "gp-reg-pat-prac-map_2026-09.csv"
    with open(path, "w", newline="") as file:
        writer = csv.DictWriter(file, HEADER)
        writer.writeheader()
        for practice in GPPractice.objects.select_related("pcn", "sub_icb", "board"):
            row = {
                "PUBLICATION": "GP_PRAC_PAT_LIST",
                "EXTRACT_DATE": "01Sep2026",
                "PRACTICE_CODE": practice.ods_code,
                "PRACTICE_NAME": practice.name,
                "PRACTICE_POSTCODE": practice.postcode,
                "PCN_CODE": practice.pcn.ods_code,
                "PCN_NAME": practice.pcn.name,
                "SUB_ICB_LOCATION_CODE": practice.sub_icb.ods_code,
                "ICB_CODE": practice.board.ods_code,
            }
            if practice.ods_code in changes:
                if changes[practice.ods_code] is None:  # gone from next month's file
                    continue
                row |= changes[practice.ods_code]
            writer.writerow(row)
        for row in new:
            writer.writerow({"PUBLICATION": "GP_PRAC_PAT_LIST", "EXTRACT_DATE": "01Sep2026", **row})
    return path


def compare(path):
    out = StringIO()
    call_command("compare_practices", str(path), stdout=out)
    return out.getvalue()


def test_each_difference_with_next_months_mapping_becomes_a_suggestion(tmp_path):
    path = next_month(
        tmp_path,
        {
            "A81001": {"PRACTICE_NAME": "THE DENSHAM SURGERY (RENAMED)"},
            "A81002": {"PRACTICE_POSTCODE": "TS18 9ZZ"},
            "A81004": {"PCN_CODE": "U07032"},
        },
        new=[
            {
                "PRACTICE_CODE": "Z99999",
                "PRACTICE_NAME": "A NEW SURGERY",
                "PRACTICE_POSTCODE": "SR1 3QD",
                "PCN_CODE": "U89141",
                "SUB_ICB_LOCATION_CODE": "00P",
                "ICB_CODE": "QHM",
            }
        ],
    )
    report = compare(path)
    assert f"Compared {GPPractice.objects.count() + 1:,} practices" in report
    assert "extract 1 September 2026" in report
    assert "Names changed: 1" in report and "Postcodes changed: 1" in report
    assert "Moved to another PCN, sub-ICB location or ICB: 1" in report
    assert "New practices: 1" in report
    assert "Filed 4 suggestions" in report and "the directory itself is unchanged" in report
    renamed = Suggestion.objects.get(field="name")
    assert renamed.current_value == "THE DENSHAM SURGERY"
    assert renamed.proposed_value == "THE DENSHAM SURGERY (RENAMED)"
    assert "extract 1 September 2026" in renamed.source and renamed.system.slug == (
        "north-east-and-north-cumbria"
    )
    assert GPPractice.objects.get(ods_code="A81001").name == "THE DENSHAM SURGERY"
    again = compare(path)
    assert "Filed 0 suggestions" in again and "(4 already waiting)" in again


def test_a_practice_missing_from_a_complete_file_is_asked_about(tmp_path):
    report = compare(next_month(tmp_path, {"A81001": None}))
    assert "No longer listed: 1" in report
    assert Suggestion.objects.get().proposed_value.startswith("Not in the newer mapping")


def test_a_bad_file_gets_a_clear_error_and_files_nothing(tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_text("PRACTICE_CODE,PRACTICE_NAME\nA81001,X\n")
    with pytest.raises(CommandError, match="lacks the columns"):
        compare(broken)
    with pytest.raises(CommandError, match="cannot be read"):
        compare(tmp_path / "absent.csv")
    assert not Suggestion.objects.exists()
