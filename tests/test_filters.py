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


def keep_drawn(monkeypatch):
    """The filter form's drawn field groups as a process keeps them for a data version."""
    drawn = {}
    monkeypatch.setattr(SystemFilter().get_form_class().drawn, "get", lambda: drawn)
    return drawn


def test_a_select_is_drawn_once_for_each_value_asked_and_shows_that_value(client, monkeypatch):
    drawn = keep_drawn(monkeypatch)
    fresh = client.get("/systems/?region=london").content
    assert client.get("/systems/?region=london&on=2025-01-01").status_code == 200
    assert client.get("/systems/?region=london").content == fresh  # drawn from what was kept
    assert b'<option value="london" selected>' in fresh
    north_west = client.get("/systems/?region=north-west").content.decode()
    assert '<option value="north-west" selected>' in north_west
    assert '<option value="london" selected>' not in north_west
    regions = [key[3] for key in drawn if key[2] == "region"]
    assert sorted(regions) == ["london", "north-west"]  # one drawing of each value asked


def test_a_select_with_an_error_is_drawn_afresh_with_it(client, monkeypatch):
    drawn = keep_drawn(monkeypatch)
    client.get("/systems/?region=london")
    page = client.get("/systems/?region=nowhere").content.decode()
    assert 'class="nhsuk-select nhsuk-select--error"' in page
    assert "Select a valid choice" in page
    assert "nowhere" not in {key[3] for key in drawn}


def test_no_more_field_groups_are_kept_than_the_limit(client, monkeypatch):
    drawn = keep_drawn(monkeypatch)
    monkeypatch.setattr("directory.forms.DRAWN_LIMIT", 5)
    for order in ("name", "-name", "number", "-number", "name,number", "number,name"):
        page = client.get("/systems/", {"order": order})
        assert page.status_code == 200
    assert len(drawn) == 5


def test_each_forms_fields_are_its_own_though_they_share_their_choices():
    bad = SystemFilter(QueryDict("region=nowhere&designation=never")).form
    good = SystemFilter(QueryDict("region=london&designation=none")).form
    assert not bad.is_valid() and good.is_valid()
    for name in ("region", "designation"):
        assert "nhsuk-select--error" in str(bad[name])  # the error marks its own form's widget
        assert "nhsuk-select--error" not in str(good[name])
    assert '<option value="london" selected>' in str(good["region"])
    assert '<option value="none" selected>' in str(good["designation"])
    assert "selected" not in str(bad["region"])
    assert len(good.fields["region"].choices) == 8  # "All regions" and the seven regions
