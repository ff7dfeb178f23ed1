"""The editors' work list ("Needs attention" in the admin): readers' suggestions waiting, then
the gaps `data_gaps` counts with the records behind each, then records whose sources need a
look; each limited to the editor's area and to the records they may view."""

from dataclasses import dataclass
from datetime import date

from django.contrib import admin
from django.urls import reverse

from sources.admin import needs_attention, sourced_models
from sources.models import STALE_AFTER
from systems.scopes import condition, scope_of

from .gaps import data_gaps
from .models import Suggestion
from .scopes import in_scope

SHOWN = 50  # records listed under each heading; the count says how many there are


@dataclass
class Section:
    title: str
    count: int  # in the editor's area
    of: int | None  # for a gap, to an unscoped editor: how many records it was looked among
    rows: list  # (record, its admin page), the first SHOWN of them


def _viewable(user, model):
    opts = model._meta
    return admin.site.is_registered(model) and user.has_perm(
        f"{opts.app_label}.view_{opts.model_name}"
    )


def _section(area, title, queryset, of=None, count=None):
    """The section of `queryset`'s records in the area, or None when there are none; `count`:
    how many there are, when already known for the whole directory."""
    if area is not None:
        queryset = queryset.filter(condition(queryset.model, area))
        count = None
    queryset = queryset.distinct()
    if count is None:
        count = queryset.count()
    if not count:
        return None
    opts = queryset.model._meta
    change = f"admin:{opts.app_label}_{opts.model_name}_change"
    rows = [(record, reverse(change, args=[record.pk])) for record in queryset[:SHOWN]]
    return Section(title, count, of, rows)


def suggestions_waiting(user):
    waiting = Suggestion.objects.filter(status=Suggestion.Status.NEW)
    scope = in_scope(user)
    if scope is not None:
        waiting = waiting.filter(scope)
    return waiting.count()


def gap_sections(user, when):
    """One section per gap in the data with records in the editor's area."""
    area = scope_of(user)
    sections = []
    for gap in data_gaps(when):
        if gap.missing and _viewable(user, gap.records.model):
            of = gap.of if area is None else None
            sections.append(_section(area, gap.what, gap.records, of, count=gap.missing))
    return [section for section in sections if section]


def check_sections(user, when):
    """Records with no source, an unverified name, or not checked for six months."""
    area = scope_of(user)
    stale_before = when - STALE_AFTER
    sections = []
    for model in sourced_models():
        if not _viewable(user, model):
            continue
        plural = str(model._meta.verbose_name_plural)
        for problem, queryset in needs_attention(model, stale_before):
            title = f"{plural[:1].upper()}{plural[1:]}: {problem.lower()}"
            sections.append(_section(area, title, queryset))
    return [section for section in sections if section]


def work_list(user, when=None):
    when = when or date.today()
    return {
        "waiting": suggestions_waiting(user),
        "gaps": gap_sections(user, when),
        "checks": check_sections(user, when),
        "stale_before": when - STALE_AFTER,
        "scoped": scope_of(user) is not None,
    }
