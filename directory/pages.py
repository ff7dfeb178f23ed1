"""What the directory's pages show, gathered in a fixed number of queries whatever the rows."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Prefetch
from django.http import QueryDict

from boards.composition import statutory_check
from boards.models import BoardMembership, BoardRole
from icsdir.pagecache import PerVersion
from sources.models import in_force
from systems import models
from systems.querysets import code_on

from . import maps
from .boundaries import boundaries_on
from .filters import SystemFilter
from .reports import figure_on, not_known, reported_on


def _dated(queryset, when, *related):
    return queryset.on(when).select_related(*related)


def system_page(system, when):
    """Everything about one ICS as it was on `when`."""
    board = system.board
    seats = list(
        _dated(BoardMembership.objects.filter(board=board), when, "person").prefetch_related(
            "sources"
        )
    )
    role_order = list(BoardRole.values)  # chair first, participants last
    seats.sort(key=lambda seat: (role_order.index(seat.role), seat.person.name))
    checks, members, minimum = statutory_check(seats)
    council_areas = list(
        _dated(board.council_areas, when, "local_authority").order_by("local_authority__name")
    )
    partner_councils = set(
        board.local_authority_partners.on(when).values_list("local_authority_id", flat=True)
    )
    organisations = list(
        system.organisations.on(when).select_related("council").order_by("kind", "name")
    )
    local = list(models.LocalPartnership.objects.on(when).in_system_on(system, when).with_members())
    Kind = models.LocalPartnership.Kind
    places = [body for body in local if body.kind == Kind.PLACE]
    collaboratives = [body for body in local if body.kind == Kind.PROVIDER_COLLABORATIVE]
    sources = {source.pk: source for source in [*system.sources.all(), *board.sources.all()]}
    map_changed = map_changed_by(when)
    contacts = reported_on(board.contacts.all(), when, map_changed)
    partnerships = [
        icp
        for icp in system.partnerships.on(when).prefetch_related("area_partnerships")
        if icp.parent_id is None
    ]
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
        "seats": seats,
        "role_checks": checks,
        "member_count": members,
        "minimum_members": minimum,
        "partnerships": partnerships,
        "places": places,
        "collaboratives": collaboratives,
        "council_areas": council_areas,
        "partner_councils": partner_councils,
        **trusts_of(
            _dated(board.trust_partners, when, "trust"), board.principal_trusts.order_by("name")
        ),
        "sub_icbs": list(
            _dated(board.sub_icb_memberships, when, "sub_icb").order_by("sub_icb__ods_code")
        ),
        "vcse": vcse,
        "healthwatch": healthwatch,
        "other_organisations": [o for o in organisations if o not in vcse and o not in healthwatch],
        "initiatives": list(system.initiatives.filter(parent=None).order_by("name")),
        "clusters": list(
            _dated(board.cluster_memberships, when, "cluster").prefetch_related(
                Prefetch(
                    "cluster__memberships",
                    queryset=models.ClusterMembership.objects.select_related("board__system"),
                )
            )
        ),
        "predecessors": list(board.successions_in.select_related("predecessor__system")),
        "successors": list(board.successions_out.select_related("successor__system")),
        "sources": sorted(sources.values(), key=lambda s: s.title),
    }


def _map_changes():
    days = models.Succession.objects.order_by().values_list("effective_on", flat=True)
    return sorted(days.distinct())


_map_changes_kept = PerVersion(_map_changes)


def map_changed_by(when):
    """The day the map of ICBs last changed on or before `when`, if it ever did."""
    return max((day for day in _map_changes_kept.value() if day <= when), default=None)


def regions_with_counts(when):
    return models.Region.objects.annotate(
        system_count=Count("systems", filter=in_force(when, "systems__"))
    )


def filtered_systems(params, when):
    """The ICS list for these query parameters, as the HTML list and its CSV show it."""
    data = (params or QueryDict()).copy()
    data["on"] = when.isoformat()  # validated already (sources.asat); an empty one is today
    systems = models.IntegratedCareSystem.objects.rows().with_patients(when)
    return SystemFilter(data, queryset=systems)


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


def area_map(boards, when):
    """A map of `boards` (ICBs) as at `when`; None when no boundaries are held for that date."""
    boundary_set = boundaries_on(when)
    if boundary_set is None:
        return None
    drawing = maps.draw(boundary_set.slug, tuple(sorted(board.ods_code for board in boards)))
    if drawing is None:
        return None
    codes = [area.ods_code for area in drawing.areas]
    systems = {
        system.board.ods_code: system
        for system in models.IntegratedCareSystem.objects.filter(
            board__ods_code__in=codes
        ).select_related("board")
    }
    return AreaMap(drawing, systems, when)


def map_date(body, when):
    """The date to draw a body's map on: `when`, or its nearest day in force."""
    if body.end_date and when >= body.end_date:
        return body.end_date - timedelta(days=1)
    if body.start_date and when < body.start_date:
        return body.start_date
    return when
