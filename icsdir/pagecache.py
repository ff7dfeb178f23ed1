"""A cache of the public pages, emptied whenever the directory's data changes.

Public pages are the same for everyone and change only when an editor (or a fixture load)
changes the data, so a rendered page is kept under a key made of the release (icsdir.release),
the data version, today's date (pages show the directory as at today by default), the host and
the full path. Saving, deleting or re-linking any record of the directory's apps moves the
version on, which retires every page at once. The cache must be shared by all server processes
(a file cache in production). The same key gives every public answer its ETag.
"""

import hashlib
import uuid
from datetime import date

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

from .release import fingerprint

VERSION_KEY = "directory-data-version"
DIRECTORY_APPS = ("sources", "systems", "boards")
HEADER = "X-Page-Cache"
MAX_STREAMED_BYTES = 2_000_000  # a streamed download larger than this is not kept


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def data_version():
    cache = page_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def data_changed(**kwargs):
    """Retire every cached page. A raw save (one record of a fixture load) waits for the end."""
    if kwargs.get("raw"):
        return
    page_cache().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def watch_directory_models():
    """Connect data_changed to every change of a directory model (called from AppConfig.ready)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"pagecache-{signal}")


def _on_change(sender, **kwargs):
    if sender._meta.app_label in DIRECTORY_APPS or (
        sender._meta.auto_created and sender._meta.auto_created._meta.app_label in DIRECTORY_APPS
    ):
        data_changed(**kwargs)


def _public_request(request):
    return request.method in ("GET", "HEAD") and not request.path.startswith(
        ("/admin/", settings.STATIC_URL)
    )


def request_key(request):
    """What a public response depends on: code, data, today's date, host (API links) and path.

    Worked out once per request: the ETag and the page cache both use it."""
    if not hasattr(request, "directory_key"):
        request.directory_key = _key(request)
    return request.directory_key


def _key(request):
    parts = [
        fingerprint(),
        data_version(),
        date.today().isoformat(),
        request.get_host(),
        request.get_full_path(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class ConditionalGetMiddleware:
    """An ETag and Cache-Control on every public answer; a matching If-None-Match gets a 304
    before anything is rendered, since the key says whether the answer has changed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _public_request(request):
            return self.get_response(request)
        etag = f'"{request_key(request)[:32]}"'
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            response = HttpResponseNotModified()
        else:
            response = self.get_response(request)
            if response.status_code != 200:
                return response
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=settings.HTTP_MAX_AGE)
        return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or not _public_request(request):
            return self.get_response(request)
        cache = page_cache()
        key = f"page:{request_key(request)}"
        response = cache.get(key)
        if response is not None:
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if not self._cacheable_response(response):
            return response
        response[HEADER] = "miss"
        if response.streaming:  # kept once it has all gone out, if it was small enough
            chunks = response.streaming_content
            response.streaming_content = self._kept_once_sent(chunks, response, key)
        else:  # template responses are rendered by now
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _kept_once_sent(chunks, response, key):
        copy = HttpResponse(content_type=response["Content-Type"])
        for header in ("Content-Disposition", "Link"):
            if header in response:
                copy[header] = response[header]
        size = 0
        for chunk in chunks:
            size += len(chunk)
            if size <= MAX_STREAMED_BYTES:
                copy.write(chunk)
            yield chunk
        if size <= MAX_STREAMED_BYTES:
            page_cache().set(key, copy, settings.PAGE_CACHE_SECONDS)

    @staticmethod
    def _cacheable_response(response):
        return (
            response.status_code == 200
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        )
