"""The source files the fixtures are built from, read once, with the facts derived from them."""

import re
from collections import Counter, namedtuple
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sources.fixtures import make_slug, require

from . import codepoint, mergers

# Dates the sources give for the changes of the map.
ESTABLISHED = date(2022, 7, 1)  # seed 000: 42 statutory ICSs from 1 July 2022
VARIATION_2023 = date(2023, 4, 1)  # seed 003: the variation order, with effect from 1 April 2023
LOCAL_GOVERNMENT_2023 = date(2023, 4, 1)  # the structural changes orders (unitary_councils_2023)
REGION_CODES_2024 = date(2024, 4, 1)  # the ONS names-and-codes file "as at 04_24"
REORGANISED_2026 = date(2026, 4, 1)  # curated successions: 1 April 2026

REGION_CODES_2024_NOTE = (
    "Changed in 2024; the ONS names and codes file 'as at 04_24' has the new code. "
    "The exact day is not in the sources."
)

SICBL_LOOKUP_2023 = (
    "sources/Sub_ICB_Locations_to_Integrated_Care_Boards_to_NHS_England_(Region)_"
    "(April_2023)_Lookup_in_England.csv"
)


def system_name(legal_name):
    return legal_name.removesuffix(" Integrated Care Board")


def system_slug(name):
    """The ICS's slug from its name: 'NHS Frimley' -> 'frimley'."""
    return make_slug(name.removeprefix("NHS "))


LSOAS = "geographr-lsoa11-lookup-2022"  # the source of the LSOA lookup (data.lsoas)
Lsoa = namedtuple("Lsoa", "code district board sub_icb")  # 2011 code; 2022 district, ICB, sub-ICB


@dataclass
class Board:
    """What the builder knows of one ICB across the 2023 and 2026 files."""

    ods_code: str
    legal_name: str
    region_ods: str
    ons_2023: str | None = None
    ons_2026: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    registered_patients: int | None = None
    registered_patients_on: date | None = None
    names: set = field(default_factory=set)


