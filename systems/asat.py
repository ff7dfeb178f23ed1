"""The date a page shows the directory as at: ?on=YYYY-MM-DD, today when absent."""

from datetime import date

from django.core.exceptions import BadRequest

EARLIEST = date(2013, 4, 1)  # nothing in the directory is older (the CCGs' ODS open dates)
LATEST_YEARS_AHEAD = 5


def as_at(request):
    """The requested date; a malformed or far-off one is a 400 with a plain message."""
    value = request.GET.get("on", "").strip()
    if not value:
        return date.today()
    try:
        when = date.fromisoformat(value)
    except ValueError as exc:
        raise BadRequest(
            f"“{value[:40]}” is not a date. Give it as year-month-day, like 2025-01-01."
        ) from exc
    latest = date(date.today().year + LATEST_YEARS_AHEAD, 12, 31)
    if not EARLIEST <= when <= latest:
        raise BadRequest(f"Choose a date between {EARLIEST:%-d %B %Y} and {latest:%-d %B %Y}.")
    return when
