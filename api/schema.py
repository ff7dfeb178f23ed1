"""The OpenAPI schema: every operation also documents ?on= and its JSON errors (api.errors)."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages by parameter name, for a 400.",
    )


ERRORS = {
    "400": "A parameter is unknown or its value is not valid.",
    "404": "No record has that code, or no such page.",
    "405": "Only GET, HEAD and OPTIONS are allowed.",
}


ON = OpenApiParameter(
    "on",
    OpenApiTypes.DATE,
    description=(
        "The date to show the directory as at (year-month-day, from 2013-04-01 to five years "
        "ahead); today if absent."
    ),
)


class DirectorySchema(AutoSchema):
    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if getattr(self.view, "takes_date", False):
            parameters = [*parameters, ON]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERRORS.items():
            responses.setdefault(
                code,
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description), code, direction=direction
                ),
            )
        return responses
