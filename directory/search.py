"""Search across every kind of record: names, former names and codes."""

from dataclasses import dataclass

from django import forms
from django.utils.formats import date_format

from icsdir.paths import path_of
from systems import models, searchindex

from .forms import NhsukFormMixin

RESULTS_PER_KIND = 25


class SearchForm(NhsukFormMixin, forms.Form):
    q = forms.CharField(
        label="Enter a postcode, a place or an organisation",
        help_text=(
            "A postcode or part of one, a name, a former name or a code, for example SR1 3QD, "
            "Sunderland, Frimley or QHM"
        ),
        min_length=2,
        max_length=searchindex.MAX_QUERY,
        validators=[searchindex.validate_words],
        strip=True,
    )


@dataclass(frozen=True)
class Result:
    """One search result as the page lists it: a link to the record's page (none: no page) and
    what tells it apart from others of the same name."""

    name: str
    url: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class Kind:
    heading: str
    index: str  # its kind in systems.searchindex
    records: object  # a function giving the queryset of every record of the kind
    result: object  # (record, dated_query) -> Result


def _system(system, dated):
    ended = f", abolished {date_format(system.end_date, 'j F Y')}" if system.end_date else ""
    url = path_of("directory:system", system.slug) + dated
    return Result(system.name, url, system.board.ods_code + ended)


def _organisation(organisation, dated):
    system = organisation.system
    if system is None:
        return Result(organisation.name)
    url = path_of("directory:system", system.slug) + dated + "#contact"
    return Result(organisation.name, url, system.name)


def _practice(practice, dated):
    detail = f"{practice.ods_code}, {practice.postcode}; {practice.board.system.name}"
    return Result(practice.name, path_of("directory:practice", practice.ods_code), detail)


def _local(body, dated):
    url = path_of(f"directory:{body.kind}", body.slug) + dated
    return Result(body.name, url, body.get_kind_display().lower())


KINDS = (
    Kind(
        "Integrated care systems",
        "system",
        lambda: models.IntegratedCareSystem.objects.select_related("region", "board"),
        _system,
    ),
    Kind(
        "Councils",
        "council",
        models.LocalAuthority.objects.all,
        lambda council, dated: Result(
            council.name, path_of("directory:council", council.slug) + dated
        ),
    ),
    Kind(
        "NHS trusts",
        "trust",
        models.NHSTrust.objects.all,
        lambda trust, dated: Result(trust.name, path_of("directory:trust", trust.ods_code) + dated),
    ),
    Kind(
        "Sub-ICB locations",
        "sub-icb",
        models.SubICBLocation.objects.all,
        lambda sub_icb, dated: Result(sub_icb.name, path_of("directory:code", sub_icb.ods_code)),
    ),
    Kind(
        "GP practices",
        "practice",
        lambda: models.GPPractice.objects.select_related("board__system"),
        _practice,
    ),
    Kind(
        "Place-based partnerships and provider collaboratives",
        "local-partnership",
        models.LocalPartnership.objects.all,
        _local,
    ),
    Kind(
        "Organisations",
        "organisation",
        lambda: models.Organisation.objects.select_related("system"),
        _organisation,
    ),
    Kind(
        "Joint-working initiatives",
        "initiative",
        models.Initiative.objects.all,
        lambda initiative, dated: Result(
            initiative.name, path_of("directory:initiative", initiative.slug)
        ),
    ),
)


def search_everything(value, dated_query=""):
    """Matches by kind, as the page lists them: [(heading, [Result])], in a fixed number of
    queries; links to dated pages keep `dated_query` (the page's date)."""
    results = []
    for kind in KINDS:
        found = searchindex.search(kind.records(), kind.index, value, first=RESULTS_PER_KIND)
        records = found[:RESULTS_PER_KIND]
        if records:
            results.append((kind.heading, [kind.result(record, dated_query) for record in records]))
    return results