class BuildData:
    def __init__(self, files):
        self.files = files  # sources.files.SourceFiles

    def csv(self, relative):
        return self.files.csv(relative)

    def rows(self, relative):
        return self.files.rows(relative)

    def json(self, relative):
        return self.files.json(relative)

    def text(self, relative):
        return self.files.text(relative)

    @cached_property
    def district_names(self):
        """2022 district ONS code -> its name."""
        rows = self.csv("sources/derived_lad22_to_icb22_lsoa_counts.csv")
        return {row["ltla22_code"]: row["ltla22_name"] for row in rows}

    @cached_property
    def practices_by_sub_icb(self):
        """GP practices of each sub-ICB location in the August 2026 mapping."""
        rows = self.csv("sources/gp-reg-pat-prac-map_2026-08.csv")
        return Counter(row["SUB_ICB_LOCATION_CODE"] for row in rows)

    @cached_property
    def council_name_overrides(self):
        return {row["ods_la_code"]: row for row in self.csv("curated/council_name_matches.csv")}

    @cached_property
    def mergers(self):
        return mergers.read_mergers(self.files.path(mergers.FILE))

    @cached_property
    def codelist(self):
        return codepoint.codelist(self.files.path(codepoint.FILE))

    @property
    def counties(self):
        return sorted(self.codelist["CTY"].items())

    @cached_property
    def codepoint(self):
        """One pass over Code-Point Open for the trusts' postcodes and the districts' counties."""
        wanted = [row[9] for row in self.rows("sources/ods_etr_nhs_trusts_2023.csv")]
        return codepoint.CodePoint(self.files.path(codepoint.FILE), wanted)

    @cached_property
    def county_of_district(self):
        counties = {}
        for district, found in self.codepoint.county_of.items():
            require(len(found) == 1, f"district {district} lies in counties {sorted(found)}")
            counties[district] = next(iter(found))
        return counties

    @cached_property
    def lsoas(self):
        rows = self.csv("sources/geographr_lookup_lsoa11_sicbl22_icb22_ltla22.csv")
        return [
            Lsoa(r["lsoa11_code"], r["ltla22_code"], r["icb22_code_h"], r["sicbl22_code_h"])
            for r in rows
        ]

    @cached_property
    def sub_icb_board_2026(self):
        """Sub-ICB location ODS code -> its ICB from 1 April 2026 (August 2026 mapping)."""
        return {
            row["SICBL_2026_ODS_CODE"]: row["ICB_2026_ODS_CODE"]
            for row in self.csv("sources/derived_sicbl_2023_vs_2026_icb_membership.csv")
            if row["SICBL_2026_ODS_CODE"]
        }

    @cached_property
    def boards_by_name(self):
        """Any name an ICB has had, in lower case -> the ODS codes of the ICBs that had it."""
        found = {}
        for board in self.boards.values():
            for name in board.names:
                found.setdefault(name.lower(), set()).add(board.ods_code)
        return found

    def board_by_name(self, name):
        found = self.boards_by_name.get(name.strip().lower(), set())
        require(len(found) == 1, f"no single ICB is called {name!r}")
        return next(iter(found))

    @cached_property
    def lsoas_per_district(self):
        return Counter(lsoa.district for lsoa in self.lsoas)

    @cached_property
    def board_2026(self):
        """LSOA code -> its ICB from 1 April 2026.

        An LSOA follows its sub-ICB location; NHS Frimley's go where the ODS summary says, and
        where both sources speak (Frimley's locations that carried on) they must agree.
        """
        frimley = self.mergers.frimley
        boards = {}
        for lsoa in self.lsoas:
            if lsoa.code in frimley:
                area = frimley[lsoa.code]
                require(area.district == lsoa.district, f"{lsoa.code}: district disagrees")
                board = area.board or self.board_by_name(area.board_name)
                carried = self.sub_icb_board_2026.get(lsoa.sub_icb)
                require(carried in (None, board), f"{lsoa.code}: the 2026 sources disagree")
            else:
                require(lsoa.board != "QNQ", f"{lsoa.code} is in Frimley but not in the summary")
                board = self.sub_icb_board_2026[lsoa.sub_icb]
            boards[lsoa.code] = board
        return boards

    @cached_property
    def sicbl_2023(self):
        rows = self.csv(SICBL_LOOKUP_2023)
        require(len(rows) == 106, f"expected 106 sub-ICB rows in the 2023 lookup, not {len(rows)}")
        return rows

    @cached_property
    def icbs_2026(self):
        rows = self.csv("sources/derived_icb_list_2026_36_with_registered_patients.csv")
        official = {
            (row["ICB_CODE"], row["ONS_ICB_CODE"], row["ICB_NAME"])
            for row in self.csv("sources/gp-reg-pat-prac-map_2026-08.csv")
        }
        derived = {(row["ICB_CODE"], row["ONS_ICB_CODE"], row["ICB_NAME"]) for row in rows}
        require(derived == official, "the 2026 ICB list disagrees with NHS England's mapping")
        return rows

    @cached_property
    def successions(self):
        return self.csv("curated/successions_2026-04-01.csv")

    @cached_property
    def abolished(self):
        """ODS codes of the ICBs abolished on 1 April 2026: predecessors not among successors."""
        successors = {row["successor_ods"] for row in self.successions}
        return {row["predecessor_ods"] for row in self.successions} - successors

    @cached_property
    def annex(self):
        """(number, name, region heading) for each ICS on the briefing's Annex A map."""
        text = self.text("seeds/000_6c0fd45904cc361c.txt")
        annex = text[text.index("### **Annex A") :]
        entries, heading = [], None
        for line in annex.splitlines():
            if line.startswith("#### "):
                heading = line[5:].strip(" *")
            elif match := re.match(r"^(?:- )?(\d{1,2}) (NHS .+?)\s*$", line.strip()):
                entries.append((int(match[1]), match[2], heading))
        require(
            [number for number, _, _ in entries] == list(range(1, 43)),
            "the annex of seed 000 does not number 42 ICSs from 1",
        )
        return entries

    @cached_property
    def boards(self):
        """Every ICB of 2022 to today, by ODS code, with codes and dates from the files."""
        boards = {}
        for row in self.sicbl_2023:
            board = boards.setdefault(
                row["ICB23CDH"],
                Board(row["ICB23CDH"], row["ICB23NM"].strip(), row["NHSER23CDH"]),
            )
            board.ons_2023 = row["ICB23CD"]
            board.start_date = ESTABLISHED
            board.names.add(row["ICB23NM"].strip())
        require(len(boards) == 42, f"expected 42 ICBs in April 2023, not {len(boards)}")
        for row in self.icbs_2026:
            board = boards.get(row["ICB_CODE"])
            if board is None:
                board = boards[row["ICB_CODE"]] = Board(
                    row["ICB_CODE"], row["ICB_NAME"], row["COMM_REGION_CODE"]
                )
                board.start_date = REORGANISED_2026
            board.legal_name = row["ICB_NAME"].strip()
            board.names.add(board.legal_name)
            board.region_ods = row["COMM_REGION_CODE"]
            board.ons_2026 = row["ONS_ICB_CODE"]
            board.registered_patients = int(row["registered_patients"])
            board.registered_patients_on = date.fromisoformat(
                row["registered_patients_extract_date"]
            )
        for ods_code in self.abolished:
            require(boards[ods_code].ons_2026 is None, f"{ods_code} is abolished yet in 2026")
            boards[ods_code].end_date = REORGANISED_2026
        return boards

    def board_end(self, ods_code):
        return self.boards[ods_code].end_date

    @cached_property
    def ons_codes_2022(self):
        """ICB ONS codes of July 2022, from the district lookup of that date."""
        return {
            row["icb22_code_h"]: row["icb22_code"]
            for row in self.csv("sources/derived_lad22_to_icb22_lsoa_counts.csv")
        }

    @cached_property
    def annex_by_ods(self):
        """Annex entry for each of the 42 ICBs, matched by name to its ODS code."""
        matched = {}
        for number, name, heading in self.annex:
            found = self.boards_by_name.get(f"{name} Integrated Care Board".lower(), set())
            require(found, f"annex entry {number} ({name}) matches no ICB in the 2023 lookup")
            matched[min(found)] = (number, name, heading)
        return matched

    @cached_property
    def systems(self):
        """(slug, name, board) of every ICS, in the order they were established."""
        systems = []
        for board in sorted(self.boards.values(), key=lambda b: (b.start_date, b.legal_name)):
            annex = self.annex_by_ods.get(board.ods_code)
            name = system_name(board.legal_name)
            if annex and annex[1].lower() != name.lower():
                name = annex[1]  # the annex's short name; a change of case is only typography
            systems.append((system_slug(name), name, board))
        return systems

    def system_slug_by_annex(self, number):
        number = int(number)
        entry = next(entry for entry in self.annex if entry[0] == number)
        return system_slug(entry[1])
