"""The public directory's pages. Every page can be viewed as at a date (?on=YYYY-MM-DD)."""

from datetime import date, timedelta

from django.db.models import Max, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from corrections.gaps import data_gaps
from sources.asat import as_at, reject_unknown_parameters
from sources.fixtures import make_slug
from systems import models
from systems.postcodes import Elsewhere, kind_of, lookup
from systems.postcodes import tidy as tidy_postcode

from . import local, pages, postcodes, reports
from .detail_records import COUNCILS, INITIATIVES, LOCAL_PARTNERSHIPS, TRUSTS, council_page
from .filters import SystemFilter
from .search import SearchForm, search_everything
from .system_records import kept_system_records, system_records


class AsAtMixin:
    """Reads ?on= and tells templates whether the page shows the past or the future; refuses
    parameters the page does not take."""

    parameters = ("on",)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        reject_unknown_parameters(request, self.parameters)
        self.on = as_at(request)

    def get_context_data(self, **kwargs):
        today = date.today()
        return super().get_context_data(
            on=self.on,
            today=today,
            past=self.on < today,
            future=self.on > today,
            # What dated_url() adds to links in templates: the date a past or future view shows.
            dated_query="" if self.on == today else "?" + urlencode({"on": self.on.isoformat()}),
            **kwargs,
        )


class HomeView(AsAtMixin, TemplateView):
    template_name = "directory/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["regions"] = pages.regions_with_counts(self.on)
        context["change"] = pages.latest_reorganisation()
        context["last_checked"] = models.IntegratedCareSystem.objects.aggregate(
            latest=Max("last_checked")
        )["latest"]
        context["search_form"] = SearchForm()
        return context


class RegionListView(AsAtMixin, TemplateView):
    template_name = "directory/regions.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(regions=pages.regions_with_counts(self.on), **kwargs)


class RegionView(AsAtMixin, DetailView):
    model = models.Region
    template_name = "directory/region.html"
    context_object_name = "region"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The region's ICSs with where each went: kept for the data version, or read now.
        kept = kept_system_records()
        if kept is None:
            systems = self.object.systems.select_related("board").prefetch_related(
                Prefetch(
                    "board__successions_out",
                    queryset=models.Succession.objects.select_related("successor__system"),
                )
            )
            found, kept_systems = list(systems), None
        else:
            found = [s for s in kept.systems.values() if s.region_id == self.object.pk]
            kept_systems = kept.by_board_code
        context["in_force"] = in_force = [s for s in found if s.in_force_on(self.on)]
        context["numbered"] = any(system.annex_number for system in in_force)  # the 2022 map's
        boards = [system.board for system in in_force]
        context["map"] = pages.area_map(boards, self.on, kept_systems)
        context["ended"] = [s for s in found if s.end_date and s.end_date <= self.on]
        context["codes"] = self.object.ons_codes.all()
        context["csv_url"] = systems_csv_url({"region": self.object.slug, "on": self.on})
        return context


def systems_csv_url(query):
    """The CSV of the ICS list with these filters."""
    return f"{reverse('directory:systems_csv')}?{urlencode(query, doseq=True)}".rstrip("?")


class SystemListView(AsAtMixin, FilterView):
    filterset_class = SystemFilter
    parameters = ("page", *SystemFilter.base_filters)
    template_name = "directory/system_list.html"
    paginate_by = 20
    context_object_name = "systems"

    def get_filterset(self, filterset_class):
        # Always bound, so the list is filtered to what is in force today by default.
        return pages.filtered_systems(self.request.GET, self.on)

    @cached_property
    def kept(self):
        """Every ICS as kept for the data version (for its ICB codes); None if not kept."""
        return kept_system_records()

    def paginate_queryset(self, queryset, page_size):
        # The list shows each ICS's row, ICB codes and patient count on the date. With the
        # records kept for the data version, only which ICSs, in what order, is read; else the
        # rows, with the codes of the page's ICSs alone.
        queryset = queryset.prefetch_related(None)
        if self.kept is None:
            queryset = queryset.with_board_codes().with_patient_series()
        else:  # a few dozen rows: read at once, counted and paged in Python
            queryset = list(queryset.values_list("slug", flat=True))
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["csv_url"] = systems_csv_url(query)
        systems = context["systems"]
        if self.kept is not None:
            systems = [self.kept.systems[slug] for slug in systems]
        context["rows"] = [
            pages.system_row(system, self.on, context["dated_query"]) for system in systems
        ]
        return context


