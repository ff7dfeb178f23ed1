"""Links between resources, keyed by each body's official code."""

from django.urls import get_script_prefix
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from icsdir.paths import path_of


@extend_schema_field(OpenApiTypes.URI)
class Link(serializers.Field):
    """An absolute URL of `view_name`, its argument taken from the record by `key`."""

    def __init__(self, view_name, key, **kwargs):
        self.view_name, self.key = view_name, key
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        argument = self.key(record)
        if argument is None:
            return None
        return absolute_url(self.context["request"], self.view_name, argument)


def absolute_url(request, view_name, argument=None):
    """The absolute URL of `view_name` (with its one `argument`) for this request's host.

    A list or a bulk answer links hundreds of bodies: the scheme and host are worked out once per
    request and each path once per process (paths depend on the URL configuration only)."""
    base, prefix = origin(request)
    args = () if argument is None else (argument,)
    return base + path_of(view_name, *args, prefix=prefix)


def origin(request):
    """(scheme and host, script prefix): what a request's absolute URLs begin with."""
    known = getattr(request, "_absolute_base", None)
    if known is None:
        known = request._absolute_base = (request.build_absolute_uri("/")[:-1], get_script_prefix())
    return known


def council_code(council):
    return council.ons_code or council.ods_code


def system_code(system):
    return system.board.ods_code
