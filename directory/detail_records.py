"""Detail pages from records kept per data version: a council's, an NHS trust's, a place's or a
collaborative's and an initiative's page reads its record with what the page shows (a dozen
tables joined), which cost more than drawing the page. The records of every page of a kind are
read once per data version in each process (icsdir.pagecache.PerVersion) and each page picks by
date in Python; where the kept copy cannot be trusted, the one record is read the same way.
"""

from django.db.models import Prefetch

from icsdir.pagecache import KeptRecords
from systems import models

from . import local


def _councils():
    """Each council with, over time, its areas in ICBs (with their ICS and region), the ICBs
    naming it as a partner, the places and collaboratives covering it (with their members), its
    predecessors and its sources."""
    return models.LocalAuthority.objects.select_related("successor").prefetch_related(
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


def _trusts():
    """Each NHS trust with its principal ICB (and that ICB's successors), the ICBs naming it as
    a partner and those whose boundary held its headquarters over time, its collaboratives (with
    their members) and its sources."""
    return models.NHSTrust.objects.select_related("principal_board__system").prefetch_related(
        "sources",
        Prefetch(
            "principal_board__successions_out",
            queryset=models.Succession.objects.select_related("successor__system"),
        ),
        Prefetch(
            "partnerships",
            queryset=models.TrustPartner.objects.select_related("board__system").order_by(
                "board__legal_name", "start_date", "pk"
            ),
        ),
        Prefetch(
            "locations",
            queryset=models.TrustLocation.objects.select_related("board__system").order_by(
                "start_date", "pk"
            ),
        ),
        Prefetch("local_partnerships", queryset=models.LocalPartnership.objects.with_members()),
    )


def local_partnership_records():
    """Each place-based partnership and provider collaborative with its members, reports, ICSs
    over time and sources (their pages and the API's answers)."""
    return models.LocalPartnership.objects.with_members().with_history().prefetch_related("sources")


def _initiatives():
    return models.Initiative.objects.select_related("parent", "region").prefetch_related(
        "systems", "organisations", "sources", "parts__organisations"
    )


COUNCILS = KeptRecords(_councils, "slug")
TRUSTS = KeptRecords(_trusts, "ods_code")
LOCAL_PARTNERSHIPS = KeptRecords(local_partnership_records, "slug")
INITIATIVES = KeptRecords(_initiatives, "slug")


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
