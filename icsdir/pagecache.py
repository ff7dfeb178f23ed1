"""A cache of the public pages, emptied whenever the directory's data changes.

Public pages are the same for everyone and change only when an editor (or a fixture load)
changes the data, so a rendered page is kept under a key made of the release (icsdir.release),
the data version, today's date (pages show the directory as at today by default), the host and
the full path. Any committed change of the directory's records moves the version on
(sources.changes), which retires every page at once. The cache must be shared by all server
processes: a file cache on one host, Redis across several (settings). The same key gives every
public answer its ETag. A cache that fails is passed by: slower answers, never stale or broken.
"""

import contextvars
import hashlib
import logging
import threading
import uuid
from datetime import date

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

from .release import fingerprint

log = logging.getLogger(__name__)

VERSION_KEY = "directory-data-version"
HEADER = "X-Page-Cache"
MAX_STREAMED_BYTES = 2_000_000  # a streamed download larger than this is not kept


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def version_store():
    """Where the data version lives: apart from the pages, so that no page traffic evicts it."""
    return caches[settings.DATA_VERSION_ALIAS]


# The data version a public request began with: what it reads and keeps is of that version.
_request_version = contextvars.ContextVar("request_version", default=None)


def data_version():
    """The current data version (for a public request, the one it began with, read once); None
    when the store cannot be reached (then nothing is cached or tagged, and the site answers from
    the database: slower, never stale)."""
    known = _request_version.get()
    if known is not None:
        return known
    return _passed_by_on_failure(_read_or_start_version, "the data version could not be read")


def _read_or_start_version():
    store = version_store()
    version = store.get(VERSION_KEY)
    if version is None:
        store.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = store.get(VERSION_KEY)
    return version


class PerVersion:
    """A value worked out at most once per data version in each process: the small tables that
    every answer of a kind reads, kept in memory rather than read again for each answer.

    `get()` gives None, and the caller reads the database as it otherwise would, whenever the
    value cannot be trusted: the data version is unknown (its store failed), or the caller is
    inside a transaction, whose uncommitted changes the version does not know of yet. `value()`
    works the value out afresh then instead.
    """

    def __init__(self, build):
        self._build = build
        self._lock = threading.Lock()  # the development server's threads share one process
        self._kept = (None, None)  # (data version, value)

    def get(self):
        if connection.in_atomic_block:
            return None
        version = data_version()
        if version is None:
            return None
        with self._lock:
            kept_version, value = self._kept
            if kept_version != version:
                value = self._build()  # read after the version: a later change moves it again
                self._kept = (version, value)
            return value

    def value(self):
        kept = self.get()
        return self._build() if kept is None else kept


class KeptRecords:
    """Records of one kind by a key, kept per data version with what their answers show."""

    def __init__(self, records, key):
        """`records`: a function giving the queryset of every record of the kind, with what its
        page shows; `key`: the field the page's URL names a record by."""
        self.records, self.key = records, key
        self._kept = PerVersion(lambda: {getattr(record, key): record for record in records()})

    def get(self, value):
        """The record `value` names, or None: the kept copy, or the one record read now."""
        kept = self._kept.get()
        if kept is None:
            return self.records().filter(**{self.key: value}).first()
        return kept.get(value)

    def kept(self):
        """{key: record} as kept for the data version, or None where it cannot be trusted."""
        return self._kept.get()

    def __deepcopy__(self, memo):
        return self  # shared by what holds it (a form field is copied for each form)


def retire_pages(**kwargs):
    """A new data version: every cached page and ETag is retired (sources.changes, on commit)."""
    _passed_by_on_failure(
        lambda: version_store().set(VERSION_KEY, uuid.uuid4().hex, timeout=None),
        "the data version could not be moved, so cached pages may be stale until they expire",
    )


def _passed_by_on_failure(action, problem):
    """Run a cache action; if the cache fails (a timeout, a full or read-only disk, any
    backend's error), log the problem and carry on without it."""
    try:
        return action()
    except Exception:
        log.warning("Cache failure: %s.", problem, exc_info=True)
        return None


def _public_request(request):
    return request.method in ("GET", "HEAD") and not request.path.startswith(
        ("/admin/", settings.STATIC_URL)
    )


def request_key(request):
    """What a public response depends on: code, data, today's date, host (API links) and path;
    None when the data version is not known.

    Worked out once per request, before anything is read: the ETag and the page cache both use
    it, so a page is only ever kept under the version it was read with."""
    if not hasattr(request, "directory_key"):
        request.directory_key = _key(request)
    return request.directory_key


def _key(request):
    version = request.directory_version = data_version()
    if version is None:
        return None
    parts = [
        fingerprint(),
        version,
        date.today().isoformat(),
        request.get_host(),
        request.get_full_path(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class ConditionalGetMiddleware:
    """An ETag and Cache-Control on every public answer; a matching If-None-Match gets a 304
    before anything is rendered, since the key says whether the answer has changed. Every
    request but the admin's keeps to the data version it began with (data_version())."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _public_request(request):
            if request_key(request) is None:
                return self.get_response(request)
            version, answer = request.directory_version, self._tagged
        elif not request.path.startswith(("/admin/", settings.STATIC_URL)):
            version, answer = data_version(), self.get_response  # a post reads it once too
        else:
            return self.get_response(request)
        began_with = _request_version.set(version)
        try:
            return answer(request)
        finally:
            _request_version.reset(began_with)

    def _tagged(self, request):
        etag = f'"{request_key(request)[:32]}"'
        # Weak comparison (RFC 9110): a compressed answer's tag comes back as W/"…".
        sent = request.headers.get("If-None-Match", "").split(",")
        if etag in [tag.strip().removeprefix("W/") for tag in sent]:
            response = HttpResponseNotModified()
        else:
            response = self.get_response(request)
            if response.status_code != 200 or _private(response):
                return response  # a form's CSRF token or a reader's own page: never shared
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=settings.HTTP_MAX_AGE)
        return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PAGE_CACHE_SECONDS <= 0
            or not _public_request(request)
            or request_key(request) is None
        ):
            return self.get_response(request)
        key = f"page:{request_key(request)}"
        response = _passed_by_on_failure(lambda: page_cache().get(key), "a page read failed")
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
            _keep(key, response)
        return response

    @staticmethod
    def _kept_once_sent(chunks, response, key):
        copy = HttpResponse(content_type=response["Content-Type"])
        for header in ("Content-Disposition", "Link"):
            if header in response:
                copy[header] = response[header]
        pieces, size = [], 0
        for chunk in chunks:
            size += len(chunk)
            if size <= MAX_STREAMED_BYTES:
                pieces.append(chunk)
            yield chunk
        if size <= MAX_STREAMED_BYTES:
            copy.content = b"".join(pieces)  # kept, and sent from the cache, in one piece
            _keep(key, copy)

    @staticmethod
    def _cacheable_response(response):
        return (
            response.status_code == 200
            and not response.cookies
            and not _private(response)
            and not getattr(response, "held_in_memory", False)
        )


def _private(response):
    control = response.get("Cache-Control", "")
    return "private" in control or "no-store" in control


def _keep(key, response):
    _passed_by_on_failure(
        lambda: page_cache().set(key, response, settings.PAGE_CACHE_SECONDS),
        "a page could not be kept",
    )
