"""Load every fixture in fixtures/ into the database, all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sources.changes import send_directory_changed
from sources.loading import FixtureError, load_fixtures


class Command(BaseCommand):
    help = (
        "Load the directory's fixtures (validated, in one transaction). Loading again changes "
        "nothing; a bad record stops the load and leaves the database as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="Fixture files; by default every *.json in fixtures/."
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, then roll back.")

    def handle(self, *args, paths, dry_run, **options):
        files = [Path(p) for p in paths] or sorted(Path(settings.FIXTURE_DIR).glob("*.json"))
        missing = [str(path) for path in files if not path.is_file()]
        if missing or not files:
            raise CommandError(
                f"No such fixture file: {', '.join(missing) or settings.FIXTURE_DIR}"
            )

        def progress(name, counts):
            done = ", ".join(f"{counts[k]} {k}" for k in ("created", "updated", "unchanged"))
            self.stdout.write(f"  {name}: {done}", ending="\n")
            self.stdout.flush()

        try:
            counts = load_fixtures(files, dry_run=dry_run, progress=progress)
        except FixtureError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        if not dry_run and (counts["created"] or counts["updated"]):
            send_directory_changed()
        summary = ", ".join(f"{counts[k]} {k}" for k in ("created", "updated", "unchanged"))
        prefix = "Would load" if dry_run else "Loaded"
        self.stdout.write(f"{prefix} {len(files)} fixture files: {summary}.")
