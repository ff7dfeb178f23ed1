"""Editors limited to their regions or ICSs: which suggestions they see and may decide."""

from django.db.models import Q

from .models import EditorScope


def scope_of(user):
    """(region ids, ICS ids) an editor is limited to, or None for the whole directory."""
    if user.is_superuser:
        return None
    scope = EditorScope.objects.filter(user=user).prefetch_related("regions", "systems").first()
    if scope is None:
        return None
    regions = {region.pk for region in scope.regions.all()}
    systems = {system.pk for system in scope.systems.all()}
    return (regions, systems) if regions or systems else None


def in_scope(user):
    """The condition on suggestions that `user` sees and decides (None: all of them)."""
    scope = scope_of(user)
    if scope is None:
        return None
    regions, systems = scope
    return Q(system__in=systems) | Q(region__in=regions) | Q(system__region__in=regions)


def may_decide(user, suggestion):
    scope = scope_of(user)
    if scope is None:
        return True
    regions, systems = scope
    system = suggestion.system
    return (
        suggestion.system_id in systems
        or suggestion.region_id in regions
        or (system is not None and system.region_id in regions)
    )
