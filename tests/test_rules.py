"""Rules the database itself keeps, and what "in force on a date" means."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sources.models import Source
from systems.models import (
    BoardCode,
    IntegratedCareBoard,
    IntegratedCareSystem,
    LocalAuthority,
    Region,
    SubICBMembership,
    Succession,
)

pytestmark = pytest.mark.django_db
CHECKED = date(2026, 11, 23)


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_the_database_refuses_malformed_codes():
    region = Region.objects.get(ods_code="Y63")
    refused(lambda: Region.objects.create(ods_code="X63", name="X", slug="x", last_checked=CHECKED))
    refused(
        lambda: BoardCode.objects.create(
            board=IntegratedCareBoard.objects.get(ods_code="QHM"),
            ons_code="E55000001",
            last_checked=CHECKED,
        )
    )
    refused(
        lambda: LocalAuthority.objects.create(
            slug="nowhere", name="Nowhere", ons_code="W06000001", last_checked=CHECKED
        )
    )
    refused(
        lambda: LocalAuthority.objects.create(slug="nocode", name="No code", last_checked=CHECKED)
    )
    assert region.ons_codes.exists()


def test_the_database_refuses_end_dates_before_start_dates():
    system = IntegratedCareSystem.objects.get(annex_number=31)
    system.end_date = date(2020, 1, 1)
    refused(system.save)


def test_one_icb_per_ics_and_one_ods_code_per_icb():
    frimley = IntegratedCareBoard.objects.get(ods_code="QNQ")
    refused(
        lambda: IntegratedCareBoard.objects.create(
            system=frimley.system, legal_name="Another", ods_code="QZZ", last_checked=CHECKED
        )
    )
    devon = IntegratedCareSystem.objects.get(annex_number=39)
    refused(
        lambda: IntegratedCareBoard.objects.create(
            system=devon, legal_name="Another", ods_code="QNQ", last_checked=CHECKED
        )
    )


def test_annex_numbers_run_from_1_to_42_and_are_unique():
    system = IntegratedCareSystem.objects.get(annex_number=1)
    system.annex_number = 43
    refused(system.save)
    system.annex_number = 2
    refused(system.save)


def test_an_icb_cannot_succeed_itself():
    board = IntegratedCareBoard.objects.get(ods_code="QRL")
    refused(
        lambda: Succession.objects.create(
            predecessor=board,
            successor=board,
            effective_on=date(2026, 4, 1),
            kind="merger",
            what_moved="all",
            last_checked=CHECKED,
        )
    )


def test_overlapping_memberships_are_a_validation_error_naming_the_clash():
    membership = SubICBMembership.objects.get(sub_icb__ods_code="07H", board__ods_code="D7T5G")
    membership.start_date = date(2025, 1, 1)
    with pytest.raises(ValidationError, match="overlap those of 07H in QM7"):
        membership.full_clean()


def test_an_icb_cannot_outlive_its_system():
    board = IntegratedCareBoard.objects.get(ods_code="QNQ")
    board.end_date = None
    with pytest.raises(ValidationError, match="cannot outlive its ICS"):
        board.full_clean()


def test_end_dates_are_exclusive_and_start_dates_inclusive():
    frimley = IntegratedCareBoard.objects.get(ods_code="QNQ")
    in_force = IntegratedCareBoard.objects.filter(pk=frimley.pk)
    assert in_force.on(date(2026, 3, 31)).exists()
    assert not in_force.on(date(2026, 4, 1)).exists()
    assert not in_force.on(date(2022, 6, 30)).exists()
    assert in_force.on(date(2022, 7, 1)).exists()
    assert frimley.in_force_on(date(2026, 3, 31)) and not frimley.in_force_on(date(2026, 4, 1))


def test_records_are_found_by_their_official_identity():
    assert IntegratedCareBoard.objects.get_by_natural_key("QHM").legal_name == (
        "NHS North East and North Cumbria Integrated Care Board"
    )
    link = Succession.objects.get_by_natural_key("QNQ", "QRL")
    assert link.natural_key() == ("QNQ", "QRL")
    assert Source.objects.get_by_natural_key("briefing-2023").kind == Source.Kind.SEED
    assert str(link) == "QNQ → QRL (2026-04-01)"
