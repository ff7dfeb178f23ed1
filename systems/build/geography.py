"""Regions, ICSs and their ICBs, their codes over time, successions, clusters, sub-ICB locations."""

from collections import Counter
from datetime import date

from sources.fixtures import make_slug, parse_yyyymmdd, require

from .data import (
    ESTABLISHED,
    LSOAS,
    REGION_CODES_2024,
    REGION_CODES_2024_NOTE,
    REORGANISED_2026,
    VARIATION_2023,
    system_name,
)
from .moves import what_moved

LOOKUP_2023 = "ons-sicbl-icb-nhser-lookup-2023"
MOSTLY = 0.1  # a council area named as one a sub-ICB location covers: a tenth of its small areas
ICB_LIST_2026 = ("derived-icb-list-2026", "nhse-gp-practice-mapping-2026-08")


def build_regions(fixtures, data):
    regions = {}
    for row in data.sicbl_2023:
        regions[row["NHSER23CDH"]] = (row["NHSER23NM"], row["NHSER23CD"])
    require(len(regions) == 7, f"expected 7 regions, not {len(regions)}")
    codes_2024 = {
        name: code for code, name in data.json("sources/postcodes_io_nhs_regions.json").items()
    }
    both = (LOOKUP_2023, "ons-nhser-names-2024")
    for ods_code, (name, code_2023) in sorted(regions.items()):
        fixtures.add("systems.region", both, ods_code=ods_code, name=name, slug=make_slug(name))
        code_2024 = codes_2024[name]
        region = [ods_code]
        if code_2024 == code_2023:
            fixtures.add("systems.regioncode", both, region=region, ons_code=code_2023)
            continue
        fixtures.add(
            "systems.regioncode",
            [LOOKUP_2023],
            region=region,
            ons_code=code_2023,
            end_date=REGION_CODES_2024,
            date_note=REGION_CODES_2024_NOTE,
        )
        fixtures.add(
            "systems.regioncode",
            ["ons-nhser-names-2024"],
            region=region,
            ons_code=code_2024,
            start_date=REGION_CODES_2024,
            date_note=REGION_CODES_2024_NOTE,
        )


def build_systems_and_boards(fixtures, data):
    designations = {
        int(row["annex_number"]): row for row in data.csv("curated/designations_2020.csv")
    }
    for slug, name, board in data.systems:
        annex = data.annex_by_ods.get(board.ods_code)
        sources = _board_sources(data, board)
        number = None
        if annex:
            number, _, heading = annex
            require(
                heading.replace("&", "and") == _region_name(data, board.region_ods),
                f"annex entry {number} is under {heading}, the lookup says otherwise",
            )
            sources.append("briefing-2023")
        other_names = {system_name(n) for n in board.names}
        if annex:
            other_names.add(annex[1])  # the annex's spelling, kept so that it still finds the ICS
        other_names = sorted(other_names)
        designation = designations.get(number)
        system_sources = list(sources)
        if designation:
            system_sources.append(designation["source"])
        fixtures.add(
            "systems.integratedcaresystem",
            system_sources,
            slug=slug,
            name=name,
            annex_number=number,
            region=[board.region_ods],
            designated_on=date(2020, 12, 1) if designation else None,
            designation_precision="month" if designation else "",
            also_known_as="\n".join(n for n in other_names if n != name),
            start_date=board.start_date,
            end_date=board.end_date,
        )
        fixtures.add(
            "systems.integratedcareboard",
            sources,
            system=[slug],
            legal_name=board.legal_name,
            ods_code=board.ods_code,
            start_date=board.start_date,
            end_date=board.end_date,
        )
        if board.registered_patients is not None:
            fixtures.add(
                "systems.registeredpatients",
                ["nhse-gp-registered-patients-2026-08", *ICB_LIST_2026],
                board=[board.ods_code],
                extract_date=board.registered_patients_on,
                count=board.registered_patients,
            )
        _add_board_codes(fixtures, data, board)


def _region_name(data, region_ods):
    return next(r["NHSER23NM"] for r in data.sicbl_2023 if r["NHSER23CDH"] == region_ods)


def _board_sources(data, board):
    sources = []
    if board.ons_2023:
        sources.append(LOOKUP_2023)
    if board.ons_2026:
        sources.extend(ICB_LIST_2026)
    if board.ods_code in data.abolished or board.start_date == REORGANISED_2026:
        sources.append("successions-2026")
    return sources


