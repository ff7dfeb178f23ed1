"""What the sources could not fill: counted for readers and the `data_gaps` command, and listed
record by record in the editors' work list."""

from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from django.db import connection
from django.db.models import Count, Q, Value

from boards.models import BoardMembership
from sources.models import Source, in_force
from systems.models import (
    RECENT_REPORT,
    BoardContact,
    ClusterMembership,
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
    when: date

    @property
    def records(self):
        """The records that lack it (found when asked: readers see only the counts)."""
        among, condition = _wanted_on(self.when)[self.what]
        return among.filter(condition)


def data_gaps(when=None):
    """Counts of unknowns among the records in force on `when` (today by default)."""
    when = when or date.today()
    order, counting = _counting(connection.vendor)
    with connection.cursor() as cursor:
        counts = counting.run(cursor, when)
    return [Gap(what, *counts[what], when) for what in order]


# The counting query is written for this day, which no record has, and run for any date with the
# date in its place: written for each request, it cost ten times its running.
ANY_DAY = date(1, 1, 2)


@dataclass(frozen=True)
class Counting:
    """One query that counts every gap: a one-row table for each kind of record counted (the
    records in force, then each gap among them), side by side. One query, not one for each kind:
    a round trip to PostgreSQL costs more than most of these counts."""

    sql: str
    params: tuple
    groups: tuple  # for each table, the gaps it counts

    def run(self, cursor, when):
        """{what: (missing, of)} on `when`."""
        day, on = (connection.ops.adapt_datefield_value(d) for d in (ANY_DAY, when))
        cursor.execute(self.sql, [on if param == day else param for param in self.params])
        row, counts = iter(cursor.fetchone()), {}
        for whats in self.groups:
            _, of = next(row), next(row)
            counts |= {what: (next(row), of) for what in whats}
        return counts


@cache
def _counting(vendor):
    """What is missing, in order, and the query that counts it (per database: `vendor`)."""
    wanted = _wanted(ANY_DAY)
    groups = {}
    for what, among, condition in wanted:
        groups.setdefault(id(among), (among, []))[1].append((what, condition))
    tables, params = [], []
    for number, (among, gaps) in enumerate(groups.values()):
        counted = among.order_by().annotate(one=Value(1)).values("one")  # a single row
        counted = counted.annotate(
            of=Count("pk", distinct=True),
            **{
                f"gap{index}": Count("pk", distinct=True, filter=condition)
                for index, (_, condition) in enumerate(gaps)
            },
        )
        sql, table_params = counted.query.sql_with_params()
        tables.append(f"({sql}) AS counted{number}")
        params += table_params
    whats = tuple(tuple(what for what, _ in gaps) for _, gaps in groups.values())
    counting = Counting(f"SELECT * FROM {', '.join(tables)}", tuple(params), whats)
    return [what for what, _, _ in wanted], counting


@lru_cache(maxsize=8)
def _wanted_on(when):
    """{what: (among, condition)} on `when` (querysets not yet read: each use filters a copy)."""
    return {what: (among, condition) for what, among, condition in _wanted(when)}


def _wanted(when):
    """(what is missing, among which records, the condition of those that lack it)."""
    boards = IntegratedCareBoard.objects.on(when)
    systems = IntegratedCareSystem.objects.on(when)
    councils = LocalAuthority.objects.on(when)
    local = LocalPartnership.objects.on(when)
    collaboratives = local.filter(kind="collaborative")
    organisations = Organisation.objects.all()

    def boards_without(kind):
        reported = BoardContact.objects.filter(kind=kind, reported_on__lte=when)
        return (
            f"ICBs with no {BoardContact.Kind(kind).label.lower()} reported by a dated source",
            boards,
            ~Q(pk__in=reported.values("board")),
        )

    def systems_in(what, lacking):
        return what, systems, Q(pk__in=lacking.values("pk"))

    def systems_without(what, kind):
        return what, systems, ~Q(pk__in=organisations.filter(kind=kind).values("system"))

    links = PartnershipSystem.objects.filter(in_force(when) & in_force(when, "partnership__"))
    recent = Report.objects.filter(reported_on__gte=RECENT_REPORT, reported_on__lte=when)
    placed = LocalAuthorityArea.objects.on(when).values("local_authority")
    unverified = Q(name_verified=False)
    return [
        *[boards_without(kind) for kind in BoardContact.Kind.values],
        (
            "ICBs with no board member recorded",
            boards,
            ~Q(pk__in=BoardMembership.objects.values("board")),
        ),
        (
            "ICBs with no cluster recorded",
            boards,
            ~Q(pk__in=ClusterMembership.objects.values("board")),
        ),
        systems_in(
            "ICSs with no place-based partnership recorded", systems.without_local("place", when)
        ),
        systems_in(
            "ICSs with no provider collaborative recorded",
            systems.without_local("collaborative", when),
        ),
        systems_in("ICSs whose ICP no source names", systems.without_named_icp(when)),
        systems_without("ICSs with no VCSE alliance recorded", "vcse_alliance"),
        systems_without("ICSs with no Healthwatch recorded", "healthwatch"),
        ("ICPs whose name no source gives", IntegratedCarePartnership.objects.all(), unverified),
        (
            "Places and collaboratives named by no page dated 2024 or later",
            local,
            ~Q(pk__in=recent.filter(local_partnership__isnull=False).values("local_partnership")),
        ),
        (
            "Places and collaboratives with no ICS recorded for the date",
            local,
            ~Q(pk__in=links.values("partnership")),
        ),
        (
            "Provider collaboratives with fewer than two members named",
            collaboratives,
            Q(pk__in=_thin_collaboratives()),
        ),
        ("Organisations whose name no source gives", organisations, unverified),
        ("Board seats with no start date", BoardMembership.objects.all(), Q(start_date=None)),
        ("Councils with no ONS code", councils, Q(ons_code=None)),
        ("Councils with no ICB recorded for the date", councils, ~Q(pk__in=placed)),
        ("NHS trusts with no opening date", NHSTrust.objects.all(), Q(start_date=None)),
        ("Sources with no URL", Source.objects.all(), Q(url="")),
    ]


def _thin_collaboratives():
    """Collaboratives whose sources name fewer than two members (trusts or others)."""
    return (
        LocalPartnership.objects.filter(kind="collaborative")
        .annotate(members=Count("trusts", distinct=True) + Count("other_members", distinct=True))
        .filter(members__lt=2)
        .values("pk")
    )
