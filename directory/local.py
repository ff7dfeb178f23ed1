"""Who to contact around a place: an ICB's reported leaders and contacts, its ICP, VCSE
alliances, the councils' Healthwatch, places and collaboratives, as on a date. Postcode and
council pages open with it, and the postcode API answers with it."""

from django.db.models import Q

from icsdir.pagecache import PerVersion
from systems import models
from systems.querysets import prefetched

from .reports import map_changed_by, not_known, reported_on


class LocalRecords:
    """What local_system() picks from on any date, in force or not: the ICBs' contact reports,
    strategic ICPs, VCSE alliances and Healthwatch, places and collaboratives with their ICSs
    over time (and, with `members`, their members and reports).

    `LocalRecords()` reads them all, for the copy kept in memory while the data does not change;
    `LocalRecords(system, councils)` only those of one ICS and its councils.
    """

    def __init__(self, system=None, councils=(), members=True):
        contacts = models.BoardContact.objects.all()
        icps = models.IntegratedCarePartnership.objects.filter(parent=None)
        organisations = models.Organisation.objects.filter(
            kind__in=("vcse_alliance", "healthwatch")
        ).select_related("council")
        if system is not None:
            contacts = contacts.filter(board__system=system)
            icps = icps.filter(system=system)
            organisations = organisations.filter(
                Q(system=system, kind="vcse_alliance")
                | Q(council__in=councils, kind="healthwatch")
                | Q(system=system, council=None, kind="healthwatch")
            )
        self.contacts = grouped(contacts, lambda contact: [contact.board_id])
        self.icps = grouped(icps, lambda icp: [icp.system_id])
        self.vcse = grouped(
            organisations, lambda o: [o.system_id] if o.kind == "vcse_alliance" else []
        )
        self.healthwatch = grouped(
            organisations,
            lambda o: [o.council_id] if o.kind == "healthwatch" and o.council_id else [],
        )
        # A Healthwatch network of a whole ICS belongs to no council.
        self.networks = grouped(
            organisations,
            lambda o: [o.system_id] if o.kind == "healthwatch" and not o.council_id else [],
        )
        self.local = local_partnerships(system, members)


def grouped(records, keys):
    """{key: [records]}, each record under each of its keys, in the records' order."""
    groups = {}
    for record in records:
        for key in keys(record):
            groups.setdefault(key, []).append(record)
    return groups


_local_records = PerVersion(LocalRecords)


def local_system(board, councils, when, members=True):
    """Who to contact about `board`'s area and `councils` (with each place's and collaborative's
    members for a page: `members`), and what no source gives of it (`not_known`)."""
    system = board.system
    records = _local_records.get() or LocalRecords(system, councils, members)
    map_changed = map_changed_by(when)
    local = local_on(records, system, when)
    contacts = reported_on(records.contacts.get(board.pk, ()), when, map_changed)
    partnerships = those_on(records.icps.get(system.pk, ()), when)
    vcse = those_on(records.vcse.get(system.pk, ()), when)
    healthwatch = those_on(
        [org for council in councils for org in records.healthwatch.get(council.pk, ())]
        + records.networks.get(system.pk, []),
        when,
    )
    return {
        "system": system,
        "contacts": contacts,
        "not_known": not_known(
            contacts,
            partnerships,
            vcse,
            [org for org in healthwatch if org.council_id],
            healthwatch_label="Local Healthwatch",
        ),
        "map_changed": map_changed,
        "partnerships": partnerships,
        "vcse": vcse,
        "healthwatch": healthwatch,
        "places": [
            body
            for body in local
            if body.kind == "place" and any(c in councils for c in prefetched(body, "councils"))
        ],
        "collaboratives": [body for body in local if body.kind == "collaborative"],
    }


def local_partnerships(system=None, members=True):
    """Places and collaboratives by the ICSs they ever worked in (or only `system`'s), by name,
    with their ICSs over time and (`members`) their members and reports."""
    local = models.LocalPartnership.objects.prefetch_related("system_links")
    local = local.with_members() if members else local.prefetch_related("councils")
    if system is not None:
        local = local.filter(system_links__system=system).distinct()
    return grouped(
        local.order_by("name", "pk"),
        lambda body: {link.system_id for link in body.system_links.all()},
    )


def local_on(records, system, when):
    """The places and collaboratives working in `system` on `when`, by name."""
    return [
        body
        for body in records.local.get(system.pk, ())
        if body.in_force_on(when)
        and any(
            link.system_id == system.pk and link.in_force_on(when)
            for link in prefetched(body, "system_links")
        )
    ]


def those_on(records, when):
    """Those of `records` in force on `when`."""
    return [record for record in records if record.in_force_on(when)]
