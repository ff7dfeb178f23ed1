"""CSV downloads of the list pages, with the filters the page has: streamed, UTF-8, a header row.

Each download's columns are declared once here; the API documentation page lists them.
"""

import csv
from dataclasses import dataclass

from django.core.exceptions import BadRequest
from django.http import StreamingHttpResponse

from sources.asat import as_at, reject_unknown_parameters
from sources.licence import LINK_HEADER
from systems import models
from systems.models import BoardContact
from systems.querysets import code_on, prefetched

from .filters import SystemFilter
from .local import local_on
from .pages import filtered_systems
from .reports import figure_on, reported_on
from .system_records import kept_system_records


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: object  # record, date -> value


@dataclass(frozen=True)
class Download:
    slug: str
    title: str
    columns: tuple

    def rows(self, records, when):
        yield [column.name for column in self.columns]
        for record in records:
            yield [
                "" if (v := column.value(record, when)) is None else v for column in self.columns
            ]


def _patients(system, when, attribute):
    figure = figure_on(system.board.patient_series, when)
    return getattr(figure.value, attribute) if figure.value else None


def _reported(system, when, kind):
    """The value of the latest report of `kind`, when the sources agree on it."""
    item = next(
        r for r in reported_on(prefetched(system.board, "contacts"), when) if r.kind == kind
    )
    return item.latest[0].value if item.latest and not item.disagree else None


def _ons_code(system, when):
    code = code_on(system.board, when)
    return code.ons_code if code else None


SYSTEMS = Download(
    "systems",
    "Integrated care systems",
    (
        Column("icb_ods_code", "The ICB's ODS code", lambda s, on: s.board.ods_code),
        Column("icb_ons_code", "The ICB's ONS code in force on the date", _ons_code),
        Column("name", "The ICS's name", lambda s, on: s.name),
        Column("icb_legal_name", "The ICB's legal name", lambda s, on: s.board.legal_name),
        Column("region_ods_code", "NHS England region's Y-code", lambda s, on: s.region.ods_code),
        Column("region", "NHS England region", lambda s, on: s.region.name),
        Column("annex_number", "Number on the map of July 2022", lambda s, on: s.annex_number),
        Column("start_date", "First day in force", lambda s, on: s.start_date),
        Column(
            "end_date",
            "First day no longer in force (empty: still in force)",
            lambda s, on: s.end_date,
        ),
        Column(
            "registered_patients",
            "Patients registered at its GP practices: the count on or before the date (empty: "
            "none so early)",
            lambda s, on: _patients(s, on, "count"),
        ),
        Column(
            "registered_patients_on",
            "Extract date of that count",
            lambda s, on: _patients(s, on, "extract_date"),
        ),
        Column(
            "website",
            "Website, as last reported on or before the date (empty: unknown)",
            lambda s, on: _reported(s, on, BoardContact.Kind.WEBSITE),
        ),
        Column(
            "place_based_partnerships",
            "Place-based partnerships recorded as working in it on the date",
            lambda s, on: s.place_count,
        ),
        Column(
            "provider_collaboratives",
            "Provider collaboratives recorded as working in it on the date",
            lambda s, on: s.collaborative_count,
        ),
        Column("as_at", "The date the row is as at", lambda s, on: on),
    ),
)

SUCCESSIONS = Download(
    "changes",
    "Changes to integrated care boards",
    (
        Column("effective_on", "With effect from", lambda link, on: link.effective_on),
        Column(
            "from_ods_code",
            "Predecessor ICB's ODS code",
            lambda link, on: link.predecessor.ods_code,
        ),
        Column("from_name", "Predecessor ICS", lambda link, on: link.predecessor.system.name),
        Column("to_ods_code", "Successor ICB's ODS code", lambda link, on: link.successor.ods_code),
        Column("to_name", "Successor ICS", lambda link, on: link.successor.system.name),
        Column("kind", "merger, split or transfer", lambda link, on: link.kind),
        Column("what_moved", "Which part of the area moved", lambda link, on: link.what_moved),
    ),
)

SERVICES = Download(
    "who-commissions-what",
    "Who commissions what",
    (
        Column("service", "The kind of service", lambda s, on: s.name),
        Column("commissioner", "icb, nhse or nhse_hj", lambda s, on: s.commissioner),
        Column(
            "commissioner_name", "Who commissions it", lambda s, on: s.get_commissioner_display()
        ),
        Column("description", "What the source says of it", lambda s, on: s.description),
    ),
)

DOWNLOADS = (SYSTEMS, SUCCESSIONS, SERVICES)


ROWS_PER_CHUNK = 100


class _Echo:
    def write(self, value):
        return value


def _chunks(rows):
    """The CSV text of `rows`, a hundred rows a chunk: each chunk is a write to the connection,
    which for one row would cost more than writing the row."""
    writer = csv.writer(_Echo())
    chunk = []
    for row in rows:
        chunk.append(writer.writerow(row))
        if len(chunk) == ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def csv_response(download, records, when):
    response = StreamingHttpResponse(
        _chunks(download.rows(records, when)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{download.slug}-{when.isoformat()}.csv"'
    )
    response["Link"] = LINK_HEADER
    return response


def systems_csv(request):
    reject_unknown_parameters(request, SystemFilter.base_filters)
    when = as_at(request)
    filterset = filtered_systems(request.GET, when)
    if not filterset.is_valid():
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
        )
        raise BadRequest(f"The filters are not valid ({problems}).")
    kept = kept_system_records()
    if kept is None:
        systems = filterset.qs.with_local_counts(when)
        return csv_response(SYSTEMS, systems.iterator(chunk_size=100), when)
    # Only which ICSs, in what order, is read; the rest is kept (for each data version), shared
    # by every request: each row wraps its kept record with the date's counts, picked from them.
    slugs = filterset.qs.prefetch_related(None).values_list("slug", flat=True)
    return csv_response(SYSTEMS, (Counted(kept, kept.systems[slug], when) for slug in slugs), when)


class Counted:
    """A kept ICS with the counts of its places and collaboratives on `when` (as
    SystemQuerySet.with_local_counts() counts them)."""

    def __init__(self, records, system, when):
        self.system = system
        kinds = [body.kind for body in local_on(records, system, when)]
        self.place_count = kinds.count(models.LocalPartnership.Kind.PLACE)
        self.collaborative_count = kinds.count(models.LocalPartnership.Kind.PROVIDER_COLLABORATIVE)

    def __getattr__(self, name):
        return getattr(self.system, name)


def successions_csv(request):
    reject_unknown_parameters(request, ("on",))
    records = models.Succession.objects.select_related("predecessor__system", "successor__system")
    return csv_response(SUCCESSIONS, records, as_at(request))


def services_csv(request):
    reject_unknown_parameters(request, ("on",))
    return csv_response(SERVICES, models.CommissionedService.objects.all(), as_at(request))
