"""Which suggestions an editor limited to regions or ICSs sees and may decide."""

from django.db.models import Q

from systems.scopes import scope_of


def in_scope(user):
    """The condition on suggestions that `user` sees and decides (None: all of them)."""
    area = scope_of(user)
    if area is None:
        return None
    regions, systems = area
    return Q(system__in=systems) | Q(region__in=regions) | Q(system__region__in=regions)


def may_decide(user, suggestion):
    area = scope_of(user)
    if area is None:
        return True
    regions, systems = area
    system = suggestion.system
    return (
        suggestion.system_id in systems
        or suggestion.region_id in regions
        or (system is not None and system.region_id in regions)
    )
