"""Every API error is JSON: {"status": ..., "detail": ..., "errors": {field: [messages]}}."""

from django.core.exceptions import BadRequest, RequestDataTooBig
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler


def handler(exc, context):
    if isinstance(exc, BadRequest):  # a malformed or far-off ?on= (sources.asat)
        exc = exceptions.ValidationError({"on": [str(exc)]})
    elif isinstance(exc, RequestDataTooBig):  # a POST body over DATA_UPLOAD_MAX_MEMORY_SIZE
        exc = exceptions.ParseError("The request body is too large.")
    response = exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's handler500 answers
    body = {"status": response.status_code}
    if isinstance(response.data, dict) and set(response.data) != {"detail"}:
        body["detail"] = "Some parameters are not valid."
        body["errors"] = response.data
    elif isinstance(response.data, list):
        body["detail"] = " ".join(str(item) for item in response.data)
    else:
        body["detail"] = str(response.data.get("detail", ""))
    return Response(body, status=response.status_code, headers=dict(response.headers))
