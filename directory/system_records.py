"""What an ICS page shows, read once per data version and picked by date in Python.

An ICS page lists a score of kinds of record, each dated. Reading them costs far more than the
picking: `SystemRecords()` reads them for every ICS, kept in memory while the data does not
change (icsdir.pagecache.PerVersion); `SystemRecords(slug)` reads only one ICS's, wherever the
kept copy cannot be trusted. Both go through the same picking, in directory.pages.system_page.
"""

from django.db.models import Prefetch

from boards.models import BoardMembership
from icsdir.pagecache import PerVersion
from systems import models

from .local import grouped, local_partnerships


class SystemRecords:
    """Each ICS's row, and over time its board seats, council areas and partners, organisations,
    ICPs with their area ICPs, places and collaboratives with their members, trusts, sub-ICB
    locations, initiatives, clusters and successions."""

    def __init__(self, slug=None):
        # What the API writes of each ICS that does not change with the date, as it is first
        # asked for (api.serializers.SystemSerializer): it lives as long as these records.
        self.unchanging = {}
        systems = models.IntegratedCareSystem.objects.rows().with_successions()
        systems = systems.prefetch_related("sources", "board__sources")
        if slug is not None:
            systems = systems.filter(slug=slug)
        self.systems = {system.slug: system for system in systems}
        one = next(iter(self.systems.values()), None) if slug is not None else None
        if slug is not None and one is None:
            return  # no such ICS: nothing more to read
        self.local = local_partnerships(one)

        def of(queryset, path="board__system"):
            return queryset if one is None else queryset.filter(**{path: one})

        def by_board(queryset, path="board__system"):
            return grouped(of(queryset, path), lambda record: [record.board_id])

        self.by_board_code = {system.board.ods_code: system for system in self.systems.values()}
        # Each ICS by its ICB's ODS code and every ONS code it has had, in capitals (the API's
        # lookup by code); a code two ICSs have had names the first in their order.
        self.by_code = {}
        for system in self.systems.values():
            for code in [system.board.ods_code, *(c.ons_code for c in system.board.all_codes)]:
                self.by_code.setdefault(code.upper(), system)
        self.seats = by_board(
            BoardMembership.objects.select_related("person").prefetch_related("sources")
        )
        self.council_areas = by_board(
            models.LocalAuthorityArea.objects.select_related("local_authority").order_by(
                "local_authority__name"
            )
        )
        self.council_partners = by_board(models.LocalAuthorityPartner.objects.all())
        self.trust_partners = by_board(models.TrustPartner.objects.select_related("trust"))
        self.principal_trusts = grouped(
            of(models.NHSTrust.objects.order_by("name"), "principal_board__system"),
            lambda trust: [trust.principal_board_id] if trust.principal_board_id else [],
        )
        self.sub_icbs = by_board(
            models.SubICBMembership.objects.select_related("sub_icb").order_by("sub_icb__ods_code")
        )
        self.clusters = by_board(
            models.ClusterMembership.objects.select_related("cluster").prefetch_related(
                Prefetch(
                    "cluster__memberships",
                    queryset=models.ClusterMembership.objects.select_related("board__system"),
                )
            )
        )
        self.organisations = grouped(
            of(
                models.Organisation.objects.select_related("council").order_by("kind", "name"),
                "system",
            ),
            lambda organisation: [organisation.system_id] if organisation.system_id else [],
        )
        self.partnerships = grouped(
            of(
                models.IntegratedCarePartnership.objects.filter(parent=None).prefetch_related(
                    "area_partnerships"
                ),
                "system",
            ),
            lambda icp: [icp.system_id],
        )
        links = models.Initiative.systems.through.objects.filter(initiative__parent=None)
        links = of(links, "integratedcaresystem").select_related("initiative")
        self.initiatives = {
            system: [link.initiative for link in found]
            for system, found in grouped(
                links.order_by("initiative__name"), lambda link: [link.integratedcaresystem_id]
            ).items()
        }


_kept = PerVersion(SystemRecords)


def system_records(slug):
    """Records holding the ICS `slug` if there is one: the kept copy, or one ICS's read now."""
    return _kept.get() or SystemRecords(slug)


def kept_system_records():
    """The records of every ICS kept for the data version, or None where they cannot be used."""
    return _kept.get()
