"""OS Code-Point Open 2025.2 (PROVENANCE §18): every live postcode in England with its position,
district and county, and the names of the ONS codes it uses."""

import csv
import io
import re
import zipfile
from collections import defaultdict

from .workbooks import sheet_rows

FILE = "sources/codepo_gb_2025-2.zip"
CODELIST = "Doc/Codelist.xlsx"
ENGLAND = "E92000001"


def normalise(postcode):
    """'sl0 0aa' and 'SL00AA' both give 'SL00AA'."""
    return re.sub(r"\s+", "", postcode.upper())


def english_postcodes(path):
    """(postcode, easting, northing, county code, district code) of each English postcode.

    Positions are British National Grid metres; the county code is empty outside two-tier areas.
    """
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if not (name.startswith("Data/CSV/") and name.endswith(".csv")):
                continue
            with archive.open(name) as raw:
                for row in csv.reader(io.TextIOWrapper(raw, encoding="utf-8")):
                    if row[4] == ENGLAND:
                        yield row[0], int(row[2]), int(row[3]), row[7], row[8]


def codelist(path):
    """{sheet: {code: name}} from the archive's code list (CTY counties, UTA unitaries, ...)."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read(CODELIST)
    names = {}
    for sheet in ("CTY", "DIS", "UTA", "MTD", "LBO"):
        names[sheet] = {row[1]: row[0] for row in sheet_rows(workbook, sheet) if len(row) == 2}
    return names


class CodePoint:
    """What the builder needs from one pass over the archive."""

    def __init__(self, path, wanted=()):
        wanted = {normalise(p) for p in wanted}
        counties = defaultdict(set)  # district -> county codes of its postcodes
        self.positions = {}  # wanted postcode -> (easting, northing)
        for postcode, easting, northing, county, district in english_postcodes(path):
            counties[district].add(county)
            key = normalise(postcode)
            if key in wanted:
                self.positions[key] = (easting, northing)
        self.county_of = {}  # district -> its county, for the districts of two-tier areas
        for district, found in counties.items():
            if found - {""}:
                self.county_of[district] = found
