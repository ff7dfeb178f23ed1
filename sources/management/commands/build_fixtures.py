"""Regenerate fixtures/ from the project's tables in data/ and the shared public files.

Each app that writes fixtures names its file and its builder in its AppConfig (`fixture_file`,
`fixture_builder`); a builder adds records and may return other generated files (boundaries).
"""

from datetime import date
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from sources.build import MissingSourceFile
from sources.files import MissingSharedFiles, SourceFiles
from sources.fixtures import FixtureSet, MalformedTable, SourceDisagreement


def builders():
    """(fixture file, builder) of every app that writes one, in load order."""
    found = [
        (config.fixture_file, import_string(config.fixture_builder))
        for config in apps.get_app_configs()
        if getattr(config, "fixture_file", None)
    ]
    return sorted(found, key=lambda pair: pair[0])


def build_all(data_dir=None, shared_dir=None):
    """The content of every fixture file and generated file (text, or bytes for the postcode
    lookup), by path under fixtures/."""
    files = SourceFiles(data_dir, shared_dir)
    # The register says when each source was last compared with the directory (checked_on).
    checked = {
        row["slug"]: date.fromisoformat(row["checked_on"])
        for row in files.csv("source_register.csv")
    }
    built = {}
    for name, builder in builders():
        fixtures = FixtureSet(checked)
        built.update(builder(fixtures, files) or {})
        built[name] = fixtures.dumps()
    return built


def _encoded(content):
    return content if isinstance(content, bytes) else content.encode("utf-8")


def _differs(path, content):
    return not path.is_file() or path.read_bytes() != _encoded(content)


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
            MissingSourceFile,
            MissingSharedFiles,
            MalformedTable,
            KeyError,
        ) as exc:
            raise CommandError(f"Cannot build the fixtures: {exc}") from exc
        output = Path(output)
        stale = [name for name, content in built.items() if _differs(output / name, content)]
        if check:
            if stale:
                raise CommandError(f"Out of date: {', '.join(stale)}. Run build_fixtures.")
            self.stdout.write("The fixtures are up to date.")
            return
        for name, content in built.items():
            (output / name).parent.mkdir(parents=True, exist_ok=True)
            (output / name).write_bytes(_encoded(content))
        self.stdout.write(f"Wrote {len(built)} fixture files to {output} ({len(stale)} changed).")
