"""The ICS list's filters (directory.filters): each request's filter set is its own, though its
filters share what they hold."""

from datetime import date

import pytest
from django.http import QueryDict

from directory.filters import SystemFilter
from systems.models import IntegratedCareSystem

pytestmark = pytest.mark.django_db


def slugs(filterset):
    return set(filterset.qs.values_list("slug", flat=True))


def test_two_filter_sets_made_together_each_filter_by_their_own_query():
    systems = IntegratedCareSystem.objects.all()
    london = SystemFilter(QueryDict("region=london&on=2025-01-01"), systems)
    earlier = SystemFilter(QueryDict("region=north-west&on=2022-07-01&order=-patients"), systems)
    # Both made before either filters: a filter shared between them would answer for the last.
    assert london.filters["on"] is not earlier.filters["on"]
    assert london.filters["on"].parent is london and earlier.filters["on"].parent is earlier
    assert slugs(london) == set(
        systems.on(date(2025, 1, 1)).filter(region__slug="london").values_list("slug", flat=True)
    )
    assert slugs(earlier) == set(
        systems.on(date(2022, 7, 1))
        .filter(region__slug="north-west")
        .values_list("slug", flat=True)
    )
    assert len(slugs(london)) == 5


def test_sorting_by_patients_counts_them_on_the_lists_date():  # counts from August 2026
    systems = IntegratedCareSystem.objects.rows()
    by_patients = SystemFilter(QueryDict("order=-patients&on=2026-09-01"), systems).qs
    counts = [system.patients for system in by_patients if system.patients is not None]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1_000_000
    unsorted = SystemFilter(QueryDict("on=2026-09-01"), systems).qs
    assert not hasattr(unsorted[0], "patients")  # counted only to sort by
