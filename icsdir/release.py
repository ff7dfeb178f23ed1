"""A fingerprint of the code, templates, fixtures and stylesheet this process serves.

Cached pages and ETags include it, so a deploy that changes any of them retires both even
when the data has not changed.
"""

import hashlib
from functools import cache

from django.conf import settings

FOLDERS = ("icsdir", "sources", "systems", "boards", "api", "templates", "fixtures")
SUFFIXES = {".py", ".html", ".json", ".geojson", ".css"}


@cache
def fingerprint():
    digest = hashlib.sha256()
    root = settings.BASE_DIR
    files = [path for folder in (*FOLDERS, "static/css") for path in (root / folder).rglob("*")]
    for path in sorted(files):
        if path.suffix in SUFFIXES and path.is_file() and "migrations" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
