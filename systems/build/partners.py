"""The ODS partner file (which ICBs' constitutions name which councils and trusts) and trusts."""

import re

from sources.fixtures import parse_yyyymmdd

from .boundaries import locate
from .codepoint import normalise
from .data import ESTABLISHED, REORGANISED_2026

PARTNERS = "ods-icb-partner-mapping-2023"
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


def build_trusts(fixtures, data):
    registered, postcodes = {}, {}
    for row in data.rows("sources/ods_etr_nhs_trusts_2023.csv"):
        registered[row[0]] = (row[1], parse_yyyymmdd(row[10]), parse_yyyymmdd(row[11]))
        postcodes[row[0]] = row[9].strip()
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
            postcode=postcodes.get(code, ""),
            start_date=opened,
            end_date=closed,
        )
    _add_locations(fixtures, data, registered, postcodes)
    for board, code in sorted(partners):
        fixtures.add(
            "systems.trustpartner",
            [PARTNERS],
            board=[board],
            trust=[code],
            end_date=data.board_end(board),
        )


def _add_locations(fixtures, data, registered, postcodes):
    """Derived: the ICB whose boundary (2023, then 2026) holds each trust's headquarters."""
    positions = data.codepoint.positions
    located = [code for code in sorted(postcodes) if normalise(postcodes[code]) in positions]
    found = locate(data, [positions[normalise(postcodes[code])] for code in located])
    ods_2023 = {row["ICB23CD"]: row["ICB23CDH"] for row in data.sicbl_2023}
    ods_2026 = {row["ONS_ICB_CODE"]: row["ICB_CODE"] for row in data.icbs_2026}
    for index, code in enumerate(located):
        _, opened, closed = registered[code]
        start = max(opened or ESTABLISHED, ESTABLISHED)
        if closed and closed <= start:
            continue
        in_2023 = ods_2023.get(found["icb-2023.geojson"][index])
        in_2026 = ods_2026.get(found["icb-2026.geojson"][index])
        periods = [
            (in_2023, start, REORGANISED_2026, ["ons-icb-boundaries-2023"]),
            (in_2026, REORGANISED_2026, closed, ["ons-icb-boundaries-2026"]),
        ]
        if in_2023 == in_2026:
            periods = [(in_2023, start, closed, ["ons-icb-boundaries-2023", *periods[1][3]])]
        for board, begins, ends, boundaries in periods:
            if board is None or (ends and ends <= begins):
                continue
            fixtures.add(
                "systems.trustlocation",
                ["ods-etr-2023", "os-codepoint-open-2025", *boundaries],
                trust=[code],
                board=[board],
                start_date=begins,
                end_date=ends,
            )
