"""Figures and reports as at a date: a count taken, or a fact a page reported, on one day.

Neither is a dated span. A view of a date shows the latest one taken or reported on or before
that date and says when; a later one is never shown as if it had been true earlier.
"""

from dataclasses import dataclass, field

from icsdir.pagecache import PerVersion
from systems.models import BoardContact, Succession


@dataclass
class Figure:
    """The count in force on a date, or the first one taken after it."""

    value: object = None  # the RegisteredPatients row, or None
    later: object = None  # the earliest later row when there is none on or before the date


def figure_on(series, when):
    """`series`: rows with `extract_date`, in any order."""
    earlier = [row for row in series if row.extract_date <= when]
    if earlier:
        return Figure(value=max(earlier, key=lambda row: row.extract_date))
    later = [row for row in series if row.extract_date > when]
    return Figure(later=min(later, key=lambda row: row.extract_date) if later else None)


@dataclass
class Reported:
    """What the sources reported of one kind of contact, seen from a date."""

    kind: str
    label: str
    latest: list = field(
        default_factory=list
    )  # the reports of the latest date (several: they differ)
    later: object = None  # the first report after the date, when none came before it
    undated: list = field(default_factory=list)
    before_change: bool = False  # the latest report predates a change of the map before the date

    @property
    def disagree(self):
        return len({report.value for report in self.latest}) > 1


KIND_LABELS = dict(BoardContact.Kind.choices)  # read once: an enum's choices are made per call


def reported_on(contacts, when, map_changed=None):
    """One Reported per kind of contact, in the order of BoardContact.Kind.

    `map_changed`: the day the map last changed on or before `when` (reports before it are
    flagged as possibly out of date).
    """
    by_kind = {kind: [] for kind in KIND_LABELS}
    for contact in contacts:
        by_kind[contact.kind].append(contact)
    summary = []
    for kind, reports in by_kind.items():
        item = Reported(kind, KIND_LABELS[kind])
        summary.append(item)
        newest, latest = None, []  # in one pass: a list of ICSs asks this of every ICB
        for report in reports:
            day = report.reported_on
            if day is None:
                item.undated.append(report)
            elif day <= when:
                if newest is None or day > newest:
                    newest, latest = day, [report]
                elif day == newest:
                    latest.append(report)
            elif item.later is None or day < item.later.reported_on:
                item.later = report
        if newest is not None:
            item.latest = sorted({r.value: r for r in latest}.values(), key=lambda r: r.value)
            item.before_change = bool(map_changed and newest < map_changed)
            item.later = None
    return summary


def not_known(
    contacts,
    partnerships,
    vcse,
    healthwatch,
    board=None,
    local=(),
    healthwatch_label="Healthwatch in its area",
):
    """What a reader would look for about an ICS that no source gives on the date, each with
    the field a suggestion of it would correct ('' for something else).

    `board`: (members recorded, the statutory minimum) when no member is recorded; `local`:
    the kinds of local partnership (labels) of which none is recorded.
    """
    gaps = []
    for item in contacts:
        if not item.latest:
            hint = ""
            if item.later:
                hint = f"the first report is of {item.later.reported}, after this date"
            elif item.undated:
                hint = "only undated reports, kept in the sources"
            gaps.append({"label": item.label, "field": f"contact:{item.kind}", "hint": hint})
    if not any(icp.name_verified for icp in partnerships):
        gaps.append({"label": "The name of its integrated care partnership", "field": ""})
    if not vcse:
        gaps.append({"label": "Its VCSE alliance", "field": ""})
    if not healthwatch:
        gaps.append({"label": healthwatch_label, "field": ""})
    if board:
        members, minimum = board
        hint = f"{members} of at least {minimum} the law requires: not published centrally"
        gaps.append({"label": "Its board members", "field": "", "hint": hint})
    for label in local:
        gaps.append({"label": label, "field": "", "hint": "no public list of them exists"})
    return gaps


def _map_changes():
    days = Succession.objects.order_by().values_list("effective_on", flat=True)
    return sorted(days.distinct())


_map_changes_kept = PerVersion(_map_changes)


def map_changed_by(when):
    """The day the map of ICBs last changed on or before `when`, if it ever did."""
    return max((day for day in _map_changes_kept.value() if day <= when), default=None)


def _all_successions():
    """Every succession in its order (date, then the ICBs' names), with the ICSs at either end
    and the sources."""
    return list(
        Succession.objects.select_related(
            "predecessor__system", "successor__system"
        ).prefetch_related("sources")
    )


_successions_kept = PerVersion(_all_successions)


def successions():
    """Every succession, as kept for the data version (read afresh where it cannot be)."""
    return _successions_kept.value()
