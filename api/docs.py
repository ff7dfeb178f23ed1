"""The API's documentation page: drawn on the server from the OpenAPI schema, without scripts."""

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator

from directory.boundaries import SETS
from directory.downloads import DOWNLOADS
from directory.views import AsAtMixin
from sources.licence import OGL


@lru_cache(maxsize=1)
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _type(parameter):
    spec = parameter.get("schema", {})
    if "enum" in spec:
        return "one of " + ", ".join(str(value) for value in spec["enum"] if value is not None)
    return spec.get("format") or spec.get("type", "string")


def operations():
    """(path, summary, description, [parameters]) for every GET the schema describes."""
    found = []
    for path, methods in schema()["paths"].items():
        operation = methods.get("get")
        if operation is None:
            continue
        parameters = [
            {
                "name": parameter["name"],
                "where": parameter["in"],
                "type": _type(parameter),
                "required": parameter.get("required", False),
                "description": parameter.get("description", ""),
            }
            for parameter in operation.get("parameters", [])
        ]
        found.append(
            {
                "path": path,
                "id": operation["operationId"],
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": parameters,
            }
        )
    return found


@lru_cache(maxsize=1)
def reference():
    """The endpoints and the downloads' columns: they change only with the code."""
    written = render_to_string(
        "api/reference.html", {"operations": operations(), "downloads": DOWNLOADS}
    )
    return mark_safe(written)  # the site's own template, which escaped its values


class DocsView(AsAtMixin, TemplateView):
    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reference=reference(),
            info=schema()["info"],
            boundary_sets=SETS,
            licence=OGL,
            **kwargs,
        )
