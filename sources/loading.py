"""Load natural-key fixtures all or nothing, checking every record before it is written.

Unlike loaddata, each record is validated (field formats, database rules, date overlaps, a named
source) and a record that would not change is not written, so loading twice changes nothing.
"""

import json
import re
from collections import Counter

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from .history import snapshot_source_links
from .models import Sourced

CHANGE_REASON = "Loaded from the fixtures (manage.py load_directory)"


class FixtureError(Exception):
    """A fixture file or record is wrong; the message names the file, the record and the problem."""


def load_fixtures(paths, dry_run=False):
    """Load the files in order inside one transaction; return counts of what happened."""
    counts = Counter()
    with transaction.atomic():
        for path in paths:
            for outcome in _load_file(path):
                counts[outcome] += 1
        if dry_run:
            transaction.set_rollback(True)
    return counts


def _read_records(path):
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FixtureError(f"{path.name}: cannot be read as JSON: {exc}") from exc
    if not isinstance(records, list):
        raise FixtureError(f"{path.name}: must hold a list of records")
    for index, record in enumerate(records, start=1):
        where = f"{path.name}, record {index}"
        if not isinstance(record, dict) or not isinstance(record.get("fields"), dict):
            raise FixtureError(f"{where}: needs 'model' and 'fields'")
        if "pk" in record:
            raise FixtureError(f"{where}: has a 'pk'; records are identified by natural keys")
        try:
            apps.get_model(record.get("model", ""))
        except (LookupError, ValueError) as exc:
            raise FixtureError(f"{where}: unknown model {record.get('model')!r}") from exc
    return records


def _load_file(path):
    records = _read_records(path)
    objects = serializers.deserialize("python", records, handle_forward_references=False)
    index = 0
    while True:
        index += 1
        try:
            deserialized = next(objects)
        except StopIteration:
            return
        except DeserializationError as exc:
            raise FixtureError(f"{path.name}, record {index}: {_describe_reference(exc)}") from exc
        yield _load_record(f"{path.name}, record {index}", deserialized)


def _load_record(where, deserialized):
    instance = deserialized.object
    model = type(instance)
    label = f"{where} ({model._meta.label_lower} {'/'.join(map(str, instance.natural_key()))})"
    if issubclass(model, Sourced) and not deserialized.m2m_data.get("sources"):
        raise FixtureError(f"{label}: names no source")
    existing = model._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    if existing is not None:
        if _unchanged(existing, instance, deserialized.m2m_data):
            return "unchanged"
        # Found by natural key: an update, so uniqueness checks must not count the row itself.
        instance._state.adding = False
    try:
        instance.full_clean()
        instance.skip_history_when_saving = True  # linking sources would add entries of its own
        deserialized.save()
        del instance.skip_history_when_saving
        # A raw save skips the change history; record the load there, so it can be reverted to.
        if hasattr(model, "history"):
            (entry,) = model.history.bulk_history_create(
                [instance], update=existing is not None, default_change_reason=CHANGE_REASON
            )
            if issubclass(model, Sourced):
                snapshot_source_links(instance, entry)
    except ValidationError as exc:
        raise FixtureError(f"{label}: {_describe(exc)}") from exc
    except DatabaseError as exc:
        raise FixtureError(f"{label}: the database refused it: {_first_line(exc)}") from exc
    return "created" if existing is None else "updated"


def _unchanged(existing, instance, m2m_data):
    for field in instance._meta.concrete_fields:
        if field.value_from_object(existing) != field.value_from_object(instance):
            return False
    for name, values in m2m_data.items():
        current = set(getattr(existing, name).values_list("pk", flat=True))
        if current != set(values):
            return False
    return True


def _describe(error):
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _describe_reference(exc):
    """Reword Django's "<error>: (<model>:pk=<pk>) field_value was '<value>'" for editors."""
    found = re.match(r"(?s)(.*): \((\S+):pk=\S*\) field_value was '(.*)'$", str(exc))
    if not found:
        return _first_line(exc)
    problem, model, value = found.groups()
    return (
        f"({model}) refers to {value}, which is in neither the database nor an earlier "
        f"record ({_first_line(problem)})"
    )


def _first_line(exc):
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
