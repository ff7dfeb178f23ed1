"""Helpers for reading the repository's copies of the sources in tests."""

import csv

from django.conf import settings


def read_data_csv(relative):
    with open(settings.DATA_DIR / relative, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def seed_text(prefix):
    (path,) = (settings.DATA_DIR / "seeds").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")
