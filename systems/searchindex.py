"""Text search whose cost grows with the words, not multiplicatively.

Each searchable record has one SearchEntry row holding its names (and, for an ICS's "area"
entry, the names of its councils and trusts) and its codes, joined once when the data changes.
A word matches when it is part of a name or equals a code. Pages, the API and the CSV all search
through `search()`: the entries are kept in memory for each data version, in the order of their
model, and matched there (a query's words against some thousands of short texts); the records found
are then read by id. Where the kept entries cannot be trusted, or too many records match to hand
their ids to the database, the same test runs in the database, one condition a word.
"""

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q

from icsdir.pagecache import PerVersion

from . import models

MAX_QUERY = 100  # characters
MAX_WORDS = 10
MAX_WORD = 40  # characters: longer than any name's word in the directory
MAX_IDS = 500  # matches handed to the database by id; more are found there, by subquery


@dataclass(frozen=True)
class Kind:
    model: type
    names: tuple
    codes: tuple = ()


SYSTEM_NAMES = ("name", "also_known_as", "board__legal_name")
SYSTEM_CODES = ("board__ods_code", "board__ons_codes__ons_code")
KINDS = {
    "system": Kind(models.IntegratedCareSystem, SYSTEM_NAMES, SYSTEM_CODES),
    # The ICS list also finds an ICS by the councils and trusts linked to its ICB.
    "system-area": Kind(
        models.IntegratedCareSystem,
        (
            *SYSTEM_NAMES,
            "board__council_areas__local_authority__name",
            "board__council_areas__local_authority__also_known_as",
            "board__trust_partners__trust__name",
        ),
        (*SYSTEM_CODES, "board__trust_partners__trust__ods_code"),
    ),
    "council": Kind(models.LocalAuthority, ("name", "also_known_as"), ("ons_code", "ods_code")),
    "trust": Kind(models.NHSTrust, ("name",), ("ods_code",)),
    "sub-icb": Kind(
        models.SubICBLocation, ("name", "also_known_as"), ("ods_code", "ons_codes__ons_code")
    ),
    "organisation": Kind(models.Organisation, ("name", "also_known_as")),
    "local-partnership": Kind(models.LocalPartnership, ("name", "also_known_as")),
    "practice": Kind(models.GPPractice, ("name",), ("ods_code",)),
    "initiative": Kind(models.Initiative, ("name", "summary")),
}


def words(value):
    return value.lower().split()


def validate_words(value):
    """A form validator: a bounded number of words of bounded length."""
    found = words(value)
    if len(found) > MAX_WORDS:
        raise ValidationError(f"Use at most {MAX_WORDS} words.", code="too_many_words")
    if any(len(word) > MAX_WORD for word in found):
        raise ValidationError(
            f"Each word can have at most {MAX_WORD} characters.", code="word_too_long"
        )


class KeptKind:
    """One kind's entries in its model's order, with their texts joined into one string so that
    a word's matches are found by searching that string rather than each entry in turn."""

    def __init__(self, entries):
        self.entries = entries  # [(id, names, codes)]
        self.starts = []
        position = 0
        for _, names, codes in entries:
            self.starts.append(position)
            position += len(names) + len(codes) + 2
        # The separators can be in no query: control characters are refused (icsdir.errors).
        self.text = "".join(f"{names}\x01{codes}\x00" for _, names, codes in entries)

    def matches(self, value, limit):
        """The ids of the entries that match every word, the first `limit` of them at most."""
        tests = [(word, f" {word} ") for word in words(value)[:MAX_WORDS]]
        if not tests:
            return [pk for pk, _, _ in self.entries[:limit]]
        leading = max(tests, key=lambda test: len(test[0]))[0]  # a long word is found less often
        found, position = [], 0
        while len(found) < limit:
            position = self.text.find(leading, position)
            if position < 0:
                break
            index = bisect_right(self.starts, position) - 1
            pk, names, codes = self.entries[index]
            if all(word in names or padded in codes for word, padded in tests):
                found.append(pk)
            if index + 1 == len(self.starts):
                break
            position = self.starts[index + 1]
        return found


def _kept_entries():
    """{kind: KeptKind} for every kind."""
    texts = {
        (kind, object_id): (names, codes)
        for kind, object_id, names, codes in models.SearchEntry.objects.values_list(
            "kind", "object_id", "names", "codes"
        )
    }
    return {
        name: KeptKind(
            [
                (pk, *texts[name, pk])
                for pk in kind.model._default_manager.values_list("pk", flat=True)
                if (name, pk) in texts
            ]
        )
        for name, kind in KINDS.items()
    }


KEPT = PerVersion(_kept_entries)


def matching_ids(kind, value, first=None):
    """The ids of the records of `kind` whose entry matches every word of `value`: a list of
    them, or a subquery. `first`: the number wanted in the model's order, when not all are."""
    kept = KEPT.get()
    if kept is not None:
        found = kept[kind].matches(value, first or MAX_IDS + 1)
        if len(found) <= MAX_IDS:
            return found
    entries = models.SearchEntry.objects.filter(kind=kind)
    for word in words(value)[:MAX_WORDS]:
        entries = entries.filter(Q(names__contains=word) | Q(codes__contains=f" {word} "))
    return entries.values("object_id")


def search(queryset, kind, value):
    """The records of `queryset` that match `value`."""
    return queryset.filter(pk__in=matching_ids(kind, value))


def _entry_texts(kind):
    """{pk: (names, codes)} for every record of the kind: one query per field path."""
    names, codes = defaultdict(set), defaultdict(set)
    manager = kind.model._default_manager
    for paths, found in ((kind.names, names), (kind.codes, codes)):
        for path in paths:
            for pk, text in manager.values_list("pk", path):
                found[pk].update(part.lower() for part in (text or "").splitlines() if part)
    return {
        pk: ("\n".join(sorted(names[pk])), " " + " ".join(sorted(codes[pk])) + " ")
        for pk in manager.values_list("pk", flat=True)
    }


def rebuild():
    """Bring every entry in line with the records; writes only what differs."""
    wanted = {
        (name, pk): texts
        for name, kind in KINDS.items()
        for pk, texts in _entry_texts(kind).items()
    }
    existing = {(e.kind, e.object_id): e for e in models.SearchEntry.objects.all()}
    changed = []
    for key, entry in existing.items():
        if key in wanted and (entry.names, entry.codes) != wanted[key]:
            entry.names, entry.codes = wanted[key]
            changed.append(entry)
    models.SearchEntry.objects.bulk_update(changed, ["names", "codes"], batch_size=500)
    models.SearchEntry.objects.bulk_create(
        [
            models.SearchEntry(kind=kind, object_id=pk, names=names, codes=codes)
            for (kind, pk), (names, codes) in wanted.items()
            if (kind, pk) not in existing
        ],
        batch_size=500,
    )
    stale = [entry.pk for key, entry in existing.items() if key not in wanted]
    if stale:
        models.SearchEntry.objects.filter(pk__in=stale).delete()


def rebuild_on_change(**kwargs):
    """After a committed change, or a migration (once the table exists: not when migrating back)."""
    if models.SearchEntry._meta.db_table in connection.introspection.table_names():
        rebuild()
