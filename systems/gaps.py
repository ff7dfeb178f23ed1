"""What the sources could not fill, counted, so that editors know where to look."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from boards.models import BoardMembership
from sources.models import Source

from .models import (
    IntegratedCareBoard,
    IntegratedCarePartnership,
    IntegratedCareSystem,
    LocalAuthority,
    LocalAuthorityArea,
    LocalPartnership,
    NHSTrust,
    Organisation,
)


@dataclass(frozen=True)
class Gap:
    what: str
    missing: int
    of: int


def _without(queryset, condition):
    return Gap("", queryset.filter(condition).count(), queryset.count())


def data_gaps(when=None):
    """Counts of unknowns among the records in force on `when` (today by default)."""
    when = when or date.today()
    boards = IntegratedCareBoard.objects.on(when)
    systems = IntegratedCareSystem.objects.on(when)
    districts = LocalAuthority.objects.exclude(ons_code=None)

    def systems_without(kind_filter):
        return _without(systems, ~Q(pk__in=kind_filter))

    rows = [
        ("ICBs with no website", _without(boards, Q(website=""))),
        ("ICBs with no address", _without(boards, Q(address=""))),
        ("ICBs with no board member recorded", _without(boards, Q(board_memberships=None))),
        ("ICBs with no cluster recorded", _without(boards, Q(cluster_memberships=None))),
        (
            "ICSs with no place-based partnership recorded",
            systems_without(LocalPartnership.objects.filter(kind="place").values("system")),
        ),
        (
            "ICSs with no provider collaborative recorded",
            systems_without(LocalPartnership.objects.filter(kind="collaborative").values("system")),
        ),
        (
            "ICSs with no VCSE alliance recorded",
            systems_without(Organisation.objects.filter(kind="vcse_alliance").values("system")),
        ),
        (
            "ICSs with no Healthwatch recorded",
            systems_without(Organisation.objects.filter(kind="healthwatch").values("system")),
        ),
        (
            "ICPs whose name no source gives",
            _without(IntegratedCarePartnership.objects.all(), Q(name_verified=False)),
        ),
        (
            "Organisations whose name no source gives",
            _without(Organisation.objects.all(), Q(name_verified=False)),
        ),
        (
            "Board seats with no start date",
            _without(BoardMembership.objects.all(), Q(start_date=None)),
        ),
        ("Councils with no ONS code", _without(LocalAuthority.objects.all(), Q(ons_code=None))),
        (
            "Districts with no ICB recorded for the date",
            _without(districts, ~Q(pk__in=_districts_placed(when))),
        ),
        ("NHS trusts with no opening date", _without(NHSTrust.objects.all(), Q(start_date=None))),
        ("Sources with no URL", _without(Source.objects.all(), Q(url=""))),
    ]
    return [Gap(what, gap.missing, gap.of) for what, gap in rows]


def _districts_placed(when):
    return LocalAuthorityArea.objects.on(when).values("local_authority")
