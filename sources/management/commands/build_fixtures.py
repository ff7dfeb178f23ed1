"""Regenerate fixtures/ from the project's tables in data/ and the shared public files."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import boards.build
import sources.build
import systems.build
import systems.build.boundaries
from sources.files import MissingSharedFiles, SourceFiles
from sources.fixtures import FixtureSet, MalformedTable
from systems.build.checks import SourceDisagreement
from systems.build.data import BuildData

# Fixture files in load order, and the builders of each.
FILES = {
    "01_sources.json": sources.build.build,
    "02_systems.json": systems.build.build,
    "03_boards.json": boards.build.build,
}


def build_all(data_dir=None, shared_dir=None):
    """The text of every fixture file and boundary file, by path under fixtures/."""
    data = BuildData(SourceFiles(data_dir, shared_dir))
    # The register says when each source was last compared with the directory (checked_on).
    checked = {
        row["slug"]: date.fromisoformat(row["checked_on"])
        for row in data.csv("source_register.csv")
    }
    built = {}
    for name, builder in FILES.items():
        fixtures = FixtureSet(checked)
        builder(fixtures, data)
        built[name] = fixtures.dumps()
    built.update(systems.build.boundaries.build(data))
    return built


class Command(BaseCommand):
    help = (
        "Build the fixtures from the project's tables in data/ and the public files in the "
        "shared folder beside the project (see data/source_register.csv)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", default=settings.DATA_DIR, help="The project's tables.")
        parser.add_argument(
            "--shared",
            default=settings.SHARED_DIR,
            help="The shared public files: seeds/ and data/sources/ (default ../shared).",
        )
        parser.add_argument("--output", default=settings.FIXTURE_DIR, help="Where to write.")
        parser.add_argument(
            "--check", action="store_true", help="Only report whether the fixtures are current."
        )

    def handle(self, *args, data, shared, output, check, **options):
        try:
            built = build_all(data, shared)
        except (
            SourceDisagreement,
            sources.build.MissingSourceFile,
            MissingSharedFiles,
            MalformedTable,
            KeyError,
        ) as exc:
            raise CommandError(f"Cannot build the fixtures: {exc}") from exc
        output = Path(output)
        stale = [
            name
            for name, text in built.items()
            if not (output / name).is_file() or (output / name).read_text("utf-8") != text
        ]
        if check:
            if stale:
                raise CommandError(f"Out of date: {', '.join(stale)}. Run build_fixtures.")
            self.stdout.write("The fixtures are up to date.")
            return
        for name, text in built.items():
            (output / name).parent.mkdir(parents=True, exist_ok=True)
            (output / name).write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {len(built)} fixture files to {output} ({len(stale)} changed).")
