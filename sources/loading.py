"""Load natural-key fixtures all or nothing, checking every record before it is written.

Unlike loaddata, each record is validated (field formats, database rules, date overlaps, a named
source) and a record that would not change is not written, so loading twice changes nothing.

It is quick because nothing is asked twice: every model's natural keys are read once per load
(and kept up to date as records are written), the records already there are read once per model,
new records are inserted in batches, the database enforces the named constraints (their names
are turned back into their messages), dates are checked for overlaps once per model when all is
written, and the change history is written in bulk at the end.
"""

import json
import re
from collections import Counter, defaultdict
from datetime import date
from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, transaction

from .models import SOURCED_HISTORY, Dated, Sourced, overlap_message

CHANGE_REASON = "Loaded from the fixtures (manage.py load_directory)"


class FixtureError(Exception):
    """A fixture file or record is wrong; the message names the file, the record and the problem."""


def load_fixtures(paths, dry_run=False, progress=None):
    """Load the files in order inside one transaction; return counts of what happened.

    `progress`, if given, is called with each file's name and its counts once it is loaded.
    """
    counts = Counter()
    with transaction.atomic():
        load = Load()
        for path in paths:
            file_counts = Counter(load.record(where, record) for where, record in _records(path))
            load.flush()
            counts.update(file_counts)
            if progress:
                progress(path.name, file_counts)
        load.flush()
        load.check_overlaps()
        load.write_links()
        load.write_history()
        if dry_run:
            transaction.set_rollback(True)
    return counts


def _records(path):
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
    for index, record in enumerate(records, start=1):
        yield f"{path.name}, record {index}", record


BATCH = 500  # new records inserted in one statement


@cache
def _batchable(model):
    """New records of a model can wait and be inserted together unless a later record of the
    same model may refer to one of them."""
    return not any(
        field.is_relation and field.related_model is model for field in model._meta.fields
    )


@cache
def _has_history(model):
    """Whether a model keeps a change history (asked once: the descriptor builds a manager)."""
    return hasattr(model, "history")


def _key(values):
    """A natural key as the fixtures and the database both give it: text, None as empty."""
    return tuple("" if value is None else str(value) for value in values)


