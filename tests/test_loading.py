"""Loading fixtures: idempotent, all or nothing, with messages that name the record and problem."""

import hashlib
import json
import shutil
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from sources.management.commands.build_fixtures import build_all
from systems.build.practices import FIXTURE as PRACTICES
from systems.models import IntegratedCareBoard
from systems.postcodes import PATH as POSTCODES
from tests.helpers import shared_with_a_changed_copy, source_files

pytestmark = pytest.mark.django_db

FIXTURES = sorted(settings.FIXTURE_DIR.glob("*.json"))
CORE = [path for path in FIXTURES if path.name != PRACTICES]  # broken copies skip the practices


def snapshot():
    """Every row of every directory model (history included), as a digest."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label in {"sources", "systems", "boards"}:
            for row in model._default_manager.order_by("pk").values_list():
                digest.update(repr(row).encode())
    return digest.hexdigest()


def load(*paths):
    out = StringIO()
    call_command("load_directory", *map(str, paths), stdout=out)
    return out.getvalue()


def broken_copy(tmp_path, edit):
    """Copies of the fixtures in which `edit(records_by_file)` has broken something."""
    records = {path.name: json.loads(path.read_text()) for path in CORE}
    edit(records)
    paths = []
    for name, content in records.items():
        path = tmp_path / name
        path.write_text(json.dumps(content) if not isinstance(content, str) else content)
        paths.append(path)
    return paths


def find(records, model, **fields):
    for file_records in records.values():
        for record in file_records:
            if record["model"] == model and all(
                record["fields"].get(k) == v for k, v in fields.items()
            ):
                return record
    raise AssertionError(f"no {model} {fields}")


def rename_frimley(records):
    """A valid change early on, so that a rollback has something to undo."""
    find(records, "systems.integratedcareboard", ods_code="QNQ")["fields"]["legal_name"] = "X"


def test_loading_twice_changes_nothing():
    before = snapshot()
    output = load()
    records = sum(len(json.loads(path.read_text())) for path in FIXTURES)
    assert f"0 created, 0 updated, {records} unchanged" in output
    assert snapshot() == before


def test_a_dry_run_reports_and_writes_nothing(tmp_path):
    paths = broken_copy(tmp_path, rename_frimley)
    before = snapshot()
    out = StringIO()
    call_command("load_directory", *map(str, paths), "--dry-run", stdout=out)
    assert "Would load 3 fixture files: 0 created, 1 updated" in out.getvalue()
    assert snapshot() == before


def test_a_real_change_is_written():
    board = IntegratedCareBoard.objects.get(ods_code="QNQ")
    board.legal_name = "Something else"
    board.save()
    assert "1 updated" in load()
    board.refresh_from_db()
    assert board.legal_name == "NHS Frimley Integrated Care Board"


def bad_code(records):
    find(records, "systems.integratedcareboard", ods_code="QHM")["fields"]["ods_code"] = "QH!"


def no_source(records):
    find(records, "systems.nhstrust", ods_code="RTD")["fields"]["sources"] = []


def overlapping_dates(records):
    code = find(records, "systems.boardcode", ons_code="E54000067")
    code["fields"]["start_date"] = "2025-01-01"  # overlaps E54000042, in force until 2026


def new_overlapping_code(records):
    """A new record that clashes with one loaded from the same file: checked with the load."""
    twin = json.loads(json.dumps(find(records, "systems.boardcode", ons_code="E54000067")))
    twin["fields"]["ons_code"] = "E54000099"
    records["02_systems.json"].append(twin)


def end_before_start(records):
    find(records, "systems.subicblocation", ods_code="00L")["fields"]["end_date"] = "2001-01-01"


def integer_key(records):
    find(records, "systems.region", ods_code="Y56")["pk"] = 1


def unknown_model(records):
    records["03_boards.json"].append({"model": "boards.nothing", "fields": {}})


def missing_reference(records):
    find(records, "boards.boardmembership", role="chair")["fields"]["board"] = ["QZZ"]


def not_json(records):
    records["03_boards.json"] = "[{"


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (bad_code, "ods_code must look like QHM or S1Y5D"),
        (no_source, "(systems.nhstrust RTD): names no source"),
        (overlapping_dates, "(systems.boardcode E54000067): Its dates overlap those of E54000042"),
        (
            new_overlapping_code,
            "(systems.boardcode E54000099): Its dates overlap those of E54000067",
        ),
        (end_before_start, "(systems.subicblocation 00L): end_date: The end date must be after"),
        (integer_key, "has a 'pk'; records are identified by natural keys"),
        (unknown_model, "unknown model 'boards.nothing'"),
        (missing_reference, "record 2: (boards.boardmembership) refers to ['QZZ'], which is in"),
        (not_json, "03_boards.json: cannot be read as JSON"),
    ],
)
def test_a_broken_fixture_names_the_problem_and_changes_nothing(tmp_path, breakage, message):
    def edit(records):
        rename_frimley(records)
        breakage(records)

    paths = broken_copy(tmp_path, edit)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        load(*paths)
    assert str(error.value).startswith("Nothing was loaded.")
    assert message in str(error.value), str(error.value)
    assert snapshot() == before
    assert IntegratedCareBoard.objects.get(ods_code="QNQ").legal_name.startswith("NHS Frimley")


def test_a_missing_fixture_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such fixture file"):
        load(tmp_path / "absent.json")


def test_regenerating_reproduces_the_committed_files_byte_for_byte():
    """Fixtures, boundaries and the postcode lookup (one build: about a minute)."""
    source_files()
    built = build_all()
    committed = settings.FIXTURE_DIR
    generated = [*FIXTURES, *(committed / "boundaries").glob("*.geojson"), committed / POSTCODES]
    assert sorted(built) == sorted(str(path.relative_to(committed)) for path in generated)
    for name, content in built.items():
        expected = content if isinstance(content, bytes) else content.encode("utf-8")
        assert (committed / name).read_bytes() == expected, name


def test_a_boundary_file_that_lacks_an_icb_stops_the_build(tmp_path):
    shared, boundaries = shared_with_a_changed_copy(
        tmp_path, "sources/ons-icb-april-2026-bsc.geojson"
    )
    collection = json.loads(boundaries.read_text())
    collection["features"].pop()
    boundaries.write_text(json.dumps(collection))
    with pytest.raises(CommandError, match="has 35 features, not 36"):
        call_command("build_fixtures", shared=str(shared), output=str(tmp_path / "out"))


def test_building_from_inconsistent_sources_stops_with_a_message(tmp_path):
    shared, seed = shared_with_a_changed_copy(tmp_path, "seeds/000_6c0fd45904cc361c.txt")
    seed.write_text(seed.read_text().replace("- 31 NHS Frimley", "- 31 NHS Frimley Park"))
    with pytest.raises(CommandError, match=r"annex entry 31 \(NHS Frimley Park\) matches no ICB"):
        call_command("build_fixtures", shared=str(shared), output=str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_a_curated_row_with_an_unquoted_comma_stops_the_build_naming_the_line(tmp_path):
    source_files()
    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data)
    table = data / "curated" / "initiatives.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"', "")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"initiatives\.csv, line 2: more cells than the header"):
        call_command("build_fixtures", data=str(data), output=str(tmp_path / "out"))
