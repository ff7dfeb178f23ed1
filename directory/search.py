"""Search across every kind of record: names, former names and codes."""

from dataclasses import dataclass

from django import forms
from django.urls import get_script_prefix
from django.utils.formats import date_format

from icsdir.pagecache import PerVersion
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
    """One search result as the page lists it: the record's name, its page (a view and the code or
    slug it takes; none: it has no page) and what tells it apart from others of the same name.
    The same on every date: a dated page's link adds the date the search page shows (link())."""

    name: str
    page: tuple = ()  # (view name, its argument)
    detail: str = ""
    dated: bool = True  # whether its page shows a date
    fragment: str = ""  # the part of its page to go to

    def link(self, dated_query, prefix):
        """Worked out only for the results shown (a path for each of thousands of records kept
        would cost more than the search); `prefix`: the script prefix (django.urls)."""
        if not self.page:
            return None
        path = path_of(*self.page, prefix=prefix)
        return path + (dated_query if self.dated else "") + self.fragment


@dataclass(frozen=True)
class Kind:
    heading: str
    index: str  # its kind in systems.searchindex
    records: object  # a function giving the queryset of every record of the kind
    result: object  # record -> Result


def _system(system):
    ended = f", abolished {date_format(system.end_date, 'j F Y')}" if system.end_date else ""
    return Result(system.name, ("directory:system", system.slug), system.board.ods_code + ended)


def _organisation(organisation):
    system = organisation.system
    if system is None:
        return Result(organisation.name)
    page = ("directory:system", system.slug)
    return Result(organisation.name, page, system.name, fragment="#contact")


def _practice(practice):
    detail = f"{practice.ods_code}, {practice.postcode}; {practice.board.system.name}"
    return Result(practice.name, ("directory:practice", practice.ods_code), detail, dated=False)


def _local(body):
    page = (f"directory:{body.kind}", body.slug)
    return Result(body.name, page, body.get_kind_display().lower())


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
        lambda council: Result(council.name, ("directory:council", council.slug)),
    ),
    Kind(
        "NHS trusts",
        "trust",
        models.NHSTrust.objects.all,
        lambda trust: Result(trust.name, ("directory:trust", trust.ods_code)),
    ),
    Kind(
        "Sub-ICB locations",
        "sub-icb",
        models.SubICBLocation.objects.all,
        lambda sub_icb: Result(sub_icb.name, ("directory:code", sub_icb.ods_code), dated=False),
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
        lambda initiative: Result(
            initiative.name, ("directory:initiative", initiative.slug), dated=False
        ),
    ),
)


def _every_result():
    """{kind: {id: Result}}: what the search page lists of every record."""
    return {kind.index: {r.pk: kind.result(r) for r in kind.records()} for kind in KINDS}


# The results of every record, kept for the data version beside the search entries
# (systems.searchindex.KEPT): a search reads nothing then.
KEPT = PerVersion(_every_result)


def _results(kind, value, kept):
    """The first RESULTS_PER_KIND results of `kind` that match `value`, in its model's order."""
    ids = searchindex.matching_ids(kind.index, value, first=RESULTS_PER_KIND)
    if kept is not None and isinstance(ids, list) and all(pk in kept[kind.index] for pk in ids):
        return [kept[kind.index][pk] for pk in ids[:RESULTS_PER_KIND]]
    found = kind.records().filter(pk__in=ids)[:RESULTS_PER_KIND]  # not kept yet: read them
    return [kind.result(record) for record in found]


def search_everything(value, dated_query=""):
    """Matches by kind, as the page lists them: [(heading, [(Result, its link)])], reading
    nothing when the results are kept, else a query a kind; links to pages that show a date keep
    `dated_query` (the date the search page shows)."""
    kept = KEPT.get()
    found = [(kind.heading, _results(kind, value, kept)) for kind in KINDS]
    prefix = get_script_prefix()  # read once: a thread's prefix is slow to read
    return [
        (heading, [(result, result.link(dated_query, prefix)) for result in results])
        for heading, results in found
        if results
    ]
