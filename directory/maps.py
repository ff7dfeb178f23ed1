"""Maps of ICB areas drawn on the server as SVG paths: no tiles, no scripts.

A map frames some ICBs (a region's, or one system's), shades the ones it is about and draws
the neighbours in the frame in grey. Longitude is scaled by the cosine of England's middle
latitude, which keeps the shapes true enough at this size.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.utils.html import format_html_join

from .boundaries import BY_SLUG

WIDTH = 1000  # SVG user units across the frame
MIN_STEP = 1.5  # drop points closer than this to the last one drawn
PADDING = 0.06
MAX_ASPECT = 1.2  # height / width: very tall frames are widened instead
COS_MIDDLE = math.cos(math.radians(52.5))


@dataclass(frozen=True)
class Area:
    ods_code: str
    name: str
    path: str
    focus: bool


@dataclass(frozen=True)
class Map:
    view_box: str
    areas: tuple
    boundary_set: object
    origin: tuple = (0, 0, 1)  # left, top and scale of the frame, to place points

    @cached_property
    def svg_paths(self):
        """The areas as SVG paths, written once per map (draw() keeps the maps it draws)."""
        return format_html_join(
            "\n",
            '<path class="app-map__area{}" d="{}" />',
            ((" app-map__area--focus" if area.focus else "", area.path) for area in self.areas),
        )

    def point(self, longitude, latitude):
        """(x, y) of a position in the map's units."""
        left, top, scale = self.origin
        x, y = _project(longitude, latitude)
        return round((x - left) * scale, 1), round((y - top) * scale, 1)


def _project(lon, lat):
    return lon * COS_MIDDLE, -lat


@lru_cache(maxsize=4)
def _projected(slug):
    """{ODS code: (name, [rings of projected points], bounding box)} for one boundary set."""
    shapes = {}
    for ods_code, (name, polygons) in BY_SLUG[slug].features.items():
        rings = [
            [_project(lon, lat) for lon, lat in ring] for polygon in polygons for ring in polygon
        ]
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        shapes[ods_code] = (name, rings, (min(xs), min(ys), max(xs), max(ys)))
    return shapes


@lru_cache(maxsize=4)
def borders(slug):
    """{ODS code: the ODS codes of the ICBs it shares an edge with} for one boundary set.

    The sets are simplified as a coverage (systems.build.boundaries), so neighbours share the
    vertices of their common edge exactly; two shared vertices make an edge, one is a corner.
    """
    features = BY_SLUG[slug].features
    owners = defaultdict(set)
    for code, (_, polygons) in features.items():
        for polygon in polygons:
            for ring in polygon:
                for lon, lat in ring:
                    owners[lon, lat].add(code)
    shared = defaultdict(Counter)
    for codes in owners.values():
        for code in codes:
            shared[code].update(codes - {code})
    return {
        code: frozenset(other for other, count in shared[code].items() if count >= 2)
        for code in features
    }


def _frame(boxes):
    left = min(box[0] for box in boxes)
    top = min(box[1] for box in boxes)
    right = max(box[2] for box in boxes)
    bottom = max(box[3] for box in boxes)
    width, height = right - left, bottom - top
    if height > width * MAX_ASPECT:
        grow = (height / MAX_ASPECT - width) / 2
        left, right = left - grow, right + grow
        width = right - left
    pad = max(width, height) * PADDING
    return left - pad, top - pad, right + pad, bottom + pad


def _path(rings, left, top, scale):
    commands = []
    for ring in rings:
        points, last = [], None
        for x, y in ring:
            point = ((x - left) * scale, (y - top) * scale)
            if last is None or math.dist(point, last) >= MIN_STEP:
                points.append(point)
                last = point
        if len(points) >= 3:
            commands.append(
                "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points).replace(".0 ", " ") + "Z"
            )
    return "".join(commands)


def _overlaps(box, frame):
    return box[0] <= frame[2] and box[2] >= frame[0] and box[1] <= frame[3] and box[3] >= frame[1]


@lru_cache(maxsize=256)
def draw(slug, focus):
    """The map of boundary set `slug` framed on the ICBs `focus` (a tuple of ODS codes).

    None when none of them is in the set.
    """
    shapes = _projected(slug)
    focus = [code for code in focus if code in shapes]
    if not focus:
        return None
    frame = _frame([shapes[code][2] for code in focus])
    left, top, right, bottom = frame
    scale = WIDTH / (right - left)
    areas = [
        Area(code, name, _path(rings, left, top, scale), code in focus)
        for code, (name, rings, box) in shapes.items()
        if _overlaps(box, frame)
    ]
    areas.sort(key=lambda area: area.focus)  # shaded areas last, so on top
    height = (bottom - top) * scale
    return Map(f"0 0 {WIDTH} {height:.0f}", tuple(areas), BY_SLUG[slug], (left, top, scale))
