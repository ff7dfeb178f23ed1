"""The ICS list's filters: one FilterSet behind the HTML list, its CSV and the API."""

import copy
from datetime import date

import django_filters
from django import forms
from django_filters.fields import BaseCSVField

from icsdir.pagecache import KeptRecords
from systems import searchindex
from systems.models import Cluster, IntegratedCareSystem, Region

from .forms import FixedChoiceField, KeptChoiceField, NhsukFormMixin, SharedChoices


class SharedWithin:
    """A filter whose copies share what it holds (a queryset, choices, kept records): django-filter
    copies every filter deeply for each request, which for these cost more than the filtering."""

    def __deepcopy__(self, memo):
        copied = copy.copy(self)
        if self.method is not None:
            copied.method = self.method  # its own FilterMethod, which finds the copy's parent
        return copied


class TextFilter(SharedWithin, django_filters.CharFilter):
    pass


class DateFilter(SharedWithin, django_filters.DateFilter):
    pass


class DesignationWave(SharedWithin, django_filters.ChoiceFilter):
    """Designation waves a source names: the eleven ICSs designated from December 2020."""

    field_class = FixedChoiceField

    WAVES = {"december-2020": date(2020, 12, 1)}

    def __init__(self, **kwargs):
        choices = [("december-2020", "Designated from December 2020"), ("none", "Not in a wave")]
        super().__init__(choices=choices, method=self.by_wave, **kwargs)

    def by_wave(self, queryset, name, value):
        if value == "none":
            return queryset.filter(designated_on=None)
        return queryset.filter(designated_on=self.WAVES[value])


def text_search(queryset, name, value):
    """Names, former names and codes of the ICS and its ICB, its councils and trusts."""
    return searchindex.search(queryset, "system-area", value)


class SystemFilterForm(NhsukFormMixin, forms.Form):
    """The filter form; ?on= is checked before it, by the view (sources.asat)."""


class ItemsNamed(SharedChoices, BaseCSVField):
    """A comma-separated value with no empty item: "?order=,," is refused, not read as no
    order (which left the list unordered)."""

    def clean(self, value):
        if value and any(not item.strip() for item in value):
            raise forms.ValidationError("Leave no item empty between commas.", code="empty_item")
        return super().clean(value)


class Ordering(SharedWithin, django_filters.OrderingFilter):
    """Sorts by the fields named; sorting by registered patients counts them first, on the
    list's date (only then: lists show each ICS's count from its own records)."""

    base_field_class = ItemsNamed

    def filter(self, queryset, value):
        if value and any(item.strip().lstrip("-") == "patients" for item in value):
            queryset = queryset.with_patients(self.parent.as_at)
        return super().filter(queryset, value)


class KeptChoiceFilter(SharedWithin, django_filters.ModelChoiceFilter):
    """A choice of records named by slug, drawn and checked from a copy kept per data version."""

    field_class = KeptChoiceField

    def __init__(self, *, queryset, **kwargs):
        kept = KeptRecords(queryset.all, "slug")
        super().__init__(queryset=queryset, to_field_name="slug", kept=kept, **kwargs)


class SystemFilter(django_filters.FilterSet):
    q = TextFilter(
        label="Name, former name, code, council or NHS trust",
        method=text_search,
        max_length=searchindex.MAX_QUERY,
        validators=[searchindex.validate_words],
    )
    region = KeptChoiceFilter(
        label="Region",
        field_name="region",
        queryset=Region.objects.all(),
        empty_label="All regions",
    )
    on = DateFilter(
        label="In force on",
        method="in_force_on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Year-month-day, for example 2025-01-01",
    )
    cluster = KeptChoiceFilter(
        field_name="board__cluster_memberships__cluster",
        queryset=Cluster.objects.all(),
        label="Cluster",
        empty_label="Any or none",
    )
    designation = DesignationWave(label="Designation wave", empty_label="Any")
    order = Ordering(
        fields=(
            ("annex_number", "number"),
            ("name", "name"),
            ("patients", "patients"),
        ),
        field_labels={
            "annex_number": "Map number",
            "name": "Name",
            "patients": "Registered patients",
        },
        empty_label="Map number, then name",
        label="Sort by",
    )

    class Meta:
        model = IntegratedCareSystem
        fields = ["q", "region", "on", "cluster", "designation"]
        form = SystemFilterForm

    def get_form_class(self):
        """Made once: django-filter makes a form class on every request (for the unfiltered list,
        a tenth of its cost). The fields are the same each time; each form copies them."""
        made = type(self).__dict__.get("_form_class")
        if made is None:
            made = super().get_form_class()
            type(self)._form_class = made
        return made

    @property
    def as_at(self):
        """The list's date: ?on= (checked already by the page or the API), else today."""
        return self.form.cleaned_data.get("on") or date.today()

    def in_force_on(self, queryset, name, value):
        return queryset.on(value)