def _add_board_codes(fixtures, data, board):
    """The ICB's ONS codes: July 2022, April 2023 and April 2026, each from its own file."""
    periods = []  # (code, start, sources)
    if board.ons_2023:
        code_2022 = data.ons_codes_2022[board.ods_code]
        if code_2022 != board.ons_2023:
            periods.append((code_2022, ESTABLISHED, ["derived-lad22-to-icb22", "ons-code-changes"]))
            periods.append((board.ons_2023, VARIATION_2023, [LOOKUP_2023, "ons-code-changes"]))
        else:
            periods.append((board.ons_2023, ESTABLISHED, [LOOKUP_2023]))
    if board.ons_2026 and board.ons_2026 != board.ons_2023:
        changes = ["ons-code-changes"] if board.ons_2023 else []
        periods.append((board.ons_2026, REORGANISED_2026, [*ICB_LIST_2026, *changes]))
    for index, (code, start, sources) in enumerate(periods):
        following = periods[index + 1][1] if index + 1 < len(periods) else board.end_date
        fixtures.add(
            "systems.boardcode",
            sources,
            board=[board.ods_code],
            ons_code=code,
            start_date=start,
            end_date=following,
        )


def build_successions_and_clusters(fixtures, data):
    sources = [
        "successions-2026",
        "derived-sicbl-2023-vs-2026",
        "ods-icb-mergers-2026",
        LSOAS,
        "nhse-gp-practice-mapping-2026-08",
    ]
    for row in data.successions:
        for role in ("predecessor", "successor"):
            require(
                data.boards[row[f"{role}_ods"]].names & {row[f"{role}_name"]},
                f"succession {role} {row[f'{role}_ods']} is named otherwise in the datasets",
            )
        fixtures.add(
            "systems.succession",
            sources,
            predecessor=[row["predecessor_ods"]],
            successor=[row["successor_ods"]],
            effective_on=row["effective"],
            kind=row["kind"],
            what_moved=what_moved(data, row["predecessor_ods"], row["successor_ods"]),
        )
    tables = {  # source slug -> its table
        "clusters-2025": "curated/clusters_2025.csv",
        "clusters-2025-dated": "curated/clusters_2025_dated.csv",
    }
    clusters = {}
    for slug, table in tables.items():
        for row in data.csv(table):
            require(
                row["member_name"] in data.boards[row["member_ods"]].names,
                f"cluster member {row['member_ods']} is named otherwise in the datasets",
            )
            clusters.setdefault(row["cluster"], (slug, []))[1].append(row)
    for name, (source, members) in clusters.items():
        slug = make_slug(name.split("(")[0])[:100]
        announced, precision = _approximate(members[0]["announced"])
        sources = [source]
        if source == "clusters-2025":
            sources.append("nhse-integrated-care-in-your-area")
        fixtures.add(
            "systems.cluster",
            sources,
            slug=slug,
            name=name,
            status="planned" if "planning assumption" in name else "agreed",
            announced_on=announced,
            announced_precision=precision,
        )
        for member in members:
            fixtures.add(
                "systems.clustermembership",
                [source],
                cluster=[slug],
                board=[member["member_ods"]],
                start_date=announced if precision == "day" else None,
                end_date=data.board_end(member["member_ods"]),
            )


def _approximate(text):
    """A date a source gives as a day (2025-07-14), a month (2025-07) or only a year (2025)."""
    parts = [int(part) for part in text.split("-")]
    precision = {3: "day", 2: "month", 1: "year"}[len(parts)]
    return date(*parts, *[1] * (3 - len(parts))), precision


