"""Build the Source records from data/source_register.csv, checking each file is present."""


class MissingSourceFile(Exception):
    pass


def build(fixtures, files):
    for row in files.csv("source_register.csv"):
        if not files.exists(row["file_name"]):
            raise MissingSourceFile(f"source {row['slug']}: {row['file_name']} is missing")
        fixtures.add("sources.source", **row)