class Load:
    def __init__(self):
        self.keys = {}  # model -> {natural key: pk}
        self.existing = {}  # model -> {pk: record with its sources}
        self.history = defaultdict(list)  # (model, update) -> [(record, source pks)]
        self.pending = []  # new records of one model waiting to be inserted together
        self.new_links = defaultdict(list)  # through model -> rows of new records' links
        self.dated = defaultdict(dict)  # dated model -> {pk: label} of the records written

    def pk_of(self, model, values):
        if model not in self.keys:
            rows = model._default_manager.values_list("pk", *model.NATURAL_KEY)
            self.keys[model] = {_key(row[1:]): row[0] for row in rows}
        return self.keys[model].get(_key(values))

    def existing_record(self, model, pk):
        if model not in self.existing:
            records = model._default_manager.all()
            if issubclass(model, Sourced):
                records = records.prefetch_related("sources")
            self.existing[model] = {record.pk: record for record in records}
        return self.existing[model].get(pk)

    def record(self, where, record):
        try:
            model = apps.get_model(record.get("model", ""))
        except (LookupError, ValueError) as exc:
            raise FixtureError(f"{where}: unknown model {record.get('model')!r}") from exc
        if self.pending and type(self.pending[0][1]) is not model:
            self.flush()  # its references may be among the waiting records
        values, links = self.fields(where, model, record["fields"])
        instance = model(**values)
        try:
            key = self.own_key(model, record)
        except (IndexError, TypeError, ValueError) as exc:
            fields = ", ".join(model.NATURAL_KEY)
            raise FixtureError(f"{where}: its natural key ({fields}) cannot be read") from exc
        label = f"{where} ({model._meta.label_lower} {'/'.join(key)})"
        if issubclass(model, Sourced) and not links.get("sources"):
            raise FixtureError(f"{label}: names no source")
        pk = self.pk_of(model, key)
        existing = self.existing_record(model, pk) if pk is not None else None
        if existing is not None:
            try:
                if _unchanged(existing, instance, links):
                    return "unchanged"
            except ValidationError:
                pass  # a malformed value: full_clean below names it
            instance.pk = pk
            instance._state.adding = False
        references = [f.name for f in model._meta.concrete_fields if f.is_relation]
        instance.overlaps_checked_later = True  # by check_overlaps, with the whole load
        try:
            instance.full_clean(
                exclude=references, validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            raise FixtureError(f"{label}: {_describe(exc)}") from exc
        if existing is None and _batchable(model):
            self.pending.append((label, instance, links, key))
            if len(self.pending) >= BATCH:
                self.flush()
            return "created"
        self.flush()
        self.write(label, instance, links, key, created=existing is None)
        return "created" if existing is None else "updated"

    def write(self, label, instance, links, key, created):
        try:
            instance.save_base(raw=True, force_insert=created)
        except DatabaseError as exc:
            raise FixtureError(f"{label}: {_refused(type(instance), instance, exc)}") from exc
        self.written(label, instance, links, key, created)

    def written(self, label, instance, links, key, created):
        model = type(instance)
        if issubclass(model, Dated) and model.NO_OVERLAP_WITHIN:
            self.dated[model][instance.pk] = label
        self.link(instance, links, created=created)
        self.keys[model][key] = instance.pk
        if _has_history(model):
            self.history[model, not created].append((instance, links.get("sources")))

    def flush(self):
        """Insert the new records waiting in the batch at once; if the database refuses the
        batch, insert them one by one to name the record it refuses."""
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        model = type(batch[0][1])
        try:
            with transaction.atomic():
                model._default_manager.bulk_create([instance for _, instance, _, _ in batch])
        except DatabaseError:
            for label, instance, links, key in batch:
                instance.pk = None
                self.write(label, instance, links, key, created=True)
            return
        for label, instance, links, key in batch:
            self.written(label, instance, links, key, created=True)

    def check_overlaps(self):
        """No two records of a dated model that share its NO_OVERLAP_WITHIN values may be in
        force on the same day: each model's rows read once, those written by this load checked
        against the rest of their group."""
        for model, written in self.dated.items():
            group_of = [model._meta.get_field(name).attname for name in model.NO_OVERLAP_WITHIN]
            groups = defaultdict(list)
            rows = model._default_manager.values_list("pk", "start_date", "end_date", *group_of)
            for pk, start, end, *group in rows:
                groups[tuple(group)].append((pk, start or date.min, end or date.max))
            for spans in groups.values():
                for pk, start, end in spans:
                    if pk not in written:
                        continue
                    clash = next(
                        (other for other, s, e in spans if other != pk and s < end and start < e),
                        None,
                    )
                    if clash is not None:
                        other = model._default_manager.get(pk=clash)
                        raise FixtureError(f"{written[pk]}: {overlap_message(other)}")

    def link(self, instance, links, created):
        """Write the record's many-to-many links: a new record's in bulk at the end."""
        for name, pks in links.items():
            field = instance._meta.get_field(name)
            if created:
                own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
                self.new_links[field.remote_field.through].extend(
                    {f"{own}_id": instance.pk, f"{other}_id": pk} for pk in pks
                )
                continue
            instance.skip_history_when_saving = True  # its entry is written with the others
            try:
                getattr(instance, name).set(pks)
            finally:
                del instance.skip_history_when_saving

    def write_links(self):
        for through, rows in self.new_links.items():
            through.objects.bulk_create(through(**row) for row in rows)
        self.new_links.clear()

    def fields(self, where, model, fields):
        """The record's field values by attname, and its many-to-many links as primary keys."""
        values, links = {}, {}
        for name, value in fields.items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist as exc:
                raise FixtureError(
                    f"{where}: {model._meta.label_lower} has no field {name}"
                ) from exc
            if field.many_to_many:
                links[name] = [self.reference(where, model, field, v) for v in value or []]
            elif field.is_relation:
                values[field.attname] = self.reference(where, model, field, value)
            else:
                values[field.attname] = value
        return values, links

    def reference(self, where, model, field, value):
        if value is None:
            return None
        related = field.related_model
        values = value if isinstance(value, list) else [value]
        pk = self.pk_of(related, values)
        if pk is None:
            raise FixtureError(
                f"{where}: ({model._meta.label_lower}) refers to {value}, which is in neither the "
                f"database nor an earlier record ({related._meta.object_name} matching query "
                "does not exist.)"
            )
        return pk

    def own_key(self, model, record):
        """The record's natural key from its fixture fields (a related one by its own key)."""
        key = []
        for name in model.NATURAL_KEY:
            field_name, _, attribute = name.partition("__")
            value = record["fields"].get(field_name)
            if attribute:
                related = model._meta.get_field(field_name).related_model
                value = value[related.NATURAL_KEY.index(attribute)] if value else None
            key.append(value)
        return _key(key)

    def write_history(self):
        """One change-history entry a record written, with its source links, in bulk."""
        for (model, update), written in self.history.items():
            entries = model.history.bulk_history_create(
                [record for record, _ in written],
                update=update,
                default_change_reason=CHANGE_REASON,
            )
            if not issubclass(model, Sourced):
                continue
            field = model._meta.get_field("sources")
            kept = SOURCED_HISTORY.m2m_models[field]
            own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
            links = defaultdict(list)  # record pk -> its link rows, as the history copies them
            rows = field.remote_field.through.objects.filter(
                **{f"{own}__in": [record.pk for record, _ in written]}
            )
            for link_id, record_pk, source_pk in rows.values_list("id", own, other):
                links[record_pk].append(
                    {"id": link_id, f"{own}_id": record_pk, f"{other}_id": source_pk}
                )
            kept.objects.bulk_create(
                kept(history=entry, **link)
                for entry, (record, _) in zip(entries, written, strict=True)
                for link in links[record.pk]
            )


def _unchanged(existing, instance, links):
    for field in instance._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.value_from_object(existing) != field.to_python(field.value_from_object(instance)):
            return False
    for name, pks in links.items():
        if {related.pk for related in getattr(existing, name).all()} != set(pks):
            return False
    return True


def _describe(error):
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _refused(model, instance, exc):
    """The message of the named rule the database applied, or its own first line."""
    text = str(exc)
    for constraint in model._meta.constraints:
        if re.search(rf"\b{re.escape(constraint.name)}\b", text):
            return constraint.get_violation_error_message()
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key and re.search(rf"\b{field.column}\b", text):
            return " ".join(instance.unique_error_message(model, (field.name,)).messages)
    return f"the database refused it: {_first_line(exc)}"


def _first_line(exc):
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
