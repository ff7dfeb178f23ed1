"""Search across every kind of record: names, former names and codes."""

from django import forms

from systems import models, searchindex

from .forms import NhsukFormMixin

RESULTS_PER_KIND = 25


class SearchForm(NhsukFormMixin, forms.Form):
    q = forms.CharField(
        label="Enter a postcode, a place or an organisation",
        help_text=(
            "A postcode or part of one, a name, a former name or a code, for example SR1 3QD, "
            "Sunderland, Frimley or QHM"
        ),
        min_length=2,
        max_length=searchindex.MAX_QUERY,
        validators=[searchindex.validate_words],
        strip=True,
    )


def _matching(queryset, kind, value):
    found = searchindex.search(queryset, kind, value, first=RESULTS_PER_KIND)
    return list(found[:RESULTS_PER_KIND])


def search_everything(value):
    """Matches by kind: [(heading, [records])], in a fixed number of queries."""
    results = [
        (
            "Integrated care systems",
            _matching(
                models.IntegratedCareSystem.objects.select_related("region", "board"),
                "system",
                value,
            ),
        ),
        ("Councils", _matching(models.LocalAuthority.objects.all(), "council", value)),
        ("NHS trusts", _matching(models.NHSTrust.objects.all(), "trust", value)),
        ("Sub-ICB locations", _matching(models.SubICBLocation.objects.all(), "sub-icb", value)),
        (
            "GP practices",
            _matching(models.GPPractice.objects.select_related("board__system"), "practice", value),
        ),
        (
            "Place-based partnerships and provider collaboratives",
            _matching(models.LocalPartnership.objects.all(), "local-partnership", value),
        ),
        (
            "Organisations",
            _matching(models.Organisation.objects.select_related("system"), "organisation", value),
        ),
        (
            "Joint-working initiatives",
            _matching(models.Initiative.objects.all(), "initiative", value),
        ),
    ]
    return [(heading, records) for heading, records in results if records]
