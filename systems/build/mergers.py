"""The NHS England ODS change summary of the April 2026 ICB mergers (PROVENANCE §19).

It settles what the 2026 practice mapping cannot: where each of NHS Frimley's 440 small areas
(LSOA 2011) went, the 2026 names of the sub-ICB locations, and which GP practices changed hands.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from sources.fixtures import require

from .workbooks import sheet_rows

FILE = "sources/ODS_Change_Summary_ICB_Mergers_Phase_1_Apr_2026.xlsx"
LSOA_HEADER = ["LSOA11CD", "LSOA11NM", "SICBL22CD", "SICBL22CDH"]
RENAMED_HEADER = [
    "Sub ICB Location Code",
    "Current Sub ICB Location Name",
    "New Sub ICB Location Name",
]
CLOSED_HEADER = [
    "Current ICB Code",
    "Current ICB Name",
    "Current Sub ICB Location Code",
    "Current Sub ICB Location Name",
    "SICBL Legal Code Closure Date",
]
NEW_SUB_ICB = "new"  # the summary's "[ANANA]": the Thames Valley location it had no code for yet


@dataclass
class FrimleyArea:
    lsoa: str
    district: str  # LAD22CD
    board: str  # receiving ICB's ODS code; "" where the summary says "code TBC"
    board_name: str
    sub_icb: str  # receiving sub-ICB location's ODS code, or NEW_SUB_ICB


@dataclass
class Mergers:
    frimley: dict = field(default_factory=dict)  # LSOA code -> FrimleyArea
    renamed: dict = field(default_factory=dict)  # sub-ICB ODS code -> (former name, 2026 name)
    closed: dict = field(default_factory=dict)  # sub-ICB ODS code -> closure date
    practices_moved: Counter = field(default_factory=Counter)  # receiving sub-ICB -> practices


def _sub_icb(code):
    code = str(code)
    return NEW_SUB_ICB if "tbc" in code.lower() or "ANANA" in code else code


def read_mergers(path):
    mergers = Mergers()
    rows = sheet_rows(path, "ICB Footprints_LSOA Changes")
    start = next(i for i, row in enumerate(rows) if row[:4] == LSOA_HEADER)
    header = rows[start]
    for row in rows[start + 1 :]:
        values = dict(zip(header, row, strict=False))
        area = FrimleyArea(
            lsoa=values["LSOA11CD"],
            district=values["LAD22CD"],
            board=values["ICB25CDH"] if re.fullmatch(r"[A-Z0-9]{3,5}", values["ICB25CDH"]) else "",
            board_name=values["ICB25NM"],
            sub_icb=_sub_icb(values["SICBL25CDH"]),
        )
        require(values["ICB22CDH"] == "QNQ", f"LSOA {area.lsoa} is not in NHS Frimley")
        mergers.frimley[area.lsoa] = area
    require(len(mergers.frimley) == 440, f"expected 440 Frimley LSOAs, not {len(mergers.frimley)}")

    section = None  # the header row of the table being read
    for row in sheet_rows(path, "SICBL Changes"):
        if row in (RENAMED_HEADER, CLOSED_HEADER) or str(row[0]).endswith("Code"):
            section = row
        elif section == RENAMED_HEADER and len(row) == 3:
            mergers.renamed[row[0]] = (row[1], row[2])
        elif section == CLOSED_HEADER and len(row) == 5:
            mergers.closed[row[2]] = row[4].date()
    require(len(mergers.renamed) == 23, f"expected 23 renamed sub-ICBs, not {len(mergers.renamed)}")

    for row in sheet_rows(path, "GP Practice Moves"):
        if len(row) == 4 and row[3] == "GP PRACTICE":
            code = row[0].rsplit(" - ", 1)[-1]
            mergers.practices_moved[_sub_icb(code)] += 1
    return mergers
