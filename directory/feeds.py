"""Atom feeds of what changed: the whole directory, each region and each ICS.

Built from the change history: every change an editor made (accepted suggestions included),
with what changed, when, under which reason and from which sources; and the successions of
ICBs, on the day each took effect. Fixture loads are not news: they are left out.
"""

from dataclasses import dataclass
from datetime import datetime, time
from functools import cache

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from icsdir.pagecache import PerVersion
from sources.admin import sourced_models
from systems import models
from systems.scopes import condition

from . import reports

MAX_ENTRIES = 50


@dataclass(frozen=True)
class Change:
    key: str
    title: str
    description: str
    when: datetime
    link: str


def changes(area=None):
    """The newest changes of the directory, or of `area` ((region ids, ICS ids))."""
    edits = sorted(_edits(area), key=lambda edit: edit[1].history_date, reverse=True)
    found = [_edit(model, entry) for model, entry in edits[:MAX_ENTRIES]]
    found += _successions(area)
    return sorted(found, key=lambda change: change.when, reverse=True)[:MAX_ENTRIES]


@cache
def _history(model):
    """A model's history table (the `history` descriptor builds a new manager class on each
    use, which costs more than the query)."""
    return model.history.model._default_manager


def _edited_models():
    """The models an editor has changed: most never are (fixture loads are not edits)."""
    return [
        model
        for model in sourced_models()
        if _history(model).filter(history_user__isnull=False).exists()
    ]


_edited = PerVersion(_edited_models)


def _edits(area):
    """(model, history entry) of the newest editors' changes of each model."""
    edited = _edited.get()
    for model in sourced_models() if edited is None else edited:
        entries = _history(model).filter(history_user__isnull=False)
        if area is not None:
            inside = model._default_manager.filter(condition(model, area)).values("pk")
            entries = entries.filter(id__in=inside)
        for entry in entries.order_by("-history_date")[:MAX_ENTRIES]:
            yield model, entry


def _edit(model, entry):
    verb = {"+": "Added", "~": "Changed", "-": "Removed"}[entry.history_type]
    record = entry.instance
    previous = entry.prev_record
    lines = []
    if previous is not None and entry.history_type == "~":
        for change in entry.diff_against(previous).changes:
            lines.append(f"{change.field}: from “{change.old}” to “{change.new}”")
    if entry.history_change_reason:
        lines.append(f"Why: {entry.history_change_reason}")
    sources = [link.source.title for link in entry.sources.select_related("source")]
    if sources:
        lines.append("Sources: " + "; ".join(sources))
    page = getattr(record, "get_absolute_url", None)
    return Change(
        key=f"{model._meta.label_lower}/{entry.history_id}",
        title=f"{verb}: {record} ({model._meta.verbose_name})",
        description="\n".join(lines) or verb,
        when=entry.history_date,
        link=page() if page and entry.history_type != "-" else reverse("directory:changes"),
    )


def in_area(succession, area):
    """Whether an ICS at either end of `succession`, or its region, is in `area` (as
    systems.scopes.condition(Succession, area) finds them)."""
    regions, systems = area
    ends = (succession.predecessor.system, succession.successor.system)
    return any(system.pk in systems or system.region_id in regions for system in ends)


def _successions(area):
    # A few dozen, newest first (a stable sort: those of a day stay in their order).
    successions = sorted(reports.successions(), key=lambda s: s.effective_on, reverse=True)
    if area is not None:
        successions = [succession for succession in successions if in_area(succession, area)]
    found = []
    for succession in successions[:MAX_ENTRIES]:
        sources = "; ".join(source.title for source in succession.sources.all())
        found.append(
            Change(
                key=f"succession/{succession.pk}",
                title=f"{succession.predecessor.system} to {succession.successor.system}: "
                f"{succession.kind}",
                description=f"{succession.what_moved}\nSources: {sources}".strip(),
                when=timezone.make_aware(datetime.combine(succession.effective_on, time())),
                link=reverse("directory:changes"),
            )
        )
    return found


class DirectoryFeed(Feed):
    feed_type = Atom1Feed
    title = "ICS Directory: what changed"
    subtitle = "Editors' changes to England's integrated care systems, and their successions."

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The feed is written in a hundred small pieces; sent as they were, each piece was a
        # system call and a packet of its own, which took nearly as long as making the feed.
        response.content = response.content
        return response

    def link(self):
        return reverse("directory:changes")

    def items(self, obj=None):
        return changes(self.area(obj))

    def area(self, obj):
        return None

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.key

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item.when

    def item_pubdate(self, item):
        return item.when


class AreaFeed(DirectoryFeed):
    """The changes of one region or ICS, found by its slug."""

    model = page = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, body):
        return f"ICS Directory: what changed in {body.name}"

    def link(self, body):
        return reverse(self.page, args=[body.slug])


class RegionFeed(AreaFeed):
    model, page = models.Region, "directory:region"

    def area(self, region):
        return ({region.pk}, set())


class SystemFeed(AreaFeed):
    model, page = models.IntegratedCareSystem, "directory:system"

    def area(self, system):
        return (set(), {system.pk})
