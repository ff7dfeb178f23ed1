"""Councils and NHS trusts: where they lie, and which ICBs' constitutions name them as partners."""

import re
from collections import defaultdict
from decimal import Decimal

from sources.fixtures import make_slug, parse_yyyymmdd

from .data import ESTABLISHED, REORGANISED_2026, require

PARTNERS = "ods-icb-partner-mapping-2023"
DISTRICTS = "derived-lad22-to-icb22"
APPORTIONMENT = "ods-icb-financial-apportionment-2023"

_PREFIXES = (
    r"\b(london borough of|royal borough of|city of|corporation of the|council of the|county of)\b"
)
_SUFFIXES = (
    r"\b(metropolitan borough council|metropolitan district council|borough council|"
    r"city council|district council|county council|council)\b"
)


def council_key(name):
    """A name reduced so that 'Gateshead Metropolitan Borough Council' meets 'Gateshead'."""
    name = name.lower().replace("&", " and ")
    name = re.sub(r"[-,'.]", " ", name)
    name = re.sub(_PREFIXES, " ", name)
    name = re.sub(_SUFFIXES, " ", name)
    return " ".join(name.split())


def partner_rows(data):
    """Rows of the ODS partner sheet with the ICB code filled down its block, as in the source."""
    board = None
    for row in data.csv("sources/ICB_Partners_MASTER__ICB_Partners_sheet.csv"):
        board = row["ODS ICB Code"].strip() or board
        yield board, row


def build_local_authorities(fixtures, data):
    districts = data.csv("sources/derived_lad22_to_icb22_lsoa_counts.csv")
    names = {row["ltla22_code"]: row["ltla22_name"] for row in districts}
    by_key = defaultdict(set)
    for code, name in names.items():
        by_key[council_key(name)].add(code)

    partner_names = defaultdict(list)  # ODS LA code -> names in the partner sheet
    partners = set()  # (ICB ODS code, ODS LA code)
    for board, row in partner_rows(data):
        code = row["ODS LA Code"].strip()
        if code:
            partner_names[code].append(row["Local Authority"].strip())
            partners.add((board, code))

    overrides = {row["ods_la_code"]: row for row in data.csv("curated/council_name_matches.csv")}
    district_of = {}  # ODS LA code -> ONS district code, or None
    for code, found in partner_names.items():
        if code in overrides:
            district_of[code] = overrides[code]["ons_code"] or None
            continue
        matches = {ons for name in found for ons in by_key.get(council_key(name), ())}
        require(len(matches) <= 1, f"council {code} matches several districts: {sorted(matches)}")
        district_of[code] = matches.pop() if matches else None
    ods_of = {ons: ods for ods, ons in district_of.items() if ons}
    require(
        len(ods_of) == len([o for o in district_of.values() if o]), "two councils, one district"
    )

    slugs = {}
    for ons_code, name in sorted(names.items()):
        ods_code = ods_of.get(ons_code)
        other = sorted(set(partner_names.get(ods_code, [])) - {name})
        sources = [DISTRICTS, PARTNERS] if ods_code else [DISTRICTS]
        if ods_code in overrides:
            sources.append("council-name-matches")
        slugs[("ons", ons_code)] = _add_council(fixtures, sources, name, ons_code, ods_code, other)
    for ods_code, found in sorted(partner_names.items()):
        if district_of[ods_code]:
            slugs[("ods", ods_code)] = slugs[("ons", district_of[ods_code])]
            continue
        distinct = list(dict.fromkeys(found))
        sources = [PARTNERS, "council-name-matches"] if ods_code in overrides else [PARTNERS]
        slugs[("ods", ods_code)] = _add_council(
            fixtures, sources, distinct[0], None, ods_code, distinct[1:]
        )

    _add_council_areas(fixtures, data, districts, slugs)
    for board, ods_code in sorted(partners):
        fixtures.add(
            "systems.localauthoritypartner",
            [PARTNERS],
            board=[board],
            local_authority=[slugs[("ods", ods_code)]],
            end_date=data.board_end(board),
        )


def _add_council(fixtures, sources, name, ons_code, ods_code, other_names):
    slug = make_slug(name)
    fixtures.add(
        "systems.localauthority",
        sources,
        slug=slug,
        name=name,
        ons_code=ons_code,
        ods_code=ods_code,
        also_known_as="\n".join(other_names),
    )
    return slug


def _add_council_areas(fixtures, data, districts, slugs):
    """Districts in each ICB (July 2022); for whole-area mergers, in the successor from 2026."""
    shares = defaultdict(dict)  # ICB ODS code -> {district ONS code: share}
    for row in districts:
        shares[row["icb22_code_h"]][row["ltla22_code"]] = Decimal(row["share_of_lad_lsoas"])
        fixtures.add(
            "systems.localauthorityarea",
            [DISTRICTS],
            local_authority=[slugs[("ons", row["ltla22_code"])]],
            board=[row["icb22_code_h"]],
            share=_share(Decimal(row["share_of_lad_lsoas"])),
            start_date=ESTABLISHED,
            end_date=data.board_end(row["icb22_code_h"]),
        )
    merged = defaultdict(lambda: defaultdict(Decimal))
    partial = defaultdict(set)  # successor -> districts it gets only part of, or unknown parts
    for row in data.successions:
        target = merged[row["successor_ods"]]
        for district, share in shares[row["predecessor_ods"]].items():
            if row["kind"] == "merger":
                target[district] += share
            else:
                partial[row["successor_ods"]].add(district)
    for successor, districts_in in sorted(merged.items()):
        for district, share in sorted(districts_in.items()):
            if district in partial[successor] or district in shares.get(successor, {}):
                continue  # part of it came by a split or transfer: how much is not in the sources
            fixtures.add(
                "systems.localauthorityarea",
                [DISTRICTS, "successions-2026"],
                local_authority=[slugs[("ons", district)]],
                board=[successor],
                share=_share(share),
                start_date=REORGANISED_2026,
            )


def _share(value):
    return str(value.quantize(Decimal("0.0001")))


def build_trusts(fixtures, data):
    registered = {}
    for row in data.rows("sources/ods_etr_nhs_trusts_2023.csv"):
        registered[row[0]] = (row[1], parse_yyyymmdd(row[10]), parse_yyyymmdd(row[11]))
    principal, names = {}, {}
    for row in data.csv("sources/ICB_Partners_MASTER__ICB_Financial_Apportionment_sheet.csv"):
        principal[row["ODS Trust Code"].strip()] = row["ODS ICB Code"].strip()
        names[row["ODS Trust Code"].strip()] = row["NHS Trusts"].strip()
    partners = set()
    for board, row in partner_rows(data):
        code = row["ODS Trust Code"].strip()
        if code:
            names.setdefault(code, row["NHS Trusts"].strip())
            partners.add((board, code))
    for code in sorted(set(registered) | set(names)):
        ods_name, opened, closed = registered.get(code, (None, None, None))
        sources = [
            s
            for s, held in (("ods-etr-2023", registered), (APPORTIONMENT, principal))
            if code in held
        ]
        if code in names and code not in principal:
            sources.append(PARTNERS)
        fixtures.add(
            "systems.nhstrust",
            sources,
            ods_code=code,
            name=names.get(code) or ods_name,
            principal_board=[principal[code]] if code in principal else None,
            start_date=opened,
            end_date=closed,
        )
    for board, code in sorted(partners):
        fixtures.add(
            "systems.trustpartner",
            [PARTNERS],
            board=[board],
            trust=[code],
            end_date=data.board_end(board),
        )
