"""The date a page shows the directory as at (?on=YYYY-MM-DD, today when absent), and the
parameters a page takes."""

import re
from datetime import date

from django.core.exceptions import BadRequest

DATE_FORMAT = re.compile(r"\d{4}-\d{2}-\d{2}")
EARLIEST = date(2013, 4, 1)  # nothing in the directory is older (the CCGs' ODS open dates)
LATEST_YEARS_AHEAD = 5


def as_at(request, blank_is_today=True):
    """The requested date; a malformed or far-off one is a 400 with a plain message.

    An empty ?on= (a form's empty date field) means today, unless `blank_is_today` is off.
    """
    value = request.GET.get("on", "").strip()
    if not value and ("on" not in request.GET or blank_is_today):
        return date.today()
    try:
        if not DATE_FORMAT.fullmatch(value):
            raise ValueError(value)
        when = date.fromisoformat(value)
    except ValueError as exc:
        raise BadRequest(
            f"“{value[:40]}” is not a date. Give it as year-month-day, like 2025-01-01."
        ) from exc
    latest = date(date.today().year + LATEST_YEARS_AHEAD, 12, 31)
    if not EARLIEST <= when <= latest:
        raise BadRequest(f"Choose a date between {EARLIEST:%-d %B %Y} and {latest:%-d %B %Y}.")
    return when


def reject_unknown_parameters(request, allowed):
    """A 400 naming a parameter the page does not take: a clear answer, and no cached page
    for every made-up parameter."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        raise BadRequest(
            f"This page does not take “{unknown[0][:40]}”. It takes: {', '.join(sorted(allowed))}."
        )