class SystemDetailView(AsAtMixin, DetailView):
    template_name = "directory/system_detail.html"
    context_object_name = "system"

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        self.records = system_records(slug)
        if slug not in self.records.systems:
            current = former_slug(models.IntegratedCareSystem, slug) or system_known_as(slug)
            if current is not None:
                return redirect(current, permanent=True)
            return resolve_code(request, slug)  # /systems/QNQ/ and the like; else a 404
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return self.records.systems[self.kwargs["slug"]]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pages.system_page(self.object, self.on, self.records))
        board = self.object.board
        when = pages.map_date(board, self.on)
        context["map"] = pages.area_map([board], when, self.records.by_board_code)
        if self.object.end_date:
            context["last_day"] = self.object.end_date - timedelta(days=1)
        return context


def former_slug(model, slug):
    """The record that used to have `slug`, from the change history; None if none did."""
    old = model.history.filter(slug=slug).order_by("-history_date").first()
    if old is None:
        return None
    return model.objects.filter(pk=old.id).first()


def system_known_as(slug):
    """The ICS whose name, or one of its other or former names, gives this slug."""
    for system in models.IntegratedCareSystem.objects.all():
        for name in [system.name, *system.other_names]:
            if make_slug(name.removeprefix("NHS ")) == slug or make_slug(name) == slug:
                return system
    return None


class KeptDetailView(AsAtMixin, DetailView):
    """A page of one record, named in its URL by `records.key`, from records kept per data
    version (directory.detail_records)."""

    records = None  # a KeptRecords
    what = "record"  # for the 404 page

    def get_object(self, queryset=None):
        key = self.records.key
        record = self.records.get(self.kwargs[key])
        if record is None or not self.shows(record):
            raise Http404(f"The directory holds no {self.what} at “{self.kwargs[key][:60]}”.")
        return record

    def shows(self, record):
        return True


class CouncilView(KeptDetailView):
    records = COUNCILS
    what = "council"
    template_name = "directory/council.html"
    context_object_name = "council"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**council_page(self.object, self.on), **kwargs)


