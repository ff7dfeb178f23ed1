"""The recorded council shares against the boundaries the maps draw, counted by postcode.

For each council in force on a date, the share of its Code-Point Open postcodes (April 2025)
that lie inside each ICB's boundary of that date (the simplified files the maps use) must match
the share recorded from small areas (LSOAs), within TOLERANCE.

Why 0.12: the two measures count different things. An LSOA holds about 1,500 people, a postcode
about 15 addresses, so where a council is split between a dense and a rural part the counts
differ: East Suffolk, recorded 50/50 by LSOAs in 2023, is 40/60 by postcodes (0.10 apart), the
largest gap. Postcode positions are centres, and the boundaries are simplified to 250 m with
coastal specks dropped, which moves about 0.2% of postcodes out of every polygon. A council
recorded in the wrong ICB, or missing from one, is off by its whole share (e.g. 1.0 for Essex
County Council before it was placed).
"""

import json
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import shapely
from django.conf import settings
from pyproj import Transformer
from shapely.geometry import shape

from systems.build.codepoint import FILE, english_postcodes
from systems.models import LocalAuthority, LocalAuthorityArea
from tests.helpers import source_files

pytestmark = pytest.mark.django_db

TOLERANCE = 0.12
DATES = {"icb-2023.geojson": date(2024, 6, 1), "icb-2026.geojson": date(2026, 6, 1)}


@pytest.fixture(scope="module")
def postcodes():
    rows = list(english_postcodes(source_files().path(FILE)))
    eastings = np.array([row[1] for row in rows], dtype=float)
    northings = np.array([row[2] for row in rows], dtype=float)
    lon, lat = Transformer.from_crs(27700, 4326, always_xy=True).transform(eastings, northings)
    counties = np.array([row[3] for row in rows])
    districts = np.array([row[4] for row in rows])
    return lon, lat, counties, districts


def boards_holding(lon, lat, boundary_file):
    collection = json.loads(Path(settings.FIXTURE_DIR, "boundaries", boundary_file).read_text())
    boards = np.full(len(lon), "", dtype=object)
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        shapely.prepare(geometry)
        boards[shapely.contains_xy(geometry, lon, lat)] = feature["properties"]["ods_code"]
    return boards


@pytest.mark.parametrize("boundary_file", sorted(DATES))
def test_council_shares_agree_with_the_boundaries(postcodes, boundary_file):
    lon, lat, counties, districts = postcodes
    when = DATES[boundary_file]
    boards = boards_holding(lon, lat, boundary_file)
    areas = LocalAuthorityArea.objects.on(when).select_related("board", "local_authority")
    recorded = {}
    for area in areas:
        recorded.setdefault(area.local_authority.ons_code, {})[area.board.ods_code] = area.share
    checked, off = 0, []
    for council in LocalAuthority.objects.on(when).exclude(ons_code=None):
        inside = (districts == council.ons_code) | (counties == council.ons_code)
        total = int(inside.sum())
        assert total, f"{council} has no postcodes in Code-Point Open"
        counted = Counter(boards[inside])
        counted.pop("", None)
        shares = recorded.get(council.ons_code, {})
        for board in set(counted) | set(shares):
            gap = abs(counted[board] / total - float(shares.get(board, 0)))
            if gap > TOLERANCE:
                off.append((council.name, board, round(gap, 3)))
        checked += 1
    assert checked > 300
    assert off == []
