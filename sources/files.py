"""Where the files the fixtures are built from are read: the project's own tables, or the shared
public files kept beside the project (never copied into it).

A file is named as the source register names it: `curated/…` or `source_register.csv` for what
the project wrote (under data/), `seeds/…` for the source documents and `sources/…` for the
public datasets (under the shared folder's seeds/ and data/sources/). `curated/…` files that the
project did not write are read from the shared folder's data/curated/.
"""

import json
from pathlib import Path

from django.conf import settings

from .fixtures import read_csv, read_rows


class MissingSharedFiles(Exception):
    """The shared folder of public files is not where it should be."""


class SourceFiles:
    def __init__(self, data_dir=None, shared_dir=None):
        self.data_dir = Path(data_dir or settings.DATA_DIR)
        self.shared_dir = Path(shared_dir or settings.SHARED_DIR)

    def path(self, relative):
        own = self.data_dir / relative
        if own.is_file():
            return own
        if not self.shared_dir.is_dir():
            raise MissingSharedFiles(
                f"{relative} is read from the shared public files, and {self.shared_dir} is not "
                "there: put the shared folder beside the project or set ICSDIR_SHARED."
            )
        folder, _, name = str(relative).partition("/")
        shared = {"seeds": "seeds", "sources": "data/sources", "curated": "data/curated"}
        return self.shared_dir / shared.get(folder, folder) / name

    def exists(self, relative):
        try:
            return self.path(relative).is_file()
        except MissingSharedFiles:
            return False

    def csv(self, relative):
        return read_csv(self.path(relative))

    def rows(self, relative):
        return read_rows(self.path(relative))

    def json(self, relative):
        with open(self.path(relative), encoding="utf-8") as handle:
            return json.load(handle)

    def text(self, relative):
        return self.path(relative).read_text(encoding="utf-8")
