"""What a council page shows, read once per data version and picked by date in Python, as ICS
pages are (directory.system_records): `CouncilRecords()` reads every council's, kept in memory
while the data does not change; `CouncilRecords(slug)` reads one council's, wherever the kept
copy cannot be trusted. Both go through the same picking, in council_page().
"""

from django.db.models import Prefetch

from icsdir.pagecache import PerVersion
from systems import models

from . import local


class CouncilRecords:
    """Each council with, over time, its areas in ICBs (with their ICS and region), the ICBs
    naming it as a partner, the places and collaboratives covering it (with their members), its
    predecessors and its sources."""

    def __init__(self, slug=None):
        councils = models.LocalAuthority.objects.select_related("successor").prefetch_related(
            "sources",
            Prefetch(
                "areas",
                queryset=models.LocalAuthorityArea.objects.select_related(
                    "board__system__region"
                ).order_by("start_date", "board__legal_name", "pk"),
            ),
            Prefetch(
                "partnerships",
                queryset=models.LocalAuthorityPartner.objects.select_related("board").order_by(
                    "board__legal_name", "start_date", "pk"
                ),
            ),
            Prefetch("local_partnerships", queryset=models.LocalPartnership.objects.with_members()),
            Prefetch("predecessors", queryset=models.LocalAuthority.objects.order_by("name")),
        )
        if slug is not None:
            councils = councils.filter(slug=slug)
        self.councils = {council.slug: council for council in councils}


_kept = PerVersion(CouncilRecords)


def council_records(slug):
    """Records holding the council `slug` if there is one: the kept copy, or one council's."""
    return _kept.get() or CouncilRecords(slug)


def council_page(council, when):
    """What the council page shows on `when`, picked from the council's records."""
    areas_all = list(council.areas.all())
    areas_now = local.those_on(areas_all, when)
    return {
        "areas_all": areas_all,
        "areas_now": areas_now,
        "split": len(areas_now) > 1,
        # Who to contact, for each ICB the council lies in on the date (two for a split one).
        "local_systems": [
            local.local_system(area.board, [council], when, members=False) for area in areas_now
        ],
        "partner_of": list(council.partnerships.all()),
        "places": local.those_on(council.local_partnerships.all(), when),
        "predecessors": list(council.predecessors.all()),
    }
