"""The API's filters. Systems use the HTML list's own FilterSet (directory.filters.SystemFilter).

Lists of dated records hold what is in force on ?on= (the view sees to that); the ?system=
filters follow dated links that are in force on the same date.
"""

import django_filters
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend

from boards.models import BoardMembership, BoardRole
from sources.models import in_force
from systems import models, searchindex


class AsAtFilterBackend(DjangoFilterBackend):
    """Binds every FilterSet; ?on= defaults to the request's date, as on the HTML list."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if view.filterset_class and "on" in view.filterset_class.base_filters:
            data = kwargs["data"].copy()
            data["on"] = request.on.isoformat()  # validated already (sources.asat)
            kwargs["data"] = data
        return kwargs


def text_filter(kind):
    """A ?q= filter: every word must be part of a name or equal a code (systems.searchindex)."""
    return django_filters.CharFilter(
        method=lambda queryset, name, value: searchindex.search(queryset, kind, value),
        max_length=searchindex.MAX_QUERY,
        validators=[searchindex.validate_words],
        label="Words of the name, or a code",
    )


class InSystemFilter(django_filters.CharFilter):
    """?system=QHM: records linked to that ICB by `path` links in force on the request's date."""

    def __init__(self, path, **kwargs):
        self.path = path
        super().__init__(max_length=5, label="An ICB's ODS code, for example QHM", **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        prefix = f"{self.path}__" if self.path else ""
        links = Q(**{f"{prefix}board__ods_code__iexact": value})
        if self.path:
            links &= in_force(self.parent.request.on, prefix)
        return queryset.filter(links).distinct()


class CouncilFilter(django_filters.FilterSet):
    q = text_filter("council")
    system = InSystemFilter("areas")

    class Meta:
        model = models.LocalAuthority
        fields = ["q", "system"]


class TrustFilter(django_filters.FilterSet):
    q = text_filter("trust")
    system = InSystemFilter("partnerships")

    class Meta:
        model = models.NHSTrust
        fields = ["q", "system"]


class SubICBFilter(django_filters.FilterSet):
    q = text_filter("sub-icb")
    system = InSystemFilter("memberships")

    class Meta:
        model = models.SubICBLocation
        fields = ["q", "system"]


class SystemScopedFilter(django_filters.FilterSet):
    system = django_filters.CharFilter(
        field_name="system__board__ods_code",
        lookup_expr="iexact",
        max_length=5,
        label="An ICB's ODS code, for example QHM",
    )


class PartnershipFilter(SystemScopedFilter):
    class Meta:
        model = models.IntegratedCarePartnership
        fields = ["system", "level"]


class LocalPartnershipFilter(django_filters.FilterSet):
    q = text_filter("local-partnership")
    system = django_filters.CharFilter(
        method="in_system",
        max_length=5,
        label="An ICB's ODS code, for example QWO: those working in its ICS on ?on=",
    )
    focus = django_filters.ChoiceFilter(choices=models.LocalPartnership.Focus.choices)

    class Meta:
        model = models.LocalPartnership
        fields = ["q", "system", "focus"]

    def in_system(self, queryset, name, value):
        return queryset.filter(
            in_force(self.request.on, "system_links__")
            & Q(system_links__system__board__ods_code__iexact=value)
        )


class SuccessionFilter(django_filters.FilterSet):
    code = django_filters.CharFilter(
        method="either_side", max_length=9, label="An ICB's ODS or ONS code, on either side"
    )

    class Meta:
        model = models.Succession
        fields = ["code", "kind"]

    def either_side(self, queryset, name, value):
        matches = Q()
        for side in ("predecessor", "successor"):
            matches |= Q(**{f"{side}__ods_code__iexact": value})
            matches |= Q(**{f"{side}__ons_codes__ons_code__iexact": value})
        return queryset.filter(matches).distinct()


class RoleFilter(django_filters.FilterSet):
    system = InSystemFilter("")
    role = django_filters.ChoiceFilter(choices=BoardRole.choices, label="Role category")

    class Meta:
        model = BoardMembership
        fields = ["system", "role"]


class PracticeFilter(django_filters.FilterSet):
    q = text_filter("practice")
    system = django_filters.CharFilter(
        field_name="board__ods_code",
        lookup_expr="iexact",
        max_length=5,
        label="The commissioning ICB's ODS code, for example QHM",
    )
    pcn = django_filters.CharFilter(
        field_name="pcn__ods_code", lookup_expr="iexact", max_length=6, label="A PCN's code"
    )

    class Meta:
        model = models.GPPractice
        fields = ["q", "system", "pcn"]
