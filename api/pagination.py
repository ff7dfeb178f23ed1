"""Pages of results, with the date they are as at and the licence they are under."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from sources.licence import OGL


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        """The page size asked for; a malformed or out-of-range one is a 400, not ignored."""
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"Give a whole number from 1 to {self.max_page_size}."
                    ]
                }
            )
        return int(value)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "on": self.request.on.isoformat(),
                "licence": OGL,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        envelope["properties"]["on"] = {
            "type": "string",
            "format": "date",
            "description": "The date the results are as at.",
        }
        envelope["properties"]["licence"] = {
            "type": "object",
            "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
        }
        envelope["required"].extend(["on", "licence"])
        return envelope
