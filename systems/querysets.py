"""Query shapes: the rows that pages, the API and the CSV read, each named once here."""

from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery

from sources.models import DatedQuerySet, NaturalKeyManager

CODES = "all_codes"  # where with_codes() puts a body's ONS codes, oldest first


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
        return self.select_related("region", "board").prefetch_related(
            Prefetch("board__ons_codes", to_attr=CODES),
            Prefetch("board__patient_counts", to_attr="patient_series"),
            "board__contacts",
        )

    def with_patients(self, when):
        """Annotate `patients`, the count on or before `when`, to sort by."""
        from .models import RegisteredPatients

        counts = RegisteredPatients.objects.filter(
            board=OuterRef("board"), extract_date__lte=when
        ).order_by("-extract_date")
        return self.annotate(patients=Subquery(counts.values("count")[:1]))


CodedManager = NaturalKeyManager.from_queryset(CodedQuerySet)
DatedCodedManager = NaturalKeyManager.from_queryset(DatedCodedQuerySet)
SystemManager = NaturalKeyManager.from_queryset(SystemQuerySet)
