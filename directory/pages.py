"""What the directory's pages show, gathered in a fixed number of queries whatever the rows."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count
from django.http import QueryDict
from django.utils.formats import number_format

from boards.composition import statutory_check
from boards.models import BoardRole
from icsdir.pagecache import PerVersion
from icsdir.paths import path_of
from sources.models import Source, in_force
from systems import models
from systems.querysets import code_on, prefetched

from . import maps
from .boundaries import boundaries_on
from .filters import SystemFilter
from .local import local_on, those_on
from .reports import figure_on, map_changed_by, not_known, reported_on


def system_page(system, when, records):
    """Everything about one ICS as it was on `when`, picked from `records` (SystemRecords)."""
    board = system.board
    seats = those_on(records.seats.get(board.pk, ()), when)
    role_order = list(BoardRole.values)  # chair first, participants last
    seats.sort(key=lambda seat: (role_order.index(seat.role), seat.person.name))
    checks, members, minimum = statutory_check(seats)
    seat_sources = list(prefetched(seats[0], "sources")) if seats else []
    council_areas = those_on(records.council_areas.get(board.pk, ()), when)
    partner_councils = {
        partner.local_authority_id
        for partner in those_on(records.council_partners.get(board.pk, ()), when)
    }
    organisations = those_on(records.organisations.get(system.pk, ()), when)
    local = local_on(records, system, when)
    Kind = models.LocalPartnership.Kind
    places = [body for body in local if body.kind == Kind.PLACE]
    collaboratives = [body for body in local if body.kind == Kind.PROVIDER_COLLABORATIVE]
    sources = {source.pk: source for source in [*system.sources.all(), *board.sources.all()]}
    map_changed = map_changed_by(when)
    contacts = reported_on(board.contacts.all(), when, map_changed)
    partnerships = those_on(records.partnerships.get(system.pk, ()), when)
    Organisation = models.Organisation
    vcse = [o for o in organisations if o.kind == Organisation.Kind.VCSE_ALLIANCE]
    healthwatch = [o for o in organisations if o.kind == Organisation.Kind.HEALTHWATCH]
    return {
        "board": board,
        "patients": figure_on(board.patient_series, when),
        "contacts": contacts,
        "not_known": not_known(
            contacts,
            partnerships,
            vcse,
            healthwatch,
            board=None if seats else (members, minimum),
            local=[
                label
                for bodies, label in [
                    (places, "Its place-based partnerships"),
                    (collaboratives, "Its provider collaboratives"),
                ]
                if not bodies
            ],
        ),
        "undated_contacts": [report for item in contacts for report in item.undated],
        "map_changed": map_changed,
        "codes": board.all_codes,
        "code": code_on(board, when),
        "seats": [seat_row(seat) for seat in seats],
        "seat_sources": seat_sources,
        "role_checks": checks,
        "member_count": members,
        "minimum_members": minimum,
        "partnerships": partnerships,
        "places": places,
        "collaboratives": collaboratives,
        "council_areas": council_areas,
        "partner_councils": partner_councils,
        **trusts_of(
            those_on(records.trust_partners.get(board.pk, ()), when),
            records.principal_trusts.get(board.pk, ()),
        ),
        "sub_icbs": those_on(records.sub_icbs.get(board.pk, ()), when),
        "vcse": vcse,
        "healthwatch": healthwatch,
        "other_organisations": [o for o in organisations if o not in vcse and o not in healthwatch],
        "initiatives": records.initiatives.get(system.pk, []),
        "clusters": those_on(records.clusters.get(board.pk, ()), when),
        "predecessors": list(board.successions_in.all()),
        "successors": list(board.successions_out.all()),
        "sources": sorted(sources.values(), key=lambda s: s.title),
    }


ROLE_LABELS = dict(BoardRole.choices)  # get_role_display() makes this dict on every call


def seat_row(seat):
    """A board seat as the board's table shows it: each cell's text."""
    title = f"{seat.title} ({seat.represents})" if seat.represents else seat.title
    return {"role": ROLE_LABELS[seat.role], "name": seat.person.name, "title": title}


def regions_with_counts(when):
    return models.Region.objects.annotate(
        system_count=Count("systems", filter=in_force(when, "systems__"))
    )


def filtered_systems(params, when):
    """The ICS list for these query parameters, as the HTML list and its CSV show it."""
    data = (params or QueryDict()).copy()
    data["on"] = when.isoformat()  # validated already (sources.asat); an empty one is today
    return SystemFilter(data, queryset=models.IntegratedCareSystem.objects.rows())


def system_row(system, when, dated_query):
    """One ICS as the ICS list's table shows it: each cell's text (for a table of scores of
    rows, a value the template reads once costs far less than one it looks up record by record)."""
    code = code_on(system.board, when)
    patients = figure_on(system.board.patient_series, when).value
    return {
        "number": system.annex_number,
        "url": path_of("directory:system", system.slug) + dated_query,
        "name": system.name,
        "region": system.region.name,
        "codes": ", ".join([system.board.ods_code, *([code.ons_code] if code else [])]),
        "patients": patients and number_format(patients.count, force_grouping=True),
    }


@dataclass
class TrustRole:
    """An NHS trust of an ICS, listed once: a partner in its constitution, or with it as the
    trust's principal ICB, or both."""

    trust: object
    partner: bool = False
    principal: bool = False

    @property
    def how(self):
        words = "; ".join(
            words
            for belongs, words in [
                (self.partner, "named as a partner in the ICB's constitution"),
                (self.principal, "has this as its principal ICB"),
            ]
            if belongs
        )
        return words[:1].upper() + words[1:]


