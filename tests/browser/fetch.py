"""A plain HTTP GET of the site under test, as a proxy in front of its servers would send it."""

import urllib.error
import urllib.request


def fetch(url, etag=None):
    """(status, headers, body) of a GET with the one public host name."""
    headers = {"Host": "localhost", **({"If-None-Match": etag} if etag else {})}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
