"""Postcodes: what covers a postcode on a date, from the compact lookup and the dated records.

The lookup (built by systems.build.postcodes from OS Code-Point Open) gives a live postcode's
district, county, position, its 2023 sub-ICB location and the ICB holding it on the 2023 and 2026
boundaries. `place_on` answers for a date through the directory's own dated records: the
district's ICB on that date; only where the district is divided between ICBs on that date (or
did not exist yet) the boundary of that date decides, by the postcode's centre.
"""

import json
import lzma
import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import accumulate

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects

from .querysets import prefetched

# The lookup's layout, shared with its builder (systems.build.postcodes). Kept here so that the
# site reads it without the build dependencies (numpy, shapely, pyproj).
PATH = "postcodes/gb.bin.xz"  # under fixtures/
KEY = 7  # a postcode without its space, padded with spaces: 'SR13QD '
STRIDE = 64  # keys from one kept in memory as a sample to the next (23,000 of 1.5 million)
NONE = 255  # no county (a unitary area)
DEGREE_UNITS = 100_000  # positions kept to 0.00001 degrees, about a metre

BOUNDARIES_2026 = date(2026, 4, 1)  # the 2026 boundaries from this day, the 2023 ones before
MAX_LENGTH = 10  # characters, spaces included, of anything read as a postcode

OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
FULL = re.compile(rf"({OUTWARD}) ?([0-9][A-Z]{{2}})")
SECTOR = re.compile(rf"({OUTWARD}) ([0-9])")
DISTRICT = re.compile(OUTWARD)
SPACES = re.compile(r"\s+")
AREA = re.compile(r"[A-Z]*")  # a postcode's letters before its first digit

# Postcode areas outside Great Britain's Code-Point Open, and where they are.
NOT_IN_GREAT_BRITAIN = {
    "BT": "Northern Ireland",
    "GY": "Guernsey (Channel Islands)",
    "JE": "Jersey (Channel Islands)",
    "IM": "the Isle of Man",
}


@dataclass(frozen=True)
class Postcode:
    """One live English postcode as the lookup holds it."""

    postcode: str  # 'SR1 3QD'
    district: str  # ONS code of its district (or unitary, metropolitan or London borough)
    county: str | None  # ONS code of its county council, in two-tier areas
    sub_icb_2023: str  # ODS code
    icb_2023: str  # ODS code of the ICB holding it on the 2023 boundaries
    icb_2026: str
    longitude: float
    latitude: float

    def boundary_icb(self, when):
        return self.icb_2026 if when >= BOUNDARIES_2026 else self.icb_2023


@dataclass(frozen=True)
class Elsewhere:
    """A postcode outside England: it has no ICB."""

    postcode: str
    country: str


def tidy(text):
    """'sr13qd', ' SR1  3QD ' -> 'SR1 3QD'; partial postcodes keep their one space."""
    text = SPACES.sub(" ", text.strip().upper())
    squeezed = text.replace(" ", "")
    if FULL.fullmatch(squeezed):
        return f"{squeezed[:-3]} {squeezed[-3:]}"
    return text


def kind_of(text):
    """'postcode', 'sector' ('SR1 3'), 'district' ('SR1') or None, for tidied text."""
    if len(text) > MAX_LENGTH:
        return None
    if FULL.fullmatch(text):
        return "postcode"
    if SECTOR.fullmatch(text):
        return "sector"
    if DISTRICT.fullmatch(text):
        return "district"
    return None


