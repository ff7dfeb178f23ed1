"""Compare the directory's GP practices with a newer practice mapping from NHS England.

Each difference becomes a suggestion in the editors' queue; nothing in the directory changes.
The file has the columns of "Patients Registered at a GP Practice" (PRACTICE_CODE,
PRACTICE_NAME, PRACTICE_POSTCODE, PCN_CODE, SUB_ICB_LOCATION_CODE, ICB_CODE, EXTRACT_DATE...).
"""

import csv
from datetime import datetime
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError

from corrections.models import Suggestion
from systems.models import GPPractice, IntegratedCareBoard

COLUMNS = {
    "EXTRACT_DATE",
    "PRACTICE_CODE",
    "PRACTICE_NAME",
    "PRACTICE_POSTCODE",
    "PCN_CODE",
    "SUB_ICB_LOCATION_CODE",
    "ICB_CODE",
}
COMPLETE = 0.9  # a file with fewer of the directory's practices is partial: closures unchecked


def read(path):
    try:
        with open(path, newline="", encoding="utf-8-sig") as file:
            reader = csv.DictReader(file)
            missing = COLUMNS - set(reader.fieldnames or ())
            if missing:
                raise CommandError(f"{path.name} lacks the columns {', '.join(sorted(missing))}.")
            rows = {row["PRACTICE_CODE"].strip(): row for row in reader}
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CommandError(f"{path} cannot be read as a CSV file: {error}") from error
    dates = {row["EXTRACT_DATE"] for row in rows.values()}
    if len(dates) != 1:
        raise CommandError(f"{path.name} has {len(dates)} extract dates; a mapping has one.")
    try:
        extract = datetime.strptime(dates.pop(), "%d%b%Y").date()
    except ValueError as error:
        raise CommandError(f"{path.name}: its EXTRACT_DATE is not like 01Aug2026.") from error
    return rows, extract


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the newer practice mapping (CSV)")

    def handle(self, *args, file, **options):
        rows, extract = read(file)
        source = f"Patients Registered at a GP Practice, extract {extract:%-d %B %Y} ({file.name})"
        practices = {
            practice.ods_code: practice
            for practice in GPPractice.objects.select_related(
                "pcn", "sub_icb", "board__system__region"
            )
        }
        boards = {
            board.ods_code: board
            for board in IntegratedCareBoard.objects.select_related("system__region")
        }
        self.filed, self.waiting, found = 0, 0, {}
        for code, row in sorted(rows.items()):
            practice = practices.get(code)
            if practice is None:
                board = boards.get(row["ICB_CODE"])
                if board is None:
                    raise CommandError(f"{file.name}: no ICB has the code {row['ICB_CODE']}.")
                found["new"] = found.get("new", 0) + 1
                self.suggest(
                    board.system,
                    board.system,
                    "",
                    "A GP practice not in the directory",
                    "",
                    _described(row),
                    source,
                )
                continue
            for field, column in (("name", "PRACTICE_NAME"), ("postcode", "PRACTICE_POSTCODE")):
                if getattr(practice, field) != row[column].strip():
                    found[field] = found.get(field, 0) + 1
                    self.suggest(
                        practice,
                        practice.board.system,
                        field,
                        field.capitalize(),
                        getattr(practice, field),
                        row[column].strip(),
                        source,
                    )
            now = (practice.pcn.ods_code, practice.sub_icb.ods_code, practice.board.ods_code)
            then = (row["PCN_CODE"], row["SUB_ICB_LOCATION_CODE"], row["ICB_CODE"])
            if now != then:
                found["moved"] = found.get("moved", 0) + 1
                self.suggest(
                    practice,
                    practice.board.system,
                    "",
                    "Its PCN, sub-ICB location or ICB",
                    "PCN {}, sub-ICB location {}, ICB {}".format(*now),
                    "PCN {}, sub-ICB location {}, ICB {}".format(*then),
                    source,
                )
        covered = len(set(rows) & set(practices)) / max(len(practices), 1)
        if covered >= COMPLETE:
            for code in sorted(set(practices) - set(rows)):
                found["gone"] = found.get("gone", 0) + 1
                practice = practices[code]
                self.suggest(
                    practice,
                    practice.board.system,
                    "",
                    "In the practice mapping",
                    "Yes",
                    "Not in the newer mapping: closed, merged or renamed?",
                    source,
                )
        self.report(file, extract, rows, practices, found, covered)

    def suggest(self, record, system, field, label, current, proposed, source):
        waiting = Suggestion.objects.filter(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            field=field,
            proposed_value=proposed,
            status=Suggestion.Status.NEW,
        )
        if waiting.exists():
            self.waiting += 1
            return
        Suggestion.objects.create(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            record_label=str(record)[:300],
            system=system,
            region=system.region,
            field=field,
            field_label=label,
            current_value=current,
            proposed_value=proposed,
            source=source,
            address="",
        )
        self.filed += 1

    def report(self, file, extract, rows, practices, found, covered):
        kinds = {
            "name": "Names changed",
            "postcode": "Postcodes changed",
            "moved": "Moved to another PCN, sub-ICB location or ICB",
            "new": "New practices",
            "gone": "No longer listed",
        }
        lines = [
            f"Compared {len(rows):,} practices of {file.name} (extract {extract:%-d %B %Y}) "
            f"with the directory's {len(practices):,}.",
            *(f"  {text}: {found[kind]:,}" for kind, text in kinds.items() if found.get(kind)),
        ]
        if covered < COMPLETE:
            lines.append(
                f"  The file holds {covered:.0%} of the directory's practices: a partial file, "
                "so practices missing from it are not reported."
            )
        lines.append(
            f"Filed {self.filed:,} suggestions for the editors' queue "
            f"({self.waiting:,} already waiting); the directory itself is unchanged."
        )
        self.stdout.write("\n".join(lines))


def _described(row):
    return (
        f"{row['PRACTICE_CODE']} {row['PRACTICE_NAME']} ({row['PRACTICE_POSTCODE']}), "
        f"PCN {row['PCN_CODE']}, sub-ICB location {row['SUB_ICB_LOCATION_CODE']}, "
        f"ICB {row['ICB_CODE']}"
    )