def trusts_of(partner_links, principal_trusts):
    roles = {}
    for link in partner_links:
        roles[link.trust.pk] = TrustRole(link.trust, partner=True)
    for trust in principal_trusts:
        roles.setdefault(trust.pk, TrustRole(trust)).principal = True
    return {
        "trusts": sorted(roles.values(), key=lambda role: role.trust.name),
        "trust_partners_recorded": any(role.partner for role in roles.values()),
    }


@dataclass
class Reorganisation:
    """The latest change of the map: what ended, what began, and the count before and after."""

    effective_on: object
    abolished: int
    created: int
    enlarged: int
    links: int
    before: int
    after: int


def latest_reorganisation():
    """The latest Reorganisation, if the map ever changed: read once per data version."""
    return _latest_kept.value()[0]


def _latest_reorganisation():
    """(the latest Reorganisation or None,): a value kept even when there is none."""
    return (_reorganisation(),)


def _reorganisation():
    latest = models.Succession.objects.order_by("-effective_on").first()
    if latest is None:
        return None
    when = latest.effective_on
    links = models.Succession.objects.filter(effective_on=when)
    boards = models.IntegratedCareBoard.objects
    systems = models.IntegratedCareSystem.objects
    return Reorganisation(
        effective_on=when,
        abolished=boards.filter(end_date=when).count(),
        created=boards.filter(start_date=when).count(),
        enlarged=links.filter(kind=models.Succession.Kind.TRANSFER).values("successor").count(),
        links=links.count(),
        before=systems.on(when - timedelta(days=1)).count(),
        after=systems.on(when).count(),
    )


@dataclass
class AreaMap:
    """A drawn map with what it shows in words: each area's ICS, linked, for the list."""

    drawing: maps.Map
    systems: dict  # ODS code -> ICS, for every area drawn
    on: object

    def areas(self):
        return [(area, self.systems.get(area.ods_code)) for area in self.drawing.areas]

    def shaded(self):
        return [(area, system) for area, system in self.areas() if area.focus]

    def neighbours(self):
        """The areas drawn in grey that share an edge with a shaded one (not those merely in the
        frame, or across an estuary)."""
        borders = maps.borders(self.drawing.boundary_set.slug)
        focus = [area.ods_code for area in self.drawing.areas if area.focus]
        bordering = set().union(*(borders[code] for code in focus))
        return [
            (area, system)
            for area, system in self.areas()
            if area.ods_code in bordering - set(focus)
        ]


_latest_kept = PerVersion(_latest_reorganisation)


def area_map(boards, when, systems=None):
    """A map of `boards` (ICBs) as at `when`; None when no boundaries are held for that date.

    `systems`: ICSs by their ICB's ODS code, used when they hold every area drawn."""
    boundary_set = boundaries_on(when)
    if boundary_set is None:
        return None
    drawing = maps.draw(boundary_set.slug, tuple(sorted(board.ods_code for board in boards)))
    if drawing is None:
        return None
    codes = [area.ods_code for area in drawing.areas]
    if systems is None or not set(codes) <= systems.keys():
        found = models.IntegratedCareSystem.objects.filter(board__ods_code__in=codes)
        systems = {system.board.ods_code: system for system in found.select_related("board")}
    return AreaMap(drawing, {code: systems[code] for code in codes if code in systems}, when)


def map_date(body, when):
    """The date to draw a body's map on: `when`, or its nearest day in force."""
    if body.end_date and when >= body.end_date:
        return body.end_date - timedelta(days=1)
    if body.start_date and when < body.start_date:
        return body.start_date
    return when


def _source_rows():
    return [
        {
            "title": source.title,
            "publisher": source.publisher,
            "notes": source.notes,
            "kind": source.get_kind_display(),
            "vintage": source.vintage,
            "licence": source.licence,
        }
        for source in Source.objects.order_by("kind", "title")
    ]


# The About page's table of sources, the same on every date: each cell's text, kept per version.
source_rows = PerVersion(_source_rows)