class Lookup:
    """The lookup's columns in memory (about 35 MB), searched by halving."""

    def __init__(self, content):
        header, _, body = content.partition(b"\n")
        self.header = json.loads(header)
        english, other = self.header["english"], self.header["elsewhere"]
        sizes = [KEY * english, 2 * english, english, english, english, english]
        sizes += [4 * english, 4 * english, KEY * other, other]
        columns, offset = [], 0
        for size in sizes:
            columns.append(body[offset : offset + size])
            offset += size
        keys, districts = columns[:2]
        self.counties, self.sub_icbs, self.icbs_2023, self.icbs_2026 = columns[2:6]
        self.keys = Keys(keys)
        self.districts = array("H")
        self.districts.frombytes(districts)
        self.longitudes = array("i", accumulate(_ints(columns[6])))
        self.latitudes = array("i", accumulate(_ints(columns[7])))
        self.other_keys, self.countries = Keys(columns[8]), columns[9]

    def find(self, postcode):
        """A Postcode, an Elsewhere, or None for a postcode the lookup does not hold."""
        key = postcode.replace(" ", "").ljust(KEY).encode("ascii")
        index = self.keys.first(key)
        if self.keys[index] == key:
            return self.at(index)
        other = self.other_keys.first(key)
        if self.other_keys[other] == key:
            return Elsewhere(postcode, self.header["countries"][self.countries[other]])
        return None

    def in_area(self, outward, sector=None):
        """The English postcodes of an outward code ('SR1'), or of a sector of it ('SR1', '3')."""
        prefix = (outward + (sector or "")).encode("ascii")
        index = self.keys.first(prefix.ljust(KEY))
        found = []
        while index < len(self.keys):
            key = self.keys[index]
            if not key.startswith(prefix):
                break
            if len(key.rstrip()) - 3 == len(outward):  # not SR10 when asked for SR1
                found.append(self.at(index))
            index += 1
        return found

    def elsewhere_in_area(self, outward):
        """The country of a partial postcode that only places outside England hold, if any."""
        prefix = outward.encode("ascii")
        index = self.other_keys.first(prefix.ljust(KEY))
        key = self.other_keys[index]
        if key and key.startswith(prefix) and len(key.rstrip()) - 3 == len(outward):
            return self.header["countries"][self.countries[index]]
        return None

    def at(self, index):
        """The English postcode at `index` in postcode order."""
        key = self.keys[index].decode("ascii").rstrip()
        header = self.header
        county = self.counties[index]
        return Postcode(
            postcode=f"{key[:-3]} {key[-3:]}",
            district=header["districts"][self.districts[index]],
            county=None if county == NONE else header["counties"][county],
            sub_icb_2023=header["sub_icbs_2023"][self.sub_icbs[index]],
            icb_2023=header["icbs_2023"][self.icbs_2023[index]],
            icb_2026=header["icbs_2026"][self.icbs_2026[index]],
            longitude=self.longitudes[index] / DEGREE_UNITS,
            latitude=self.latitudes[index] / DEGREE_UNITS,
        )


def _ints(column):
    values = array("i")
    values.frombytes(column)
    return values


class Keys:
    """A column of sorted postcode keys, KEY bytes each, searched by halving: first among a
    sample of every STRIDE-th key, by bisect (in C), then within the STRIDE keys that follow.
    Halving the whole column in Python took 21 steps a postcode: a bulk answer's largest cost."""

    def __init__(self, column):
        self.column = column
        self.count = len(column) // KEY
        self.sample = [self[index] for index in range(0, self.count, STRIDE)]

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        """The key at `index`; b"" past the end."""
        return self.column[index * KEY : (index + 1) * KEY]

    def first(self, key):
        """The first index whose key is not less than `key` (len(self) if none is)."""
        block = bisect_left(self.sample, key)  # sample[block - 1] < key <= sample[block]
        low = 0 if block == 0 else (block - 1) * STRIDE + 1
        high = min(block * STRIDE, self.count)
        while low < high:
            middle = (low + high) // 2
            if self[middle] < key:
                low = middle + 1
            else:
                high = middle
        return low


@lru_cache(maxsize=1)
def lookup():
    """The lookup, read once per process, on its first postcode (about 0.7 s)."""
    return Lookup(lzma.decompress((settings.FIXTURE_DIR / PATH).read_bytes()))


def outside_great_britain(text):
    """The place a postcode's area is in, if it is one Code-Point Open does not cover."""
    return NOT_IN_GREAT_BRITAIN.get(AREA.match(text)[0])


@dataclass
class Placement:
    """Which bodies cover a postcode on a date, and how the ICB was decided."""

    postcode: Postcode
    when: date
    council: object = None  # the district's council in force on the date, if it existed
    county: object = None
    former_councils: list = field(default_factory=list)  # before a 2023 unitary existed
    board: object = None
    method: str = ""  # "council" (its district lay in one ICB) or "boundary"
    divided: list = field(default_factory=list)  # the ICBs a divided district lay in
    sub_icb: object = None
    district_council: object = None  # the district's council when it was not in force on the date


