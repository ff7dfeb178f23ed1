"""Search across every kind of record: names, former names and codes."""

from django import forms
from django.db.models import Q

from . import models
from .filters import MAX_QUERY
from .forms import NhsukFormMixin

RESULTS_PER_KIND = 25


class SearchForm(NhsukFormMixin, forms.Form):
    q = forms.CharField(
        label="Search for an ICS, ICB, council, NHS trust or organisation",
        help_text="A name, a former name or a code, for example Frimley, Sunderland or QHM",
        min_length=2,
        max_length=MAX_QUERY,
        strip=True,
    )


def name_or_code(value, names, codes=()):
    """The condition: `value` is in one of the `names` fields or equals one of the `codes`."""
    condition = Q()
    for field in names:
        condition |= Q(**{f"{field}__icontains": value})
    for field in codes:
        condition |= Q(**{f"{field}__iexact": value})
    return condition


def _matching(queryset, value, names, codes=()):
    return list(queryset.filter(name_or_code(value, names, codes)).distinct()[:RESULTS_PER_KIND])


def search_everything(value):
    """Matches by kind: [(heading, [records])], in a fixed number of queries."""
    results = [
        (
            "Integrated care systems",
            _matching(
                models.IntegratedCareSystem.objects.select_related("region", "board"),
                value,
                ["name", "also_known_as", "board__legal_name"],
                ["board__ods_code", "board__ons_codes__ons_code"],
            ),
        ),
        (
            "Councils",
            _matching(
                models.LocalAuthority.objects.all(),
                value,
                ["name", "also_known_as"],
                ["ons_code", "ods_code"],
            ),
        ),
        (
            "NHS trusts",
            _matching(models.NHSTrust.objects.all(), value, ["name"], ["ods_code"]),
        ),
        (
            "Sub-ICB locations",
            _matching(
                models.SubICBLocation.objects.all(),
                value,
                ["name", "also_known_as"],
                ["ods_code", "ons_codes__ons_code"],
            ),
        ),
        (
            "Organisations",
            _matching(
                models.Organisation.objects.select_related("system"),
                value,
                ["name", "also_known_as"],
            ),
        ),
        (
            "Joint-working initiatives",
            _matching(models.Initiative.objects.all(), value, ["name", "summary"]),
        ),
    ]
    return [(heading, records) for heading, records in results if records]
