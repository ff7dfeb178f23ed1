"""Councils, and the share of each council's area in each ICB over time.

A share counts small areas (LSOA 2011): each lies in one 2022 district and, on each date, in one
ICB. Until 1 April 2026 that is its ICB of July 2022. From then it follows its sub-ICB location
to that location's 2026 ICB, except NHS Frimley's LSOAs, which the ODS change summary assigns one
by one. The unitary councils of 2023 cover the LSOAs of the districts they replaced, and county
councils those of their districts (Code-Point Open says which district lies in which county).
"""

from collections import Counter, defaultdict
from decimal import Decimal

from sources.fixtures import make_slug, require

from .data import ESTABLISHED, LOCAL_GOVERNMENT_2023, LSOAS, REORGANISED_2026
from .partners import PARTNERS, council_key, partner_rows

DISTRICTS = "derived-lad22-to-icb22"
CODEPOINT = "os-codepoint-open-2025"
UNITARIES = "unitary-councils-2023"
MAPPING_2026 = ("derived-sicbl-2023-vs-2026", "ods-icb-mergers-2026", "successions-2026")

# The periods in which every LSOA kept its ICB: the ICBs of 2022, then those of 2026.
PERIODS = ((ESTABLISHED, LOCAL_GOVERNMENT_2023), (LOCAL_GOVERNMENT_2023, REORGANISED_2026))
PERIOD_2026 = (REORGANISED_2026, None)


def build_local_authorities(fixtures, data):
    districts = data.csv("sources/derived_lad22_to_icb22_lsoa_counts.csv")
    names = {row["ltla22_code"]: row["ltla22_name"] for row in districts}
    unitaries = {row["ods_la_code"]: row for row in data.csv("curated/unitary_councils_2023.csv")}
    replaced_by = {
        code: row for row in unitaries.values() for code in row["predecessors"].split(";")
    }
    require(set(replaced_by) <= set(names), "a 2023 predecessor is not a 2022 district")
    partner_names, partners = _partner_councils(data)
    district_of = _match_partners(data, partner_names, names)
    counties = _county_codes(data, partner_names, district_of)

    ended = {row["ods_la_code"]: row for row in data.csv("curated/councils_ended.csv")}
    slugs = {}  # ("ons", code) or ("ods", code) -> slug
    for ods_code, found in sorted(partner_names.items()):
        if district_of[ods_code] or ods_code in ended:
            continue
        distinct = list(dict.fromkeys(found))
        sources = [PARTNERS]
        if ods_code in data.council_name_overrides:
            sources.append("council-name-matches")
        fields = {"ons_code": None, "start_date": None, "also_known_as": distinct[1:]}
        if ods_code in unitaries:
            fields.update(_unitary_fields(data, unitaries[ods_code], distinct[0], sources))
        elif ods_code in counties:
            fields["ons_code"] = counties[ods_code]
            sources.append(CODEPOINT)
        slugs[("ods", ods_code)] = _add_council(
            fixtures, sources, distinct[0], ods_code=ods_code, **fields
        )
    ods_of = {ons: ods for ods, ons in district_of.items() if ons}
    for ons_code, name in sorted(names.items()):
        ods_code = ods_of.get(ons_code)
        sources = [DISTRICTS, PARTNERS] if ods_code else [DISTRICTS]
        if ods_code in data.council_name_overrides:
            sources.append("council-name-matches")
        fields = {}
        if ons_code in replaced_by:
            unitary = replaced_by[ons_code]
            sources += [UNITARIES, unitary["source"]]
            fields = {
                "end_date": LOCAL_GOVERNMENT_2023,
                "successor": [slugs[("ods", unitary["ods_la_code"])]],
            }
        other = sorted(set(partner_names.get(ods_code, [])) - {name})
        slugs[("ons", ons_code)] = _add_council(
            fixtures,
            sources,
            name,
            ons_code=ons_code,
            ods_code=ods_code,
            also_known_as=other,
            **fields,
        )
    for ods_code, ons_code in district_of.items():
        if ons_code:
            slugs[("ods", ods_code)] = slugs[("ons", ons_code)]
    for ods_code, row in sorted(ended.items()):  # after their successors, which they name
        require(row["name"] in partner_names[ods_code], f"{ods_code} is not {row['name']}")
        slugs[("ods", ods_code)] = _add_council(
            fixtures,
            [PARTNERS, "councils-ended", row["source"]],
            row["name"],
            ods_code=ods_code,
            end_date=row["end_date"],
            successor=[slugs[("ods", row["successor_ods_la_code"])]],
        )

    areas = _council_lsoas(data, names, unitaries, counties, slugs)
    for slug, (lsoas, alive, sources) in sorted(areas.items()):
        _add_areas(fixtures, data, slug, lsoas, alive, sources)
    for board, ods_code in sorted(partners):
        fixtures.add(
            "systems.localauthoritypartner",
            [PARTNERS],
            board=[board],
            local_authority=[slugs[("ods", ods_code)]],
            end_date=data.board_end(board),
        )


