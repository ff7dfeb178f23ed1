"""ICB boundaries for the web: WGS84, simplified, with the ODS and ONS codes of the ICB records.

The ONS files are "BSC" (super generalised, 200 m). Each set is simplified once more as a
coverage, so neighbouring ICBs keep sharing their edges, in British National Grid metres; the
2023 file is already in that grid and the 2026 one is brought into it first. Islands smaller
than a square kilometre are dropped. Coordinates are rounded to 4 decimal places (about 10 m).
"""

import json
from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, mapping, shape

from sources.fixtures import require

TOLERANCE_METRES = 250
SMALLEST_PART_SQUARE_METRES = 1_000_000
DECIMALS = 4
BNG, WGS84 = 27700, 4326


@dataclass(frozen=True)
class BoundarySet:
    file_name: str  # under fixtures/boundaries/
    source_file: str  # under data/
    source_slug: str  # in data/source_register.csv
    code_field: str
    name_field: str
    crs: int
    features: int
    title: str


SETS = (
    BoundarySet(
        "icb-2023.geojson",
        "sources/ICB_April_2023_EN_BSC.geojson",
        "ons-icb-boundaries-2023",
        "ICB23CD",
        "ICB23NM",
        BNG,
        42,
        "Integrated care boards, April 2023",
    ),
    BoundarySet(
        "icb-2026.geojson",
        "sources/ons-icb-april-2026-bsc.geojson",
        "ons-icb-boundaries-2026",
        "ICB26CD",
        "ICB26NM",
        WGS84,
        36,
        "Integrated care boards, April 2026",
    ),
)


def _reproject(geometry, source, target):
    transformer = Transformer.from_crs(source, target, always_xy=True)
    return shapely.transform(
        geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
    )


def _rounded(coordinates):
    if isinstance(coordinates[0], float):
        return [round(value, DECIMALS) for value in coordinates]
    return [_rounded(part) for part in coordinates]


def _without_specks(geometry):
    parts = list(shapely.get_parts(geometry))
    kept = [part for part in parts if part.area >= SMALLEST_PART_SQUARE_METRES]
    return MultiPolygon(kept or parts)


def grid_geometries(boundary_set, data):
    """The source file's features and their geometries in British National Grid metres."""
    features = data.json(boundary_set.source_file)["features"]
    require(
        len(features) == boundary_set.features,
        f"{boundary_set.source_file} has {len(features)} features, not {boundary_set.features}",
    )
    geometries = [shape(feature["geometry"]) for feature in features]
    if boundary_set.crs != BNG:
        geometries = [_reproject(g, boundary_set.crs, BNG) for g in geometries]
    return features, geometries


def locate(data, points):
    """{file name: the ONS code of the ICB holding each (easting, northing), or None}.

    Uses the source files as published (200 m generalised), not the simplified ones.
    """
    found = {}
    xy = np.array(points, dtype=float).reshape(-1, 2)
    for boundary_set in SETS:
        features, geometries = grid_geometries(boundary_set, data)
        codes = [None] * len(xy)
        for feature, geometry in zip(features, geometries, strict=True):
            inside = shapely.contains_xy(geometry, xy[:, 0], xy[:, 1])
            for index in np.flatnonzero(inside):
                codes[index] = feature["properties"][boundary_set.code_field]
        found[boundary_set.file_name] = codes
    return found


def build_set(boundary_set, data, ods_by_ons, register):
    """The GeoJSON text of one boundary set, each feature carrying the ICB's two codes."""
    features, geometries = grid_geometries(boundary_set, data)
    simplified = shapely.coverage_simplify(geometries, TOLERANCE_METRES)
    out = []
    for feature, geometry in zip(features, simplified, strict=True):
        ons_code = feature["properties"][boundary_set.code_field]
        ods_code = ods_by_ons.get(ons_code)
        require(ods_code, f"{boundary_set.source_file}: {ons_code} is not an ICB of that date")
        geometry = _reproject(_without_specks(geometry), BNG, WGS84)
        out.append(
            {
                "type": "Feature",
                "properties": {
                    "ods_code": ods_code,
                    "ons_code": ons_code,
                    "name": feature["properties"][boundary_set.name_field].strip(),
                },
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": _rounded(mapping(geometry)["coordinates"]),
                },
            }
        )
    out.sort(key=lambda feature: feature["properties"]["ods_code"])
    source_row = register[boundary_set.source_slug]
    collection = {
        "type": "FeatureCollection",
        "name": boundary_set.title,
        "source": f"{source_row['title']} ({source_row['publisher']}, {source_row['vintage']})",
        "licence": source_row["licence"],
        "simplification": (
            f"Simplified as a coverage to {TOLERANCE_METRES} m; parts under 1 km² dropped; "
            f"coordinates rounded to {DECIMALS} decimal places."
        ),
        "features": out,
    }
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def build(data):
    """{file name: GeoJSON text} for every boundary set."""
    register = {row["slug"]: row for row in data.csv("source_register.csv")}
    codes = {
        "icb-2023.geojson": {row["ICB23CD"]: row["ICB23CDH"] for row in data.sicbl_2023},
        "icb-2026.geojson": {row["ONS_ICB_CODE"]: row["ICB_CODE"] for row in data.icbs_2026},
    }
    return {
        f"boundaries/{s.file_name}": build_set(s, data, codes[s.file_name], register) for s in SETS
    }
