"""Postcode pages: the whole local system around a postcode on a date, and partial postcodes."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from icsdir.pagecache import PerVersion
from systems import models
from systems.postcodes import (
    PlacementRecords,
    kind_of,
    lookup,
    outside_great_britain,
    place_many,
    tidy,
)

from .pages import area_map, map_changed_by
from .reports import reported_on

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


class LocalRecords:
    """What local_system() picks from on any date, in force or not: the ICBs' contact reports,
    strategic ICPs, VCSE alliances and Healthwatch, places and collaboratives with their ICSs
    over time (and, with `members`, their members and reports), and the days the map changed.

    `LocalRecords()` reads them all, for the copy kept in memory while the data does not change;
    `LocalRecords(system, councils)` only those of one ICS and its councils.
    """

    def __init__(self, system=None, councils=(), members=True):
        contacts = models.BoardContact.objects.all()
        icps = models.IntegratedCarePartnership.objects.filter(parent=None)
        organisations = models.Organisation.objects.filter(
            kind__in=("vcse_alliance", "healthwatch")
        ).select_related("council")
        local = models.LocalPartnership.objects.prefetch_related("system_links")
        local = local.with_members() if members else local.prefetch_related("councils")
        if system is not None:
            contacts = contacts.filter(board__system=system)
            icps = icps.filter(system=system)
            organisations = organisations.filter(
                Q(system=system, kind="vcse_alliance") | Q(council__in=councils, kind="healthwatch")
            )
            local = local.filter(system_links__system=system).distinct()
        changes = models.Succession.objects.values_list("effective_on", flat=True)
        self.map_changes = sorted(set(changes))
        self.contacts = _grouped(contacts, lambda contact: [contact.board_id])
        self.icps = _grouped(icps, lambda icp: [icp.system_id])
        self.vcse = _grouped(
            organisations, lambda o: [o.system_id] if o.kind == "vcse_alliance" else []
        )
        self.healthwatch = _grouped(
            organisations, lambda o: [o.council_id] if o.kind == "healthwatch" else []
        )
        self.local = _grouped(
            local.order_by("name"),
            lambda body: {link.system_id for link in body.system_links.all()},
        )


def _grouped(records, keys):
    groups = {}
    for record in records:
        for key in keys(record):
            groups.setdefault(key, []).append(record)
    return groups


_placement_records = PerVersion(PlacementRecords)
_local_records = PerVersion(LocalRecords)


def place(postcodes, when):
    """A Placement of each of `postcodes` on `when`: from the records kept in memory for the
    current data version (no query), or else from the database."""
    return place_many(postcodes, when, _placement_records.get())


def local_system(placement, members=True):
    """Who to contact around a placed postcode: the ICB's reports, the ICP, VCSE alliances,
    Healthwatch, places and collaboratives, as on the placement's date (with each place's and
    collaborative's members for a page: `members`)."""
    when, board = placement.when, placement.board
    if board is None:
        return {}
    system = board.system
    councils = [c for c in (placement.council, placement.county) if c]
    records = _local_records.get() or LocalRecords(system, councils, members)
    map_changed = map_changed_by(when, records.map_changes)
    local = [
        body
        for body in records.local.get(system.pk, ())
        if body.in_force_on(when)
        and any(
            link.system_id == system.pk and link.in_force_on(when)
            for link in body.system_links.all()
        )
    ]
    return {
        "system": system,
        "contacts": reported_on(records.contacts.get(board.pk, ()), when, map_changed),
        "map_changed": map_changed,
        "partnerships": _on(records.icps.get(system.pk, ()), when),
        "vcse": _on(records.vcse.get(system.pk, ()), when),
        "healthwatch": _on(
            [org for council in councils for org in records.healthwatch.get(council.pk, ())], when
        ),
        "places": [
            body
            for body in local
            if body.kind == "place" and any(c in councils for c in body.councils.all())
        ],
        "collaboratives": [body for body in local if body.kind == "collaborative"],
    }


def _on(records, when):
    return [record for record in records if record.in_force_on(when)]


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
    for placement in place(postcodes, when):
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
