"""The public site's templates (directory/jinja2/): Jinja2, with the directory's helpers.

Pages list hundreds of records, and Django's template language, which looks each value up by
trying a dictionary, an attribute and an index in turn, cost more than anything else an
uncached page did. Jinja2 compiles each template to Python: the same pages in half the time or
less. The admin keeps Django's templates (templates/admin/).
"""

from functools import lru_cache
from types import SimpleNamespace

from django.template import defaultfilters, defaulttags
from django.templatetags.static import static
from django.utils.html import format_html
from jinja2 import ChainableUndefined, Environment, pass_context
from markupsafe import Markup

from icsdir.paths import path_of


class KeysFirst(Environment):
    """Reads `row.name` of a dictionary by its key first, as Django's templates do. Jinja2 tries
    the attribute first, and a dictionary (a table's row of cells, a select's option) has none of
    that name: the exception it raised and caught cost more than the value, cell after cell."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def environment(**options):
    # A missing value is empty, as in Django's templates, however deep the lookup.
    env = KeysFirst(**options | {"undefined": ChainableUndefined})
    env.globals.update(
        path=path_of,
        dated_url=dated_url,
        unknown=unknown,
        table_head=table_head,
        static=static,
        querystring=querystring,
        widthratio=widthratio,
    )
    env.filters.update(
        date=defaultfilters.date,
        pluralize=defaultfilters.pluralize,
        floatformat=defaultfilters.floatformat,
        linebreaksbr=defaultfilters.linebreaksbr,
        cut=defaultfilters.cut,
    )
    return env


@pass_context
def dated_url(context, viewname, *args):
    """A link to another page that keeps the date a past or future view is showing (the page's
    `dated_query`, worked out once for it)."""
    return path_of(viewname, *args) + context.get("dated_query", "")


@lru_cache(maxsize=256)  # the same few hints, row after row
def unknown(hint=""):
    """What no source gives, shown as not known (and why, `hint`) for an editor to fill in."""
    return format_html('<span class="app-unknown">Not known{}</span>', f": {hint}" if hint else "")


@pass_context
def table_head(context, *headers):
    """The head row of an NHS.UK table: one column per header; "Postcodes:numeric" right-aligns
    a column of numbers."""
    columns = []
    for header in headers:
        label, _, style = header.partition(":")
        columns.append({"label": label, "numeric": style == "numeric"})
    head = context.environment.get_template("includes/table_head.html")
    return Markup(head.render(columns=columns))


@pass_context
def querystring(context, **changes):
    """The page's query string with `changes` made ("?page=2"): Django's {% querystring %}, which
    reads only the request of the context it is given."""
    return defaulttags.querystring(SimpleNamespace(request=context["request"]), **changes)


def widthratio(value, maximum, width):
    """round(value / maximum * width), as Django's {% widthratio %}: a share as a percentage."""
    return round(float(value) / float(maximum) * float(width))
