"""Helpers for tests that read the shared public files the fixtures are built from.

Those files are kept beside the project (settings.SHARED_DIR), not in it. Where they are not
there, such a test says that it did not run and why; in CI, which has them, it fails instead.
"""

import csv
import os
import shutil

import pytest
from django.conf import settings

from sources.files import SourceFiles


def source_files():
    if not settings.SHARED_DIR.is_dir():
        message = (
            f"needs the shared public files at {settings.SHARED_DIR} "
            "(put the shared folder beside the project, or set ICSDIR_SHARED)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return SourceFiles()


def read_data_csv(relative):
    with open(source_files().path(relative), newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def seed_text(prefix):
    (path,) = (source_files().shared_dir / "seeds").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def shared_with_a_changed_copy(tmp_path, relative):
    """A shared folder of links to the real files, but with a real copy of `relative` to edit;
    returns the folder and the copy's path."""
    shared = source_files().shared_dir
    folder = tmp_path / "shared"
    for sub in ("seeds", "data/sources", "data/curated"):
        (folder / sub).mkdir(parents=True)
        for path in (shared / sub).iterdir():
            if path.is_file():
                (folder / sub / path.name).symlink_to(path)
    copy = source_files().path(relative)
    target = folder / copy.relative_to(shared)
    target.unlink()
    shutil.copyfile(copy, target)
    return folder, target
