"""Query shapes: the rows that pages, the API and the CSV read, each named once here."""

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from sources.models import DatedQuerySet, NaturalKeyManager, in_force

CODES = "all_codes"  # where with_codes() puts a body's ONS codes, oldest first


def prefetched(record, relation):
    """The records of `relation` prefetched on `record`, without `record.<relation>.all()`.

    Each `.all()` makes a related manager first, which costs more than reading the prefetched
    records: lists of hundreds of records read several relations of each. Not prefetched: read.
    """
    found = getattr(record, "_prefetched_objects_cache", {}).get(relation)
    return getattr(record, relation).all() if found is None else found


def code_on(body, when):
    """The ONS code in force on `when` among a body's codes (prefetched by with_codes())."""
    codes = getattr(body, CODES, None)
    if codes is None:
        codes = body.ons_codes.all()
    return next((code for code in codes if code.in_force_on(when)), None)


class CodedQuerySet(models.QuerySet):
    def with_codes(self):
        """Each body with its ONS codes over time, for code_on()."""
        return self.prefetch_related(Prefetch("ons_codes", to_attr=CODES))


class DatedCodedQuerySet(DatedQuerySet, CodedQuerySet):
    pass


class SystemQuerySet(DatedQuerySet):
    def rows(self):
        """Each ICS with its region, ICB, codes, patient counts and contacts, in fixed queries."""
        return (
            self.select_related("region", "board")
            .with_board_codes()
            .with_patient_series()
            .prefetch_related("board__contacts")
        )

    def with_patient_series(self):
        """Each with its ICB's patient counts over time (`board.patient_series`), for
        directory.reports.figure_on()."""
        return self.prefetch_related(Prefetch("board__patient_counts", to_attr="patient_series"))

    def with_board_codes(self):
        """Each with its ICB's ONS codes over time, for code_on(system.board, date)."""
        return self.prefetch_related(Prefetch("board__ons_codes", to_attr=CODES))

    def with_successions(self):
        """Each with its ICB's successions both ways: the ICBs and ICSs at either end, sources."""
        from .models import Succession

        links = Succession.objects.select_related(
            "predecessor__system__board", "successor__system__board"
        ).prefetch_related("sources")
        return self.prefetch_related(
            *[Prefetch(f"board__successions_{side}", queryset=links) for side in ("in", "out")]
        )

    def with_patients(self, when):
        """Annotate `patients`, the count on or before `when`, to sort by."""
        from .models import RegisteredPatients

        counts = RegisteredPatients.objects.filter(
            board=OuterRef("board"), extract_date__lte=when
        ).order_by("-extract_date")
        return self.annotate(patients=Subquery(counts.values("count")[:1]))

    def without_local(self, kind, when):
        """Those with no place-based partnership (or collaborative, by `kind`) on `when`."""
        from .models import PartnershipSystem

        links = PartnershipSystem.objects.filter(
            in_force(when) & in_force(when, "partnership__"), partnership__kind=kind
        )
        return self.exclude(pk__in=links.values("system"))

    def without_named_icp(self, when):
        """Those whose ICP on `when` no source names."""
        from .models import IntegratedCarePartnership

        named = IntegratedCarePartnership.objects.on(when).filter(name_verified=True)
        return self.exclude(pk__in=named.values("system"))

    def with_local_counts(self, when):
        """Annotate `place_count` and `collaborative_count`: those working in it on `when`."""
        from .models import PartnershipSystem

        def count(kind):
            links = (
                PartnershipSystem.objects.filter(
                    in_force(when) & in_force(when, "partnership__"),
                    system=OuterRef("pk"),
                    partnership__kind=kind,
                )
                .values("system")
                .annotate(count=Count("pk"))
                .values("count")
            )
            return Coalesce(Subquery(links), 0)

        return self.annotate(place_count=count("place"), collaborative_count=count("collaborative"))


class LocalPartnershipQuerySet(DatedQuerySet):
    def with_members(self):
        """Each with its councils, trusts, other members and reports, in fixed queries however
        many are shown."""
        from .models import LocalAuthority, NHSTrust, Organisation

        return self.prefetch_related(
            Prefetch("councils", queryset=LocalAuthority.objects.order_by("name")),
            Prefetch("trusts", queryset=NHSTrust.objects.order_by("name")),
            Prefetch("other_members", queryset=Organisation.objects.order_by("name")),
            "reports",
        ).order_by("name", "pk")  # two may share a name

    def with_history(self):
        """Each with its ICSs over time, oldest first."""
        from .models import PartnershipSystem

        links = PartnershipSystem.objects.select_related("system__board")
        return self.prefetch_related(
            Prefetch(
                "system_links",
                queryset=links.order_by(models.F("start_date").asc(nulls_first=True), "pk"),
            )
        )


CodedManager = NaturalKeyManager.from_queryset(CodedQuerySet)
DatedCodedManager = NaturalKeyManager.from_queryset(DatedCodedQuerySet)
SystemManager = NaturalKeyManager.from_queryset(SystemQuerySet)
LocalPartnershipManager = NaturalKeyManager.from_queryset(LocalPartnershipQuerySet)