def build_sub_icb_locations(fixtures, data):
    opened = {
        row[0]: parse_yyyymmdd(row[10])
        for row in data.rows("sources/ods_eccg_sub_icb_locations_2023.csv")
        if row[13] == "C"
    }
    require(
        len(opened) == 106, f"expected 106 sub-ICB locations in the ODS file, not {len(opened)}"
    )
    changes_2023 = {
        row["ods_code"]: row for row in data.csv("curated/sub_icb_code_changes_2023.csv")
    }
    comparison = "derived-sicbl-2023-vs-2026"
    covered = _covered(data)
    for row in data.csv("sources/derived_sicbl_2023_vs_2026_icb_membership.csv"):
        ods_code = row["SICBL23CDH"] or row["SICBL_2026_ODS_CODE"]
        in_2023, in_2026 = bool(row["SICBL23CDH"]), bool(row["SICBL_2026_ODS_CODE"])
        sources = [comparison]
        if in_2023:
            sources += [LOOKUP_2023, "ods-eccg-2023"]
        if in_2026:
            sources.append("nhse-gp-practice-mapping-2026-08")
        names = [n for n in (row["SICBL_2026_NAME"], row["SICBL23NM"]) if n]
        renamed = data.mergers.renamed.get(ods_code)
        if renamed:  # the ODS summary's names, in capitals: the same as the mapping's
            require(
                renamed[1].lower() == names[0].lower(),
                f"{ods_code}: its 2026 name differs between the ODS summary and the mapping",
            )
            sources.append("ods-icb-mergers-2026")
        if ods_code in data.mergers.closed or (in_2026 and not in_2023):
            sources.append("ods-icb-mergers-2026")
        if ods_code in covered:
            sources.append(LSOAS)
        fixtures.add(
            "systems.subicblocation",
            sources,
            ods_code=ods_code,
            name=names[0],
            covers=covered.get(ods_code, ""),
            also_known_as="\n".join(n for n in dict.fromkeys(names[1:]) if n != names[0]),
            start_date=opened[ods_code] if in_2023 else REORGANISED_2026,
            end_date=None if in_2026 else REORGANISED_2026,
        )
        _add_sub_icb_codes(fixtures, row, ods_code, changes_2023.get(ods_code))
        _add_sub_icb_memberships(fixtures, row, ods_code)


def _covered(data):
    """Sub-ICB location ODS code -> the 2022 council areas holding a tenth or more of its small
    areas, the largest first: 'Braintree, Chelmsford and Maldon'."""
    counts = Counter((lsoa.sub_icb, lsoa.district) for lsoa in data.lsoas)
    totals = Counter(lsoa.sub_icb for lsoa in data.lsoas)
    covered = {}
    for sub_icb, total in totals.items():
        districts = sorted(
            ((n, data.district_names[d]) for (s, d), n in counts.items() if s == sub_icb),
            key=lambda pair: (-pair[0], pair[1]),
        )
        names = [name for n, name in districts if n >= MOSTLY * total] or [districts[0][1]]
        *others, last = names
        covered[sub_icb] = f"{', '.join(others)} and {last}" if others else last
    return covered


def _add_sub_icb_codes(fixtures, row, ods_code, change_2023):
    key = [ods_code]
    code_2023, code_2026 = row["SICBL23CD"], row["SICBL_2026_ONS_CODE"]
    lookup = [LOOKUP_2023]
    if change_2023:
        require(change_2023["ons_code"] == code_2023, f"{ods_code}: 2023 code disagrees")
        fixtures.add(
            "systems.subicbcode",
            [change_2023["source"]],
            sub_icb=key,
            ons_code=change_2023["former_ons_code"],
            end_date=change_2023["effective"],
        )
        lookup.append(change_2023["source"])
    if code_2023:
        fixtures.add(
            "systems.subicbcode",
            lookup,
            sub_icb=key,
            ons_code=code_2023,
            start_date=change_2023["effective"] if change_2023 else None,
            end_date=None if code_2026 == code_2023 else REORGANISED_2026,
        )
    if code_2026 and code_2026 != code_2023:
        fixtures.add(
            "systems.subicbcode",
            ["nhse-gp-practice-mapping-2026-08", "derived-sicbl-2023-vs-2026"],
            sub_icb=key,
            ons_code=code_2026,
            start_date=REORGANISED_2026,
        )


def _add_sub_icb_memberships(fixtures, row, ods_code):
    board_2023, board_2026 = row["ICB23CDH"], row["ICB_2026_ODS_CODE"]
    if board_2023:
        fixtures.add(
            "systems.subicbmembership",
            [LOOKUP_2023],
            sub_icb=[ods_code],
            board=[board_2023],
            start_date=ESTABLISHED,
            end_date=None if board_2026 == board_2023 else REORGANISED_2026,
        )
    if board_2026 and board_2026 != board_2023:
        fixtures.add(
            "systems.subicbmembership",
            ["nhse-gp-practice-mapping-2026-08", "successions-2026"],
            sub_icb=[ods_code],
            board=[board_2026],
            start_date=REORGANISED_2026,
        )
