"""Report what the sources could not fill, with counts."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from corrections.gaps import data_gaps


class Command(BaseCommand):
    help = "Count the unknowns in the directory (records in force on --on, today by default)."

    def add_arguments(self, parser):
        parser.add_argument("--on", help="A date, YYYY-MM-DD.")

    def handle(self, *args, on, **options):
        try:
            when = date.fromisoformat(on) if on else date.today()
        except ValueError as exc:
            raise CommandError(f"--on must be a date like 2026-06-01, not {on!r}") from exc
        self.stdout.write(f"Unknown in the directory on {when.isoformat()}:")
        for gap in data_gaps(when):
            self.stdout.write(f"  {gap.what}: {gap.missing} of {gap.of}")