class TrustView(KeptDetailView):
    records = TRUSTS
    what = "NHS trust"
    template_name = "directory/trust.html"
    context_object_name = "trust"

    def get(self, request, *args, **kwargs):
        code = kwargs["ods_code"]
        if code != code.upper():
            return redirect("directory:trust", ods_code=code.upper(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        trust = self.object
        return super().get_context_data(
            partner_of=list(trust.partnerships.all()),
            located=local.those_on(trust.locations.all(), self.on),
            collaboratives=list(trust.local_partnerships.all()),
            **kwargs,
        )


class LocalPartnershipView(KeptDetailView):
    """A place-based partnership or a provider collaborative: its members, its ICS over time
    and the pages that name it."""

    records = LOCAL_PARTNERSHIPS
    kind = None  # "place" or "collaborative", from the URL
    template_name = "directory/local_partnership.html"
    context_object_name = "body"

    def shows(self, record):
        return record.kind == self.kind

    @property
    def what(self):
        return models.LocalPartnership.Kind(self.kind).label.lower()

    def get_context_data(self, **kwargs):
        links = self.object.system_links.all()
        return super().get_context_data(
            systems_now=[link.system for link in links if link.in_force_on(self.on)], **kwargs
        )


class PostcodeView(AsAtMixin, TemplateView):
    """A postcode and the whole local system around it on a date; or a partial postcode and the
    councils and ICBs it spans."""

    template_name = "directory/postcode.html"

    def get(self, request, *args, **kwargs):
        self.text = postcodes.from_slug(kwargs["postcode"])
        if kind_of(self.text) is None:
            raise Http404(f"“{self.text[:20]}” is not a postcode, like SR1 3QD, SR1 3 or SR1.")
        canonical = postcodes.url_for(self.text)
        if canonical != request.path:
            query = request.META.get("QUERY_STRING")
            return redirect(canonical + (f"?{query}" if query else ""), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(text=self.text, attribution=postcodes.ATTRIBUTION)
        kind, found = postcodes.find(self.text)
        if kind == "outside":
            context["outside"] = found
        elif kind == "postcode" and isinstance(found, Elsewhere):
            context["outside"] = found.country
        elif kind == "postcode" and found:
            (placement,) = postcodes.place([found], self.on)
            context.update(placement=placement, **postcodes.local_system(placement))
            context["map"], context["point"] = postcodes.page_map(placement)
        elif kind == "area" and found:
            councils, boards = postcodes.area_counts(found, self.on)
            context.update(area=found, councils=councils, boards=boards)
        elif kind == "area" and (country := lookup().elsewhere_in_area(self.text.split()[0])):
            context["outside"] = country
        else:
            raise Http404(
                f"{self.text} is not a live postcode in OS Code-Point Open (2025.2): it may be "
                "new, retired or mistyped."
            )
        return context


class PracticeView(AsAtMixin, DetailView):
    """A GP practice: its PCN, sub-ICB location and commissioning ICB, and where its premises
    lie on the date."""

    template_name = "directory/practice.html"
    context_object_name = "practice"
    slug_field = slug_url_kwarg = "ods_code"
    queryset = models.GPPractice.objects.select_related("pcn", "sub_icb", "board__system")

    def get(self, request, *args, **kwargs):
        if kwargs["ods_code"] != kwargs["ods_code"].upper():
            return redirect("directory:practice", ods_code=kwargs["ods_code"].upper())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        premises = lookup().find(tidy_postcode(self.object.postcode))
        if premises and not isinstance(premises, Elsewhere):
            (context["premises"],) = postcodes.place([premises], self.on)
        return context


class PracticeListView(AsAtMixin, DetailView):
    """The GP practices of a primary care network, or of an ICB (by its system's slug)."""

    template_name = "directory/practice_list.html"
    context_object_name = "owner"

    def get_object(self, queryset=None):
        if "pcn" in self.kwargs:
            return get_object_or_404(models.PrimaryCareNetwork, ods_code=self.kwargs["pcn"])
        return get_object_or_404(
            models.IntegratedCareSystem.objects.select_related("board"), slug=self.kwargs["slug"]
        )

    def get_context_data(self, **kwargs):
        owner = self.object
        if isinstance(owner, models.PrimaryCareNetwork):
            practices = owner.practices.all()
        else:
            practices = models.GPPractice.objects.filter(board__system=owner)
        return super().get_context_data(
            practices=practices.select_related("pcn", "sub_icb").order_by("name"), **kwargs
        )


class InitiativeView(KeptDetailView):
    records = INITIATIVES
    what = "joint-working initiative"
    template_name = "directory/initiative.html"
    context_object_name = "initiative"


class SearchView(AsAtMixin, TemplateView):
    template_name = "directory/search.html"
    parameters = ("on", "q")

    def get(self, request, *args, **kwargs):
        """A postcode, or the start of one that holds postcodes, goes to its page."""
        text = tidy_postcode(request.GET.get("q", ""))
        if kind_of(text):
            kind, found = postcodes.find(text)
            if found or (kind == "area" and lookup().elsewhere_in_area(text.split()[0])):
                target = postcodes.url_for(text)
                if request.GET.get("on"):
                    target += "?" + urlencode({"on": request.GET["on"]})
                return redirect(target)
            self.not_a_live_postcode = kind == "postcode"
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        context["form"] = form
        context["not_a_live_postcode"] = getattr(self, "not_a_live_postcode", False)
        if form.is_valid():
            context["results"] = search_everything(form.cleaned_data["q"], context["dated_query"])
        return context


class CommissioningView(AsAtMixin, TemplateView):
    template_name = "directory/commissioning.html"

    def get_context_data(self, **kwargs):
        services = models.CommissionedService.objects.prefetch_related("sources")
        Commissioner = models.CommissionedService.Commissioner
        return super().get_context_data(
            groups=[
                (label, [s for s in services if s.commissioner == value])
                for value, label in Commissioner.choices
            ],
            **kwargs,
        )


class ChangesView(AsAtMixin, TemplateView):
    template_name = "directory/changes.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(successions=reports.successions(), **kwargs)


class AboutView(AsAtMixin, TemplateView):
    template_name = "directory/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sources=pages.source_rows.value(),
            gaps=data_gaps(self.on),
            postcode_attribution=postcodes.ATTRIBUTION,
            **kwargs,
        )


def resolve_code(request, code):
    """Any ODS or ONS code the directory holds, current or former, leads to its page."""
    code = code.strip().upper()
    board = (
        models.IntegratedCareBoard.objects.filter(Q(ods_code=code) | Q(ons_codes__ons_code=code))
        .select_related("system")
        .first()
    )
    if board:
        return redirect("directory:system", slug=board.system.slug)
    membership = (
        models.SubICBMembership.objects.filter(
            Q(sub_icb__ods_code=code) | Q(sub_icb__ons_codes__ons_code=code)
        )
        .select_related("board__system")
        .order_by("-start_date")
        .first()
    )
    if membership:
        return redirect("directory:system", slug=membership.board.system.slug)
    region = models.Region.objects.filter(Q(ods_code=code) | Q(ons_codes__ons_code=code)).first()
    if region:
        return redirect("directory:region", slug=region.slug)
    council = models.LocalAuthority.objects.filter(Q(ons_code=code) | Q(ods_code=code)).first()
    if council:
        return redirect("directory:council", slug=council.slug)
    if models.NHSTrust.objects.filter(ods_code=code).exists():
        return redirect("directory:trust", ods_code=code)
    raise Http404(f"The directory holds no body known as “{code[:40]}”.")
