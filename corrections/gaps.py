"""What the sources could not fill: counted for readers and the `data_gaps` command, and listed
record by record in the editors' work list."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from boards.models import BoardMembership
from sources.models import Source, in_force
from systems.models import (
    RECENT_REPORT,
    BoardContact,
    IntegratedCareBoard,
    IntegratedCarePartnership,
    IntegratedCareSystem,
    LocalAuthority,
    LocalAuthorityArea,
    LocalPartnership,
    NHSTrust,
    Organisation,
    PartnershipSystem,
    Report,
)


@dataclass(frozen=True)
class Gap:
    what: str
    missing: int
    of: int
    records: object  # a queryset of the records that lack it


def _gap(what, queryset, condition):
    return _lacking(what, queryset.filter(condition), queryset)


def _lacking(what, lacking, among):
    return Gap(what, lacking.count(), among.count(), lacking)


def data_gaps(when=None):
    """Counts of unknowns among the records in force on `when` (today by default)."""
    when = when or date.today()
    boards = IntegratedCareBoard.objects.on(when)
    systems = IntegratedCareSystem.objects.on(when)
    councils = LocalAuthority.objects.on(when)

    def boards_without(kind):
        reported = BoardContact.objects.filter(kind=kind, reported_on__lte=when)
        return _gap(
            f"ICBs with no {BoardContact.Kind(kind).label.lower()} reported by a dated source",
            boards,
            ~Q(pk__in=reported.values("board")),
        )

    def systems_without(what, kind_filter):
        return _gap(what, systems, ~Q(pk__in=kind_filter))

    def systems_lacking(what, lacking):
        return _lacking(what, lacking, systems)

    links = PartnershipSystem.objects.filter(in_force(when) & in_force(when, "partnership__"))
    recent = Report.objects.filter(reported_on__gte=RECENT_REPORT, reported_on__lte=when)
    local = LocalPartnership.objects.on(when)
    vcse = Organisation.objects.filter(kind="vcse_alliance").values("system")
    healthwatch = Organisation.objects.filter(kind="healthwatch").values("system")
    placed = LocalAuthorityArea.objects.on(when).values("local_authority")
    unverified = Q(name_verified=False)
    return [
        *[boards_without(kind) for kind in BoardContact.Kind.values],
        _gap("ICBs with no board member recorded", boards, Q(board_memberships=None)),
        _gap("ICBs with no cluster recorded", boards, Q(cluster_memberships=None)),
        systems_lacking(
            "ICSs with no place-based partnership recorded", systems.without_local("place", when)
        ),
        systems_lacking(
            "ICSs with no provider collaborative recorded",
            systems.without_local("collaborative", when),
        ),
        systems_lacking("ICSs whose ICP no source names", systems.without_named_icp(when)),
        systems_without("ICSs with no VCSE alliance recorded", vcse),
        systems_without("ICSs with no Healthwatch recorded", healthwatch),
        _gap("ICPs whose name no source gives", IntegratedCarePartnership.objects, unverified),
        _gap(
            "Places and collaboratives named by no page dated 2024 or later",
            local,
            ~Q(pk__in=recent.filter(local_partnership__isnull=False).values("local_partnership")),
        ),
        _gap(
            "Places and collaboratives with no ICS recorded for the date",
            local,
            ~Q(pk__in=links.values("partnership")),
        ),
        _gap(
            "Provider collaboratives with fewer than two members named",
            local.filter(kind="collaborative"),
            Q(pk__in=_thin_collaboratives()),
        ),
        _gap("Organisations whose name no source gives", Organisation.objects, unverified),
        _gap("Board seats with no start date", BoardMembership.objects, Q(start_date=None)),
        _gap("Councils with no ONS code", councils, Q(ons_code=None)),
        _gap("Councils with no ICB recorded for the date", councils, ~Q(pk__in=placed)),
        _gap("NHS trusts with no opening date", NHSTrust.objects, Q(start_date=None)),
        _gap("Sources with no URL", Source.objects, Q(url="")),
    ]


def _thin_collaboratives():
    """Collaboratives whose sources name fewer than two members (trusts or others)."""
    return (
        LocalPartnership.objects.filter(kind="collaborative")
        .annotate(members=Count("trusts", distinct=True) + Count("other_members", distinct=True))
        .filter(members__lt=2)
        .values("pk")
    )
