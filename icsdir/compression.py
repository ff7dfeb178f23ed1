"""Data answers compressed for clients that accept gzip: JSON, GeoJSON, CSV and Atom.

HTML pages are left as they are: a page that holds a CSRF token beside text a reader chose
could give the token away through its compressed size (the BREACH attack). Static files are
compressed ahead of time by WhiteNoise; a view whose body never changes may attach its
compressed bytes as `response.gzipped` (the boundary files), which are sent instead of
compressing the body again.
"""

import re

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

COMPRESSED_TYPES = {
    "application/json",
    "application/geo+json",
    "application/vnd.oai.openapi+json",
    "application/atom+xml",
    "text/csv",
}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


class CompressData(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").partition(";")[0].strip()
        if content_type not in COMPRESSED_TYPES or response.has_header("Content-Encoding"):
            return response
        gzipped = getattr(response, "gzipped", None)
        if gzipped is None:
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        if accepts_gzip(request):
            response.content = gzipped
            response["Content-Length"] = str(len(gzipped))
            response["Content-Encoding"] = "gzip"
            if response.get("ETag", "").startswith('"'):  # not the same bytes as the plain one
                response["ETag"] = "W/" + response["ETag"]
        return response