class PlacementRecords:
    """The records that place postcodes on any date, by code, in force or not: councils (each
    with its areas in ICBs, each area with its ICB, ICS and region), ICBs and sub-ICB locations'
    memberships of ICBs.

    `PlacementRecords()` reads them all, for a copy kept in memory while the data does not change
    (directory.postcodes); `PlacementRecords(postcodes)` only those the postcodes need, reading
    ICBs and a 2023 unitary's predecessors only if a postcode turns out to need them.
    """

    def __init__(self, postcodes=None):
        from .models import LocalAuthority, LocalAuthorityArea

        self.complete = postcodes is None
        areas = LocalAuthorityArea.objects.select_related("board__system__region")
        councils = LocalAuthority.objects.prefetch_related(Prefetch("areas", queryset=areas))
        if self.complete:
            councils = councils.exclude(ons_code=None).prefetch_related("predecessors")
            sub_icbs = None
        else:
            codes = {p.district for p in postcodes} | {p.county for p in postcodes if p.county}
            councils = councils.filter(ons_code__in=codes)
            sub_icbs = {p.sub_icb_2023 for p in postcodes}
        self.councils = {council.ons_code: council for council in councils}
        self.boards = self._read_boards(None) if self.complete else {}
        self.memberships = {}
        for membership in self._read_memberships(sub_icbs):
            self.memberships.setdefault(membership.sub_icb.ods_code, []).append(membership)

    @staticmethod
    def _read_boards(codes):
        from .models import IntegratedCareBoard

        boards = IntegratedCareBoard.objects.select_related("system__region")
        if codes is not None:
            boards = boards.filter(ods_code__in=codes)
        return {board.ods_code: board for board in boards}

    @staticmethod
    def _read_memberships(sub_icbs):
        from .models import SubICBMembership

        memberships = SubICBMembership.objects.select_related("sub_icb")
        if sub_icbs is not None:
            memberships = memberships.filter(sub_icb__ods_code__in=sub_icbs)
        return memberships

    def need_boards(self, codes):
        """Make sure the ICBs of these ODS codes are at hand."""
        missing = set(codes) - self.boards.keys()
        if missing and not self.complete:
            self.boards |= self._read_boards(missing)

    def need_predecessors(self, councils):
        if councils and not self.complete:
            prefetch_related_objects(councils, "predecessors")


def place_on(postcode, when):
    """The Placement of one postcode (a Postcode) on `when`."""
    return place_many([postcode], when)[0]


def place_many(postcodes, when, records=None):
    """A Placement of each of `postcodes` on `when`, from `records` (PlacementRecords) or else
    from the database: three queries when every district lay in one ICB on the date and existed
    then, a query more for each of those that is not so."""
    records = records or PlacementRecords(postcodes)
    placements = [_placed(p, when, records.councils) for p in postcodes]
    by_boundary = [p for p in placements if p.method == "boundary"]
    records.need_boards({p.postcode.boundary_icb(when) for p in by_boundary})
    for placement in by_boundary:
        board = records.boards.get(placement.postcode.boundary_icb(when))
        placement.board = board if board and board.in_force_on(when) else None
    before_theirs = [p for p in placements if p.council is None and p.district_council]
    records.need_predecessors([p.district_council for p in before_theirs])
    for placement in before_theirs:  # a 2023 unitary's postcodes before it existed
        predecessors = placement.district_council.predecessors.all()
        placement.former_councils = sorted(predecessors, key=lambda c: c.name)
    for placement in placements:
        if placement.board is None:
            continue
        for membership in records.memberships.get(placement.postcode.sub_icb_2023, ()):
            if membership.in_force_on(when) and membership.board_id == placement.board.pk:
                placement.sub_icb = membership.sub_icb
    return placements


def _placed(postcode, when, councils):
    """The council, county and (where its district lay in one ICB) the ICB of a postcode."""
    placement = Placement(postcode, when)
    council = councils.get(postcode.district)
    county = councils.get(postcode.county)
    if county and county.in_force_on(when):
        placement.county = county
    areas = []
    if council and council.in_force_on(when):
        placement.council = council
        areas = [area for area in prefetched(council, "areas") if area.in_force_on(when)]
    else:
        placement.district_council = council
    if len(areas) == 1:
        placement.board, placement.method = areas[0].board, "council"
    else:
        placement.divided = [area.board for area in areas]
        placement.method = "boundary"
    return placement
