"""The loaded directory against its sources: the acceptance facts of the foundation."""

import re
from collections import Counter
from datetime import date

import pytest
from django.apps import apps

from boards.models import BoardMembership, BoardRole
from sources.models import Source, Sourced
from systems.models import (
    BoardCode,
    Cluster,
    IntegratedCareBoard,
    IntegratedCarePartnership,
    IntegratedCareSystem,
    LocalAuthority,
    LocalAuthorityArea,
    NHSTrust,
    Organisation,
    Region,
    RegionCode,
    RegisteredPatients,
    SubICBCode,
    SubICBLocation,
    SubICBMembership,
    Succession,
)
from tests.helpers import read_data_csv, seed_text, source_files

pytestmark = pytest.mark.django_db

BEFORE_2026 = date(2025, 6, 1)
AFTER_2026 = date(2026, 6, 1)
REORGANISED = date(2026, 4, 1)
SICBL_LOOKUP = (
    "sources/Sub_ICB_Locations_to_Integrated_Care_Boards_to_NHS_England_(Region)_"
    "(April_2023)_Lookup_in_England.csv"
)


def annex_from_seed():
    """Annex A of the briefing, read independently of the builder: number -> (name, region)."""
    text = seed_text("000").split("Annex A: NHS England Integrated Care Board Map")[-1]
    entries, region = {}, None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("####"):
            region = line.strip("# *").replace(" & ", " and ")
        elif match := re.fullmatch(r"(?:- )?(\d+) (NHS .*)", line):
            entries[int(match[1])] = (match[2].strip(), region)
    return entries


def test_seven_regions_each_with_its_ons_codes_over_time():
    assert Region.objects.count() == 7
    east = Region.objects.get(ods_code="Y61")
    assert east.name == "East of England"
    assert list(east.ons_codes.values_list("ons_code", flat=True)) == ["E40000007", "E40000013"]
    assert east.ons_codes.on(date(2023, 6, 1)).get().ons_code == "E40000007"
    assert east.ons_codes.on(date(2025, 6, 1)).get().ons_code == "E40000013"
    assert RegionCode.objects.get(ons_code="E40000010").region.name == "North West"


def test_42_icbs_in_force_before_april_2026_match_the_annex_exactly():
    annex = annex_from_seed()
    assert len(annex) == 42
    systems = IntegratedCareSystem.objects.on(BEFORE_2026).select_related("region", "board")
    found = {s.annex_number: (s.name.lower(), s.region.name) for s in systems}
    assert found == {number: (name.lower(), region) for number, (name, region) in annex.items()}
    for system in systems:  # where only the case differs (the ICS's own name), the annex's is kept
        assert annex[system.annex_number][0] in [system.name, *system.other_names]
    assert all(s.board.in_force_on(BEFORE_2026) for s in systems)
    assert IntegratedCareBoard.objects.on(BEFORE_2026).count() == 42


def test_36_icbs_in_force_after_april_2026_are_those_of_nhs_englands_mapping():
    official = {row["ICB_CODE"] for row in read_data_csv("sources/gp-reg-pat-prac-map_2026-08.csv")}
    in_force = IntegratedCareBoard.objects.on(AFTER_2026)
    assert in_force.count() == 36
    assert set(in_force.values_list("ods_code", flat=True)) == official
    assert IntegratedCareSystem.objects.on(AFTER_2026).count() == 36


def test_12_icbs_abolished_with_effect_from_1_april_2026():
    abolished = IntegratedCareBoard.objects.filter(end_date=REORGANISED)
    assert abolished.count() == 12
    assert IntegratedCareBoard.objects.exclude(end_date=None).count() == 12
    assert "QRL" not in abolished.values_list("ods_code", flat=True)  # enlarged, not abolished
    assert set(abolished.values_list("ods_code", flat=True)) == {
        row["predecessor_ods"] for row in read_data_csv("curated/successions_2026-04-01.csv")
    }
    created = IntegratedCareBoard.objects.filter(start_date=REORGANISED)
    assert created.count() == 6


def test_16_successions_and_frimley_went_to_three_successors():
    assert Succession.objects.count() == 16
    frimley = IntegratedCareBoard.objects.get(ods_code="QNQ")
    links = {s.successor.ods_code: s.kind for s in frimley.successions_out.all()}
    assert links == {"S0E4D": "split", "S9B9J": "split", "QRL": "transfer"}
    west_and_north = IntegratedCareBoard.objects.get(ods_code="Z9B2Z")
    assert {s.predecessor.ods_code for s in west_and_north.successions_in.all()} == {
        "QMJ",
        "QRV",
    }
    assert Counter(Succession.objects.values_list("kind", flat=True)) == {
        "merger": 9,
        "split": 6,
        "transfer": 1,
    }


