"""Editors limited to regions or ICSs (EditorScope): which records are in their area.

Each model of the directory names its paths to the ICS a record belongs to in SCOPE_PATHS
("board__system"; "" for an ICS itself; "region:<path>" for a path to a region). A record is in
an editor's area when one of its paths leads to one of the editor's ICSs, or to an ICS (or a
region) of one of the editor's regions. A model with no path (national records) is in no area.
"""

from django.db.models import Q

from .models import EditorScope


def scope_of(user):
    """(region ids, ICS ids) of the area an editor is limited to, or None for the whole
    directory (superusers, and editors with no area or an empty one)."""
    if user.is_superuser:
        return None
    if not hasattr(user, "_editor_area"):
        area = EditorScope.objects.filter(user=user).prefetch_related("regions", "systems").first()
        regions = {region.pk for region in area.regions.all()} if area else set()
        systems = {system.pk for system in area.systems.all()} if area else set()
        user._editor_area = (regions, systems) if regions or systems else None
    return user._editor_area


def condition(model, area):
    """The records of `model` in `area` ((region ids, ICS ids)), as a query condition."""
    regions, systems = area
    found = Q(pk__in=[])
    for path in getattr(model, "SCOPE_PATHS", ()):
        if path.startswith("region:"):
            region = path.removeprefix("region:") or "pk"
            found |= Q(**{f"{region}__in": regions})
            continue
        prefix = f"{path}__" if path else ""
        found |= Q(**{f"{path or 'pk'}__in": systems}) | Q(**{f"{prefix}region__in": regions})
    return found


def in_area(user, record):
    """Whether `user` may change `record`: always without an area, else if it lies in it."""
    area = scope_of(user)
    if area is None:
        return True
    model = type(record)
    return model._default_manager.filter(condition(model, area), pk=record.pk).exists()


def all_in_area(user, queryset):
    area = scope_of(user)
    if area is None:
        return True
    outside = queryset.exclude(pk__in=queryset.filter(condition(queryset.model, area)).values("pk"))
    return not outside.exists()
