"""The maps on region and ICS pages: drawn on the server from the boundaries, described in words."""

import re
from datetime import date

import pytest

from systems.models import IntegratedCareSystem, Region

pytestmark = pytest.mark.django_db


def svg(page):
    return re.search(r"<svg class=\"app-map__svg\".*?</svg>", page, re.S)[0]


def test_every_region_page_draws_its_systems(client):
    today = date.today()
    for region in Region.objects.all():
        page = client.get(f"/regions/{region.slug}/").content.decode()
        drawing = svg(page)
        in_force = region.systems.on(today)
        assert drawing.count("app-map__area--focus") == in_force.count()
        assert f'<title id="map-title">Map of {region.name} on' in drawing
        assert '<desc id="map-desc">Shaded: ' in drawing
        assert "Shaded on the map: the integrated care systems in the table below" in page
        table = re.search(r"<table.*?</table>", page, re.S)[0]
        assert {s.name for s in in_force} <= set(re.findall(r'">(NHS [^<]+)</a>', table))


def test_every_ics_page_draws_its_area_even_after_abolition(client):
    for system in IntegratedCareSystem.objects.all():
        page = client.get(f"/systems/{system.slug}/").content.decode()
        drawing = svg(page)
        assert drawing.count("app-map__area--focus") == 1, system.slug
        assert "Shaded on the map: this system." in page
        assert f'<desc id="map-desc">Shaded: {system.board.legal_name}' in drawing


def test_an_abolished_system_is_drawn_on_its_last_day_with_its_neighbours(client):
    page = client.get("/systems/frimley/").content.decode()
    assert "Map of NHS Frimley on 31 March 2026" in page
    assert "April 2023 to March 2026 (42)" in page
    neighbours = re.search(r"Neighbouring ICBs, in grey:</p>\s*<ul[^>]*>(.*?)</ul>", page, re.S)[1]
    assert "NHS Surrey Heartlands" in neighbours


def neighbours_listed(page):
    listed = re.search(r"Neighbouring ICBs, in grey:</p>\s*<ul[^>]*>(.*?)</ul>", page, re.S)
    return set(re.findall(r'">(NHS [^<]+)</a>', listed[1])) if listed else set()


def test_neighbours_are_the_icbs_sharing_a_border_not_those_across_water(client):
    essex = neighbours_listed(client.get("/systems/essex/").content.decode())
    # Drawn in the frame, but across the Thames estuary: not neighbours.
    assert "NHS Kent and Medway" not in essex and "NHS South East London" not in essex
    assert {"NHS North East London", "NHS Central East", "NHS Norfolk and Suffolk"} <= essex
    somerset = neighbours_listed(client.get("/systems/somerset/").content.decode())
    assert somerset == {
        "NHS Devon",
        "NHS Dorset",
        "NHS Bristol, North Somerset and South Gloucestershire",
        "NHS Bath and North East Somerset, Swindon and Wiltshire",
    }
    london = client.get("/regions/london/").content.decode()
    assert "NHS Surrey and Sussex" in neighbours_listed(london)
    assert "NHS Birmingham and Solihull" not in neighbours_listed(london)


def test_the_map_follows_the_date_and_says_when_no_boundaries_are_held(client):
    before = client.get("/regions/london/?on=2025-01-01").content.decode()
    assert svg(before).count("app-map__area--focus") == 5
    assert 'href="/api/v1/boundaries/icb-2023.geojson"' in before
    now = client.get("/regions/london/").content.decode()
    assert svg(now).count("app-map__area--focus") == 4
    assert "Contains OS data © Crown copyright and database right" in now
    early = client.get("/regions/london/?on=2022-08-01").content.decode()
    assert "app-map__svg" not in early
    assert "no boundaries are held for this date" in early


def test_maps_have_no_inline_styles_or_scripts(client):
    drawing = svg(client.get("/regions/midlands/").content.decode())
    assert "style=" not in drawing and "<script" not in drawing
    assert 'role="img"' in drawing and 'aria-labelledby="map-title map-desc"' in drawing
