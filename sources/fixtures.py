"""Writing natural-key fixtures: no integer primary keys, every record with its sources."""

import csv
import json
from datetime import date
from pathlib import Path

from django.utils.text import slugify


class SourceDisagreement(Exception):
    """Two source files disagree, or a file is not what the builder expects."""


def require(condition, message):
    """Stop the build with `message` unless `condition` holds."""
    if not condition:
        raise SourceDisagreement(message)


class MalformedTable(ValueError):
    """A CSV row has more cells than the header names (an unquoted comma, most often)."""


def read_csv(path, **kwargs):
    """Rows of a CSV file as dictionaries (a leading byte-order mark is dropped)."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, **kwargs))
    for number, row in enumerate(rows, start=2):
        if None in row:
            raise MalformedTable(
                f"{Path(path).name}, line {number}: more cells than the header names "
                "(quote a value that holds a comma)"
            )
    return rows


def read_rows(path):
    """Rows of a headerless CSV file (the ODS layout) as lists."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def iso(value):
    return value.isoformat() if isinstance(value, date) else value


def parse_yyyymmdd(value):
    value = value.strip()
    return date(int(value[:4]), int(value[4:6]), int(value[6:8])) if value else None


def make_slug(text):
    return slugify(text.replace("&", "and"))


class FixtureSet:
    """Fixture records in the order they must load, for one fixture file."""

    def __init__(self, checked):
        self.checked = checked  # source slug -> the date its facts were last compared with it
        self.records = []

    def add(self, model, sources=(), **fields):
        """Add a record; a sourced one gets its sources (by slug) and its last-checked date: the
        latest day on which an editor compared the directory with one of those sources."""
        values = {name: iso(value) for name, value in fields.items()}
        if sources:
            values["sources"] = [[slug] for slug in sorted(set(sources))]
            values["last_checked"] = max(self.checked[slug] for slug in set(sources)).isoformat()
        self.records.append({"model": model, "fields": values})

    def dumps(self):
        return json.dumps(self.records, indent=1, ensure_ascii=False) + "\n"