def test_106_sub_icb_locations_before_and_after_2026_with_their_boards():
    assert SubICBLocation.objects.on(BEFORE_2026).count() == 106
    assert SubICBLocation.objects.on(AFTER_2026).count() == 106
    assert SubICBLocation.objects.get(ods_code="D4U1Y").end_date == REORGANISED
    assert SubICBLocation.objects.get(ods_code="U2G6B").start_date == REORGANISED
    west_essex = SubICBMembership.objects.filter(sub_icb__ods_code="07H")
    assert west_essex.on(BEFORE_2026).get().board.ods_code == "QM7"
    assert west_essex.on(AFTER_2026).get().board.ods_code == "D7T5G"
    for when in (BEFORE_2026, AFTER_2026):
        sub_icbs = SubICBMembership.objects.on(when).values_list("sub_icb", flat=True)
        assert len(sub_icbs) == len(set(sub_icbs)) == 106


def test_sub_icb_codes_2023_equal_the_official_lookup_and_old_codes_resolve():
    for row in read_data_csv(SICBL_LOOKUP):
        code = SubICBCode.objects.filter(sub_icb__ods_code=row["SICBL23CDH"]).on(date(2023, 6, 1))
        assert code.get().ons_code == row["SICBL23CD"]
    assert SubICBCode.objects.get(ons_code="E38000246").sub_icb.ods_code == "92A"
    assert SubICBCode.objects.get(ons_code="E38000264").sub_icb.ods_code == "92A"


def test_eleven_systems_designated_in_december_2020_as_the_announcement_lists():
    text = seed_text("004").split("The 11 new ICS areas are:")[1]
    announced = re.findall(r"^\s*\d+\.\s+(.+?)\s*$", text, flags=re.MULTILINE)
    assert len(announced) == 11
    designated = IntegratedCareSystem.objects.exclude(designated_on=None)
    assert designated.count() == 11

    def words(name):
        return set(name.lower().replace("nhs ", "").split()) - {"and", "the", "of"}

    matched = set()
    for name in announced:
        candidates = [s for s in designated if words(name) <= words(s.name)]
        assert candidates, name
        matched.add(min(candidates, key=lambda s: len(words(s.name) - words(name))).pk)
    assert len(matched) == 11  # one announced name to each designated system
    assert {s.designation_display for s in designated} == {"December 2020"}


@pytest.mark.parametrize(
    ("when", "source", "ods_column", "ons_column"),
    [
        (date(2023, 6, 1), SICBL_LOOKUP, "ICB23CDH", "ICB23CD"),
        (date(2026, 8, 1), "sources/gp-reg-pat-prac-map_2026-08.csv", "ICB_CODE", "ONS_ICB_CODE"),
    ],
)
def test_every_icbs_codes_equal_the_official_files(when, source, ods_column, ons_column):
    official = {(row[ods_column], row[ons_column]) for row in read_data_csv(source)}
    held = {
        (code.board.ods_code, code.ons_code)
        for code in BoardCode.objects.on(when).select_related("board")
    }
    assert held == official


def test_former_ons_codes_still_resolve_to_the_right_board():
    assert BoardCode.objects.get(ons_code="E54000052").board.ods_code == "QXU"  # Surrey, 2022
    assert BoardCode.objects.get(ons_code="E54000063").board.ods_code == "QXU"
    hampshire = IntegratedCareBoard.objects.get(ods_code="QRL")
    assert [c.ons_code for c in hampshire.ons_codes.all()] == ["E54000042", "E54000067"]
    assert hampshire.ons_codes.on(AFTER_2026).get().ons_code == "E54000067"


def test_registered_population_is_a_dated_series():
    (count,) = RegisteredPatients.objects.filter(board__ods_code="QHM")
    assert count.count == 3218502
    assert count.extract_date == date(2026, 8, 1)
    assert not RegisteredPatients.objects.filter(board__ods_code="QNQ").exists()


def test_nenc_board_as_the_guidance_gives_it():
    text = seed_text("002")
    seats = BoardMembership.objects.filter(board__ods_code="QHM").select_related("person")
    assert seats.count() == 26
    assert all(seat.person.name in text for seat in seats)
    by_role = Counter(seats.values_list("role", flat=True))
    assert by_role == {
        BoardRole.CHAIR: 1,
        BoardRole.CHIEF_EXECUTIVE: 1,
        BoardRole.PARTNER_LOCAL_AUTHORITY: 4,
        BoardRole.PARTNER_PRIMARY_CARE: 2,
        BoardRole.PARTNER_TRUSTS: 2,
        BoardRole.NON_EXECUTIVE: 4,
        BoardRole.PARTICIPANT: 2,
        BoardRole.MEDICAL_DIRECTOR: 1,
        BoardRole.FINANCE_DIRECTOR: 1,
        BoardRole.NURSING_DIRECTOR: 1,
        BoardRole.OTHER_EXECUTIVE: 7,
    }
    assert seats.get(role=BoardRole.CHAIR).person.name == "Sir Liam Donaldson"
    assert seats.get(role=BoardRole.NURSING_DIRECTOR).title == "Executive Chief Nurse"


