"""Postcode pages: the whole local system around a postcode on a date, and partial postcodes."""

from collections import Counter
from dataclasses import dataclass

from django.urls import reverse

from icsdir.pagecache import PerVersion
from systems.postcodes import (
    PlacementRecords,
    kind_of,
    lookup,
    outside_great_britain,
    place_many,
    tidy,
)

from . import local
from .pages import area_map

ATTRIBUTION = (
    "Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal "
    "Mail copyright and database right 2025. Contains National Statistics data © Crown copyright "
    "and database right 2025."
)


def slug_for(text):
    """The page's slug of a tidied postcode ('SR13QD'), sector ('SR1-3') or outward code."""
    return text.replace(" ", "") if kind_of(text) == "postcode" else text.replace(" ", "-")


def url_for(text):
    """The page of a tidied postcode, sector ('SR1 3') or outward code ('SR1')."""
    return reverse("directory:postcode", args=[slug_for(text)])


def from_slug(slug):
    """'SR13QD' -> 'SR1 3QD'; 'SR1-3' -> 'SR1 3'; 'sr1' -> 'SR1'."""
    return tidy(slug.replace("-", " "))


_placement_records = PerVersion(PlacementRecords)


def place(postcodes, when):
    """A Placement of each of `postcodes` on `when`: from the records kept in memory for the
    current data version (no query), or else from the database."""
    return place_many(postcodes, when, _placement_records.get())


def local_system(placement, members=True):
    """Who to contact around a placed postcode (directory.local.local_system); {} outside any
    ICB."""
    if placement.board is None:
        return {}
    councils = [c for c in (placement.council, placement.county) if c]
    return local.local_system(placement.board, councils, placement.when, members)


def page_map(placement):
    """The map of the postcode's ICB with the postcode's point, or None."""
    if placement.board is None:
        return None, None
    drawing = area_map([placement.board], placement.when)
    if drawing is None:
        return None, None
    postcode = placement.postcode
    return drawing, drawing.drawing.point(postcode.longitude, postcode.latitude)


@dataclass(frozen=True)
class Share:
    body: object  # a LocalAuthority or an IntegratedCareBoard
    count: int


def area_counts(postcodes, when):
    """The councils and ICBs an outward code or sector spans on `when`, with how many of its
    postcodes fall in each (each postcode placed as its own page places it)."""
    # One postcode is placed for all those that share the codes placing it (an outward code's
    # thousands of postcodes share a few sets of them).
    alike = Counter()
    one_of = {}
    for postcode in postcodes:
        codes = _placing_codes(postcode, when)
        alike[codes] += 1
        one_of.setdefault(codes, postcode)
    councils, boards = Counter(), Counter()
    for placement in place(list(one_of.values()), when):
        count = alike[_placing_codes(placement.postcode, when)]
        if placement.council:
            councils[placement.council] += count
        if placement.board:
            boards[placement.board] += count
    return _shares(councils), _shares(boards)


def _placing_codes(postcode, when):
    """What places a postcode on `when` (systems.postcodes.place_many): its district, county and
    2023 sub-ICB location, and the ICB whose boundary holds it."""
    return postcode.district, postcode.county, postcode.sub_icb_2023, postcode.boundary_icb(when)


def _shares(counts):
    return [Share(body, count) for body, count in counts.most_common()]


def find(text):
    """What a tidied text names: ('postcode', Postcode|Elsewhere|None), ('area', [Postcode]),
    or ('outside', place name) for areas Code-Point Open does not cover."""
    kind = kind_of(text)
    if kind is None:
        return None, None
    if place := outside_great_britain(text):
        return "outside", place
    if kind == "postcode":
        return "postcode", lookup().find(text)
    outward, _, sector = text.partition(" ")
    return "area", lookup().in_area(outward, sector or None)
