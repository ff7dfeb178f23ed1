"""Template helpers for the directory's pages."""

from django import template
from django.utils.html import format_html

from icsdir.paths import path_of

register = template.Library()


@register.simple_tag
def path(viewname, *args):
    """What {% url %} gives, worked out once per process (icsdir.paths): a page links to
    scores of bodies."""
    return path_of(viewname, *args)


@register.simple_tag
def unknown(hint=""):
    """What no source gives, shown as not known (and why, `hint`) for an editor to fill in: a
    tag rather than an include, as lists show it on row after row."""
    return format_html('<span class="app-unknown">Not known{}</span>', f": {hint}" if hint else "")


@register.simple_tag(takes_context=True)
def dated_url(context, viewname, *args):
    """A link to another page that keeps the date a past or future view is showing (the page's
    `dated_query`, worked out once for it)."""
    return path_of(viewname, *args) + context.get("dated_query", "")


@register.inclusion_tag("includes/table_head.html")
def table_head(*headers):
    """The head row of an NHS.UK table: one column per header; "Postcodes:numeric" right-aligns
    a column of numbers."""
    columns = []
    for header in headers:
        label, _, style = header.partition(":")
        columns.append({"label": label, "numeric": style == "numeric"})
    return {"columns": columns}
