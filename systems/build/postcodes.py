"""The postcode lookup: every live postcode in Great Britain, compact, from OS Code-Point Open.

For each English postcode it keeps what the directory derives from the public files: the
district and county (ONS codes), its position (longitude and latitude to 0.00001 degrees), the
sub-ICB location holding it on the April 2023 boundaries, and the ICB holding it on the 2023 and
the 2026 boundaries (ONS's generalised files as published, tested in grid metres). The directory
answers by the district's dated ICB wherever a district lies in one ICB on a date, and by these
boundary answers only where a district is divided (systems.postcodes). A position outside every
polygon of a generalised file (the coast) takes the nearest one. Other GB postcodes keep only
their country.

The file is an xz stream, the same byte for byte on every build: one JSON header line with the
code lists and counts, then columns, each in postcode order: the English keys (7 bytes: the
postcode without its space, padded), districts (16-bit indexes into the header's list), counties,
sub-ICB locations, ICBs of 2023 and of 2026 (a byte each), longitudes and latitudes (0.00001
degrees, as 32-bit differences from the previous postcode's); then the other keys and their
countries. Little-endian throughout.
"""

import json
import lzma
import zipfile
from array import array
from io import TextIOWrapper

import numpy as np
import shapely
from pyproj import Transformer

from sources.fixtures import require
from systems.postcodes import DEGREE_UNITS, KEY, NONE, PATH

from . import boundaries
from .boundaries import BNG, WGS84
from .codepoint import FILE

VERSION = 1
COUNTRIES = {"E92000001": "England", "S92000003": "Scotland", "W92000004": "Wales"}
SUB_ICB_FILE = "sources/SubICB_April_2023_EN_BSC.geojson"


def key(postcode):
    return postcode.replace(" ", "").upper().ljust(KEY).encode("ascii")


def _rows(path):
    """(key, easting, northing, country, county, district) of every postcode in the archive."""
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if name.startswith("Data/CSV/") and name.endswith(".csv"):
                with archive.open(name) as raw:
                    for line in TextIOWrapper(raw, encoding="utf-8"):
                        cells = [cell.strip('"') for cell in line.rstrip("\r\n").split(",")]
                        yield key(cells[0]), int(cells[2]), int(cells[3]), *cells[4:5], *cells[7:9]


def _holding(features_and_geometries, code_of, xy):
    """The index (into the sorted codes) of the polygon holding each point, nearest if none."""
    features, geometries = features_and_geometries
    codes = sorted(code_of(feature) for feature in features)
    found = np.full(len(xy), NONE, dtype=np.int16)
    for feature, geometry in zip(features, geometries, strict=True):
        left, bottom, right, top = geometry.bounds
        near = np.flatnonzero(
            (xy[:, 0] >= left) & (xy[:, 0] <= right) & (xy[:, 1] >= bottom) & (xy[:, 1] <= top)
        )
        inside = shapely.contains_xy(geometry, xy[near, 0], xy[near, 1])
        found[near[inside]] = codes.index(code_of(feature))
    outside = np.flatnonzero(found == NONE)
    if len(outside):
        tree = shapely.STRtree(geometries)
        nearest = tree.query_nearest(shapely.points(xy[outside]), return_distance=False)[1]
        order = [codes.index(code_of(feature)) for feature in features]
        found[outside] = np.array(order)[nearest]
    return codes, found


def build(data):
    """{PATH: the file's bytes}."""
    english, elsewhere = [], []
    for row_key, easting, northing, country, county, district in _rows(data.files.path(FILE)):
        require(country in COUNTRIES, f"{FILE}: {row_key!r} has an unknown country {country}")
        if country == "E92000001":
            english.append((row_key, easting, northing, county, district))
        else:
            elsewhere.append((row_key, country))
    english.sort()
    elsewhere.sort()
    xy = np.array([(row[1], row[2]) for row in english], dtype=float)
    sub_icb_ods = {row["SICBL23CD"]: row["SICBL23CDH"] for row in data.sicbl_2023}
    sub_icb_features = data.json(SUB_ICB_FILE)["features"]
    sub_icbs, sub_icb_of = _holding(
        (sub_icb_features, [shapely.geometry.shape(f["geometry"]) for f in sub_icb_features]),
        lambda feature: sub_icb_ods[feature["properties"]["SICBL23CD"]],
        xy,
    )
    ods_by_ons = {
        "icb-2023.geojson": {row["ICB23CD"]: row["ICB23CDH"] for row in data.sicbl_2023},
        "icb-2026.geojson": {row["ONS_ICB_CODE"]: row["ICB_CODE"] for row in data.icbs_2026},
    }
    icbs = {}
    for boundary_set in boundaries.SETS:
        codes = ods_by_ons[boundary_set.file_name]
        icbs[boundary_set.file_name] = _holding(
            boundaries.grid_geometries(boundary_set, data),
            lambda feature, b=boundary_set, c=codes: c[feature["properties"][b.code_field]],
            xy,
        )
    lon, lat = Transformer.from_crs(BNG, WGS84, always_xy=True).transform(xy[:, 0], xy[:, 1])
    longitudes = [int(v) for v in np.rint(lon * DEGREE_UNITS)]
    latitudes = [int(v) for v in np.rint(lat * DEGREE_UNITS)]
    districts = sorted({row[4] for row in english})
    counties = sorted({row[3] for row in english} - {""})
    require(len(counties) < NONE and len(sub_icbs) < NONE, "too many codes for one byte")
    district_index = {code: i for i, code in enumerate(districts)}
    county_index = {code: i for i, code in enumerate(counties)}
    icbs_2023, in_2023 = icbs["icb-2023.geojson"]
    icbs_2026, in_2026 = icbs["icb-2026.geojson"]
    countries = sorted(COUNTRIES)
    header = {
        "version": VERSION,
        "source": "OS Code-Point Open 2025.2 (PROVENANCE §18); ONS boundaries of 2023 and 2026",
        "districts": districts,
        "counties": counties,
        "sub_icbs_2023": sub_icbs,
        "icbs_2023": icbs_2023,
        "icbs_2026": icbs_2026,
        "countries": [COUNTRIES[code] for code in countries],
        "english": len(english),
        "elsewhere": len(elsewhere),
    }
    columns = [
        b"".join(row[0] for row in english),
        array("H", [district_index[row[4]] for row in english]).tobytes(),
        bytes(county_index.get(row[3], NONE) for row in english),
        sub_icb_of.astype(np.uint8).tobytes(),
        in_2023.astype(np.uint8).tobytes(),
        in_2026.astype(np.uint8).tobytes(),
        _deltas(longitudes),
        _deltas(latitudes),
        b"".join(row[0] for row in elsewhere),
        bytes(countries.index(row[1]) for row in elsewhere),
    ]
    content = json.dumps(header, separators=(",", ":")).encode() + b"\n" + b"".join(columns)
    return {PATH: lzma.compress(content, preset=9)}


def _deltas(values):
    """Each value less the one before (neighbouring postcodes lie close: small numbers, which
    compress well), as 32-bit integers."""
    values = list(values)
    return array("i", [b - a for a, b in zip([0, *values], values, strict=False)]).tobytes()
