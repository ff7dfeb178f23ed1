"""The ICB boundary sets the site serves and draws its maps from (built into fixtures/boundaries).

Each set covers the ICBs of a period; a feature's `ods_code` is the ICB record's ODS code.
"""

import gzip
import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.conf import settings

from sources.licence import OGL, OS_ATTRIBUTION


@dataclass(frozen=True)
class BoundarySet:
    slug: str
    title: str
    starts: date  # inclusive
    ends: date | None  # exclusive
    source_slug: str

    attribution = OS_ATTRIBUTION
    licence = OGL["name"]

    @property
    def path(self):
        return settings.FIXTURE_DIR / "boundaries" / f"{self.slug}.geojson"

    def covers(self, when):
        return self.starts <= when and (self.ends is None or when < self.ends)

    @cached_property
    def content(self):
        return self.path.read_bytes()

    @cached_property
    def gzipped(self):
        """The file gzip-compressed, once per process (mtime 0: the same bytes every time)."""
        return gzip.compress(self.content, compresslevel=9, mtime=0)

    @cached_property
    def features(self):
        """{ICB ODS code: (name, [polygons of rings of (lon, lat)])}"""
        collection = json.loads(self.content)
        return {
            feature["properties"]["ods_code"]: (
                feature["properties"]["name"],
                feature["geometry"]["coordinates"],
            )
            for feature in collection["features"]
        }


# ONS codes (and boundaries) of Surrey Heartlands and Sussex changed on 1 April 2023, so the
# April 2023 set is not claimed for the nine months before it.
SETS = (
    BoundarySet(
        "icb-2023",
        "Integrated care boards, April 2023 to March 2026 (42)",
        date(2023, 4, 1),
        date(2026, 4, 1),
        "ons-icb-boundaries-2023",
    ),
    BoundarySet(
        "icb-2026",
        "Integrated care boards from April 2026 (36)",
        date(2026, 4, 1),
        None,
        "ons-icb-boundaries-2026",
    ),
)
BY_SLUG = {boundary_set.slug: boundary_set for boundary_set in SETS}


def boundaries_on(when):
    """The boundary set in force on `when`, or None before the first."""
    return next((s for s in SETS if s.covers(when)), None)
