"""Build the Source records from data/source_register.csv, checking each file is present."""

from .fixtures import read_csv


class MissingSourceFile(Exception):
    pass


def build(fixtures, data):
    for row in read_csv(data.root / "source_register.csv"):
        if not (data.root / row["file_name"]).is_file():
            raise MissingSourceFile(f"source {row['slug']}: data/{row['file_name']} is missing")
        fixtures.add("sources.source", **row)