def _partner_councils(data):
    partner_names = defaultdict(list)  # ODS LA code -> names in the partner sheet
    partners = set()  # (ICB ODS code, ODS LA code)
    for board, row in partner_rows(data):
        code = row["ODS LA Code"].strip()
        if code:
            partner_names[code].append(row["Local Authority"].strip())
            partners.add((board, code))
    return partner_names, partners


def _match_partners(data, partner_names, names):
    """ODS LA code -> ONS district code (or None) by name, or by the curated matches."""
    by_key = defaultdict(set)
    for code, name in names.items():
        by_key[council_key(name)].add(code)
    overrides = data.council_name_overrides
    district_of = {}
    for code, found in partner_names.items():
        if code in overrides:
            district_of[code] = overrides[code]["ons_code"] or None
            continue
        matches = {ons for name in found for ons in by_key.get(council_key(name), ())}
        require(len(matches) <= 1, f"council {code} matches several districts: {sorted(matches)}")
        district_of[code] = matches.pop() if matches else None
    matched = [ons for ons in district_of.values() if ons]
    require(len(matched) == len(set(matched)), "two councils, one district")
    return district_of


def _county_codes(data, partner_names, district_of):
    """ODS LA code -> ONS county code, for the county councils the code list names."""
    by_key = {council_key(name.removesuffix(" County")): code for code, name in data.counties}
    counties = {}
    for ods_code, found in partner_names.items():
        if district_of[ods_code]:
            continue
        codes = {by_key[council_key(n)] for n in found if council_key(n) in by_key}
        if "county council" in " ".join(found).lower() and codes:
            require(len(codes) == 1, f"council {ods_code} matches several counties")
            counties[ods_code] = codes.pop()
    return counties


def _unitary_fields(data, row, name, sources):
    require(name == row["name"], f"{row['ods_la_code']} is {name!r} in the partner file")
    require(
        data.codelist["UTA"].get(row["ons_code"]) == name.removesuffix(" Council"),
        f"{row['ons_code']} is not {name} in the Code-Point code list",
    )
    sources += [UNITARIES, row["source"], CODEPOINT]
    continuing = row["continues"]
    return {
        "ons_code": row["ons_code"],
        # A county council that became the unitary council is the same body, there before 2023.
        "start_date": None if continuing else row["start_date"],
        "also_known_as": [continuing] if continuing else [],  # the name it had until 2023
    }


def _add_council(fixtures, sources, name, also_known_as=(), **fields):
    slug = make_slug(name)
    fixtures.add(
        "systems.localauthority",
        sources,
        slug=slug,
        name=name,
        also_known_as="\n".join(also_known_as),
        **fields,
    )
    return slug


def _council_lsoas(data, names, unitaries, counties, slugs):
    """slug -> (its LSOAs, the periods it existed in, sources) for every council with an area."""
    by_district = defaultdict(list)
    for lsoa in data.lsoas:
        by_district[lsoa.district].append(lsoa)
    every = (*PERIODS, PERIOD_2026)
    areas = {}
    for code in names:
        ended = any(code in row["predecessors"].split(";") for row in unitaries.values())
        areas[slugs[("ons", code)]] = (by_district[code], every[:1] if ended else every, [])
    for ods_code, row in unitaries.items():
        lsoas = [lsoa for code in row["predecessors"].split(";") for lsoa in by_district[code]]
        alive = every if row["continues"] else every[1:]
        areas[slugs[("ods", ods_code)]] = (lsoas, alive, [UNITARIES, row["source"]])
    county_districts = defaultdict(list)
    for district, county in data.county_of_district.items():
        county_districts[county].append(district)
    for ods_code, county in counties.items():
        require(county_districts.get(county), f"county {county} has no districts in Code-Point")
        lsoas = [lsoa for code in county_districts[county] for lsoa in by_district[code]]
        areas[slugs[("ods", ods_code)]] = (lsoas, every, [CODEPOINT])
    return areas


def _shares(data, lsoas, in_2026):
    counts = Counter(data.board_2026[lsoa.code] if in_2026 else lsoa.board for lsoa in lsoas)
    return {board: Decimal(n) / len(lsoas) for board, n in counts.items()}


def _add_areas(fixtures, data, slug, lsoas, alive, extra_sources):
    """One row per council and ICB for each run of periods with the same share."""
    runs = []  # [board, share, start, end, sources]
    open_runs = {}
    for start, end in alive:
        in_2026 = start == REORGANISED_2026
        shares = {b: _share(s) for b, s in _shares(data, lsoas, in_2026).items()}
        for board in list(open_runs):
            run = open_runs[board]
            if shares.get(board) != run[1]:
                run[3] = start
                del open_runs[board]
        for board, share in shares.items():
            if board in open_runs:
                open_runs[board][3] = end
                continue
            sources = [DISTRICTS, LSOAS, *extra_sources] + (list(MAPPING_2026) if in_2026 else [])
            run = [board, share, start, end, sources]
            runs.append(run)
            open_runs[board] = run
    for board, share, start, end, sources in runs:
        fixtures.add(
            "systems.localauthorityarea",
            sources,
            local_authority=[slug],
            board=[board],
            share=share,
            start_date=start,
            end_date=end,
        )


def _share(value):
    return str(value.quantize(Decimal("0.0001")))