def test_nenc_has_one_strategic_icp_built_from_four_area_icps():
    nenc = IntegratedCareSystem.objects.get(annex_number=2)
    strategic = nenc.partnerships.get(level="strategic")
    assert strategic.name == "Strategic ICP (North East and North Cumbria)"
    assert strategic.area_partnerships.count() == 4
    assert not strategic.area_partnerships.filter(name_verified=True).exists()
    assert nenc.partnerships.count() == 5


def test_every_system_has_an_icp_whose_unsourced_name_is_marked_unverified():
    for when in (BEFORE_2026, AFTER_2026):
        for system in IntegratedCareSystem.objects.on(when):
            assert system.partnerships.on(when).exists(), system
    frimley_icp = IntegratedCarePartnership.objects.get(system__annex_number=31)
    assert frimley_icp.name_verified is False


def test_clusters_keep_separate_boards_and_name_their_sources():
    assert Cluster.objects.count() == 9  # 4 from the shared table, 5 from dated pages
    assert "separate legal entities" in Cluster.RULE
    for cluster in Cluster.objects.prefetch_related("memberships"):
        assert cluster.memberships.count() >= 2
    planned = Cluster.objects.get(status="planned")
    assert planned.announced_display == "2025"
    assert planned.memberships.count() == 3


def test_councils_with_their_icbs_and_split_ones_flagged():
    sunderland = LocalAuthority.objects.get(ons_code="E08000024")
    assert sunderland.ods_code == "110"
    assert [a.board.ods_code for a in sunderland.areas.all()] == ["QHM"]
    splits = LocalAuthorityArea.objects.on(date(2023, 6, 1)).filter(share__lt=1)
    split = set(splits.values_list("local_authority__name", flat=True))
    # The twelve districts split in 2022; Copeland and Craven live on in their 2023 unitaries.
    districts = {"Buckinghamshire", "Chichester", "East Suffolk", "Guildford", "Hart"}
    districts |= {"North Hertfordshire", "Runnymede", "Surrey Heath", "Vale of White Horse"}
    districts |= {"Waverley", "Cumberland Council", "North Yorkshire Council"}
    assert districts <= split
    assert "Essex County Council" in split  # a county council takes its districts' ICBs
    east_suffolk = LocalAuthority.objects.get(name="East Suffolk")
    assert sorted(a.share for a in east_suffolk.areas.on(date(2023, 6, 1))) == [0.5, 0.5]
    kent = LocalAuthority.objects.get(name="Kent County Council")
    assert kent.ons_code == "E10000016"  # the Code-Point Open code list names the counties
    assert kent.partnerships.get().board.ods_code == "QKS"


def test_trusts_with_their_principal_icb_and_partnerships():
    newcastle = NHSTrust.objects.get(ods_code="RTD")
    assert newcastle.principal_board.ods_code == "QHM"
    assert newcastle.partnerships.filter(board__ods_code="QHM").exists()
    assert NHSTrust.objects.get(ods_code="TAD").principal_board.ods_code == "QWO"


def test_vcse_alliances_the_briefing_names():
    alliances = Organisation.objects.filter(kind="vcse_alliance", sources__slug="briefing-2023")
    assert {a.system.annex_number for a in alliances.select_related("system")} == {2, 15, 22, 28}


def test_every_record_names_a_source_whose_file_is_at_hand():
    for model in apps.get_models():
        if issubclass(model, Sourced):
            unsourced = model._default_manager.filter(sources__isnull=True)
            assert not unsourced.exists(), f"{model.__name__} without a source"
            assert model._default_manager.exclude(last_checked=None).exists() or (
                not model._default_manager.exists()
            )
    files = source_files()
    for source in Source.objects.all():
        assert files.path(source.file_name).is_file(), source.file_name


def test_names_taken_from_seeds_appear_verbatim_in_them():
    files = source_files()
    texts = {source.slug: source.file_name for source in Source.objects.all()}

    def text_of(slug):
        return files.path(texts[slug]).read_text(encoding="utf-8").lower()

    checked = 0
    for model, field in [(Organisation, "name"), (apps.get_model("boards", "Person"), "name")]:
        for record in model.objects.prefetch_related("sources"):
            seeds = [s for s in record.sources.all() if s.kind == Source.Kind.SEED]
            if seeds and getattr(record, "name_verified", True):  # web pages: local_partnerships
                assert any(getattr(record, field).lower() in text_of(s.slug) for s in seeds)
                checked += 1
    for service in apps.get_model("systems", "CommissionedService").objects.all():
        assert service.name.lower() in text_of("briefing-2023"), service.name
        checked += 1
    assert checked > 50
