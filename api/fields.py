"""Links between resources, keyed by each body's official code."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


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
        return self.context["request"].build_absolute_uri(reverse(self.view_name, args=[argument]))


def council_code(council):
    return council.ons_code or council.ods_code


def system_code(system):
    return system.board.ods_code
