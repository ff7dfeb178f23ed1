"""The site's own error pages: in its design, saying only what is true, and JSON under the API."""

import unicodedata

from django.core.exceptions import BadRequest, DisallowedHost, TooManyFieldsSent
from django.http import JsonResponse
from django.shortcuts import render

API_PREFIX = "/api/v1/"


def _page(request, status, title, message):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"status": status, "detail": message}, status=status)
    return render(request, "error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception):
    # Only the site's own messages are shown: Django's may name settings or echo the request.
    if isinstance(exception, DisallowedHost):
        message = "This site does not answer to that host name."
    elif isinstance(exception, TooManyFieldsSent):
        message = "The request has too many fields."
    elif isinstance(exception, BadRequest) and str(exception):
        message = str(exception)
    else:
        message = "The request was not valid."
    return _page(request, 400, "Sorry, that request is not valid", message)


def not_found(request, exception):
    detail = exception.args[0] if exception and exception.args else ""
    message = detail if isinstance(detail, str) and detail else "No page is at this address."
    return _page(request, 404, "Page not found", message)


def server_error(request):
    return _page(
        request,
        500,
        "Sorry, there is a problem",
        "Try again later. The problem has been recorded for the people who run this site.",
    )


def csrf_failure(request, reason=""):
    return render(
        request,
        "error.html",
        {
            "title": "Your form could not be sent",
            "message": (
                "The form was out of date or your browser did not send its cookie. Go back, "
                "reload the page and try again; this site's forms need cookies."
            ),
        },
        status=403,
    )


def has_control_characters(text):
    return any(unicodedata.category(character) == "Cc" for character in text)


class RejectControlCharacters:
    """A 400 for an address or query with control characters (a NUL, an escape…), before any
    view can echo them into a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request.path) or any(
            has_control_characters(key) or has_control_characters(value)
            for key, values in request.GET.lists()
            for value in values
        ):
            raise BadRequest("The address holds characters that cannot be shown.")
        return self.get_response(request)
