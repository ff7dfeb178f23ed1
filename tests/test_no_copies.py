"""The repository carries no copy of the shared public files or of the source documents' text."""

import hashlib
import re
import subprocess

from django.conf import settings

from tests.helpers import source_files

SHARED_FOLDERS = ("data/sources", "seeds", "data/curated")


def tracked_files():
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=settings.BASE_DIR, capture_output=True, check=True
    )
    return [settings.BASE_DIR / name for name in listed.stdout.decode().split("\0") if name]


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shared_files():
    shared = source_files().shared_dir
    return [
        path for folder in SHARED_FOLDERS for path in (shared / folder).rglob("*") if path.is_file()
    ]


def test_no_tracked_file_is_a_copy_of_a_shared_file():
    shared = {digest(path): path.name for path in shared_files()}
    copies = [
        f"{path.relative_to(settings.BASE_DIR)} (= {shared[digest(path)]})"
        for path in tracked_files()
        if path.is_file() and digest(path) in shared
    ]
    assert not copies, f"copies of shared files: {copies}"


def test_no_tracked_text_repeats_a_sentence_of_the_source_documents():
    def normal(text):
        return re.sub(r"\s+", " ", text).lower()

    seeds = normal(
        " ".join(
            path.read_text(encoding="utf-8")
            for path in shared_files()
            if path.parent.name == "seeds" and path.suffix == ".txt"
        )
    )
    repeated = []
    for path in tracked_files():
        if (
            path.suffix not in {".py", ".csv", ".json", ".md", ".html", ".txt"}
            or not path.is_file()
        ):
            continue
        words = normal(path.read_text(encoding="utf-8", errors="ignore")).split(" ")
        # Twelve words in a row: longer than any name or title the directory quotes as a fact.
        for start in range(0, max(len(words) - 12, 0)):
            run = " ".join(words[start : start + 12])
            if len(run) > 60 and run in seeds:
                repeated.append(f"{path.relative_to(settings.BASE_DIR)}: {run}")
                break
    assert not repeated, repeated
