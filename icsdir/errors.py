"""Friendly error pages that say what went wrong, in the site's design."""

from django.shortcuts import render


def _page(request, status, title, message):
    return render(request, "error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception):
    message = str(exception) if exception and str(exception) else "The request was not valid."
    return _page(request, 400, "Sorry, that request is not valid", message)


def not_found(request, exception):
    detail = exception.args[0] if exception and exception.args else ""
    message = detail if isinstance(detail, str) and detail else "No page is at this address."
    return _page(request, 404, "Page not found", message)


def server_error(request):
    return _page(
        request, 500, "Sorry, there is a problem", "Try again later. The editors have been told."
    )
