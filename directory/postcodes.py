"""Postcode pages: the whole local system around a postcode on a date, and partial postcodes."""

from collections import Counter
from dataclasses import dataclass

from django.urls import reverse

from systems import models
from systems.postcodes import kind_of, lookup, outside_great_britain, place_many, tidy

from .pages import area_map, map_changed_by
from .reports import reported_on

ATTRIBUTION = (
    "Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal "
    "Mail copyright and database right 2025. Contains National Statistics data © Crown copyright "
    "and database right 2025."
)


def url_for(text):
    """The page of a tidied postcode, sector ('SR1 3') or outward code ('SR1')."""
    kind = kind_of(text)
    slug = text.replace(" ", "") if kind == "postcode" else text.replace(" ", "-")
    return reverse("directory:postcode", args=[slug])


def from_slug(slug):
    """'SR13QD' -> 'SR1 3QD'; 'SR1-3' -> 'SR1 3'; 'sr1' -> 'SR1'."""
    return tidy(slug.replace("-", " "))


def local_system(placement, members=True):
    """Who to contact around a placed postcode: the ICB's reports, the ICP, VCSE alliances,
    Healthwatch, places and collaboratives, as on the placement's date (with each place's and
    collaborative's members for a page: `members`)."""
    when, board = placement.when, placement.board
    if board is None:
        return {}
    system = board.system
    councils = [c for c in (placement.council, placement.county) if c]
    local = models.LocalPartnership.objects.on(when).in_system_on(system, when).order_by("name")
    if members:
        local = local.with_members()
    organisations = models.Organisation.objects.on(when).select_related("council")
    map_changed = map_changed_by(when)
    return {
        "system": system,
        "contacts": reported_on(board.contacts.all(), when, map_changed),
        "map_changed": map_changed,
        "partnerships": list(system.partnerships.on(when).filter(parent=None)),
        "vcse": list(organisations.filter(system=system, kind="vcse_alliance")),
        "healthwatch": list(organisations.filter(council__in=councils, kind="healthwatch")),
        "places": list(local.filter(kind="place", councils__in=councils).distinct()),
        "collaboratives": list(local.filter(kind="collaborative")),
    }


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
    councils, boards = Counter(), Counter()
    for placement in place_many(postcodes, when):
        if placement.council:
            councils[placement.council] += 1
        if placement.board:
            boards[placement.board] += 1
    return _shares(councils), _shares(boards)


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
