"""The read-only API: every resource as at a date (?on=), addressed by its official codes."""

from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from boards.models import BoardMembership
from directory.boundaries import BY_SLUG
from directory.detail_records import local_partnership_records
from directory.filters import SystemFilter
from directory.system_records import kept_system_records
from icsdir.pagecache import KeptRecords
from sources.asat import as_at
from sources.licence import LINK_HEADER
from sources.models import Source
from systems import models

from . import filters, serializers
from .built import represent

CODE_PATTERN = r"[A-Za-z0-9-]{1,120}"


class DirectoryListViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """A list with ?on= and strict parameters; with retrieve, codes in its URLs (`code_fields`)."""

    lookup_url_kwarg = "code"
    lookup_value_regex = CODE_PATTERN
    code_fields = ()
    dated = True  # list only the records in force on ?on=
    takes_date = True  # every operation documents ?on= (api.schema)
    filterset_class = None
    kind = "record"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):  # other methods get their 405
            request.on = as_at(request, blank_is_today=False)
            self.reject_unknown_parameters(request)

    def reject_unknown_parameters(self, request):
        allowed = {"on"}
        if self.action == "list":
            allowed |= {"page", "page_size"}
            if self.filterset_class:
                allowed |= set(self.filterset_class.base_filters)
        problems = {
            name[:40]: [f"Unknown parameter. Use one of: {', '.join(sorted(allowed))}."]
            for name in sorted(set(request.query_params) - allowed)[:10]
        }
        for name, value in request.query_params.items():
            if name in allowed and not value.strip():
                problems[name] = ["Give a value, or leave the parameter out."]
        if problems:
            raise exceptions.ValidationError(problems)

    kept_rows = False  # answer from records kept per data version (icsdir.pagecache)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.kept_rows and "queryset" in cls.__dict__:
            queryset = cls.queryset
            cls.kept_records = KeptRecords(lambda: queryset.all(), "pk")

    def kept_of(self, ids):
        """The kept records of `ids`, in order; None when they are not all kept (not kept at
        all, or a change committed a moment ago that the data version does not show yet)."""
        kept = self.kept_records.kept() if self.kept_rows else None
        if kept is None or any(pk not in kept for pk in ids):
            return None
        return [kept[pk] for pk in ids]

    def first_kept(self, found):
        """The first of `found`, kept (only its id is read) or else read."""
        pk = found.prefetch_related(None).values_list("pk", flat=True).first()
        if pk is None:
            return None
        kept = self.kept_of([pk])
        return kept[0] if kept else found.filter(pk=pk).first()

    def paginate_queryset(self, queryset):
        """Only which records answer, in what order, is read when they are kept: their ids."""
        if self.kept_rows and self.kept_records.kept() is not None:
            # A few hundred ids at most: read at once, they are counted and paged in Python.
            ids = list(queryset.prefetch_related(None).values_list("pk", flat=True))
            page = self.kept_of(super().paginate_queryset(ids) or [])
            if page is not None:
                return page
        return super().paginate_queryset(queryset)

    def written(self, records, many=False):
        """What the serializer writes of `records`, with its fields made once (api.built)."""
        return represent(self.get_serializer_class(), records, self.get_serializer_context(), many)

    def list(self, request, *args, **kwargs):
        records = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(records)
        if page is None:
            return Response(self.written(records, many=True))
        return self.get_paginated_response(self.written(page, many=True))

    def filter_in_force(self, queryset):
        if self.dated and self.action == "list":
            return queryset.on(self.request.on)
        return queryset

    def get_queryset(self):
        return self.filter_in_force(self.queryset.all())

    def get_object(self):
        """The record any of `code_fields` matches, current or former; 404 if none."""
        code = self.kwargs["code"]
        condition = Q()
        for field in self.code_fields:
            condition |= Q(**{f"{field}__iexact": code})
        found = self.get_queryset().filter(condition).distinct()
        record = self.first_kept(found) if self.kept_rows else found.first()
        if record is None:
            raise exceptions.NotFound(f"No {self.kind} has the code “{code}”.")
        return record


class DirectoryViewSet(mixins.RetrieveModelMixin, DirectoryListViewSet):
    def retrieve(self, request, *args, **kwargs):
        return Response(self.written(self.get_object()))


SUCCESSIONS = models.Succession.objects.select_related(
    "predecessor__system__board", "successor__system__board"
).prefetch_related("sources")


class RegionViewSet(DirectoryViewSet):
    """NHS England regions, by ODS Y-code or ONS code (former codes too)."""

    queryset = models.Region.objects.with_codes().prefetch_related("sources")
    serializer_class = serializers.RegionSerializer
    code_fields = ("ods_code", "ons_codes__ons_code")
    dated = False
    kind = "region"


class SystemViewSet(DirectoryViewSet):
    """Integrated care systems with their ICBs, by the ICB's ODS or ONS code (former too)."""

    queryset = (
        models.IntegratedCareSystem.objects.rows().with_successions().prefetch_related("sources")
    )
    serializer_class = serializers.SystemSerializer
    filterset_class = SystemFilter  # the HTML list's filters, which handle ?on= themselves

    @cached_property
    def kept(self):
        """Every ICS with what its answer shows, as kept for the data version; None if not."""
        return kept_system_records()

    def get_serializer_context(self):
        # What the API writes of each ICS that does not change with the date, written once for
        # the kept records (and gone with them); for records read now, once for this request.
        unchanging = {} if self.kept is None else self.kept.unchanging
        return super().get_serializer_context() | {"unchanging": unchanging}

    def get_queryset(self):
        queryset = super().get_queryset()
        # With the rows kept, only which ICSs answer, and in what order, is read.
        return queryset if self.kept is None else queryset.prefetch_related(None)

    def paginate_queryset(self, queryset):
        if self.kept is None:
            return super().paginate_queryset(queryset)
        slugs = list(queryset.values_list("slug", flat=True))  # counted and paged in Python
        page = super().paginate_queryset(slugs)
        return page and [self.kept.systems[slug] for slug in page]

    def get_object(self):
        if self.kept is not None:
            system = self.kept.by_code.get(self.kwargs["code"].upper())
            if system is not None:
                return system
        found = super().get_object()
        return found if self.kept is None else self.kept.systems[found.slug]

    code_fields = ("board__ods_code", "board__ons_codes__ons_code")
    dated = False
    kind = "integrated care board"


def _links(relation, model):
    """Prefetch a record's dated links to ICBs, with each ICB's system, oldest first."""
    return Prefetch(
        relation,
        queryset=model.objects.select_related("board__system__board").order_by("start_date", "pk"),
    )


class CouncilViewSet(DirectoryViewSet):
    """Councils, by ONS code or ODS LA code; with their areas in ICBs on ?on=."""

    kept_rows = True

    queryset = models.LocalAuthority.objects.select_related("successor").prefetch_related(
        "sources", _links("areas", models.LocalAuthorityArea)
    )
    serializer_class = serializers.CouncilSerializer
    filterset_class = filters.CouncilFilter
    code_fields = ("ons_code", "ods_code")
    kind = "council"


class TrustViewSet(DirectoryViewSet):
    """NHS trusts, by ODS code."""

    kept_rows = True

    queryset = models.NHSTrust.objects.select_related(
        "principal_board__system__board"
    ).prefetch_related(
        "sources",
        _links("partnerships", models.TrustPartner),
        _links("locations", models.TrustLocation),
    )
    serializer_class = serializers.TrustSerializer
    filterset_class = filters.TrustFilter
    code_fields = ("ods_code",)
    kind = "NHS trust"


class SubICBViewSet(DirectoryViewSet):
    """Sub-ICB locations (former CCG areas), by ODS code or ONS code (former too)."""

    kept_rows = True

    queryset = models.SubICBLocation.objects.with_codes().prefetch_related(
        "sources", _links("memberships", models.SubICBMembership)
    )
    serializer_class = serializers.SubICBSerializer
    filterset_class = filters.SubICBFilter
    code_fields = ("ods_code", "ons_codes__ons_code")
    kind = "sub-ICB location"


class PracticeViewSet(DirectoryViewSet):
    """GP practices (NHS England's practice mapping), by ODS code."""

    queryset = models.GPPractice.objects.select_related(
        "pcn", "sub_icb", "board__system__board"
    ).prefetch_related("sources")
    serializer_class = serializers.PracticeSerializer
    filterset_class = filters.PracticeFilter
    code_fields = ("ods_code",)
    dated = False
    kind = "GP practice"


class PartnershipViewSet(DirectoryViewSet):
    """Integrated care partnerships (ICPs), by slug: they have no official code."""

    kept_rows = True

    queryset = models.IntegratedCarePartnership.objects.select_related(
        "system__board", "parent"
    ).prefetch_related("sources", "reports")
    serializer_class = serializers.PartnershipSerializer
    filterset_class = filters.PartnershipFilter
    code_fields = ("slug",)
    kind = "partnership"


class LocalPartnershipViewSet(DirectoryViewSet):
    """Place-based partnerships or provider collaboratives (`local_kind`), by slug."""

    kept_rows = True

    queryset = local_partnership_records()
    serializer_class = serializers.LocalPartnershipSerializer
    filterset_class = filters.LocalPartnershipFilter
    code_fields = ("slug",)
    local_kind = None

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.local_kind)


class PlaceViewSet(LocalPartnershipViewSet):
    """Place-based partnerships."""

    local_kind = models.LocalPartnership.Kind.PLACE
    kind = "place-based partnership"


class CollaborativeViewSet(LocalPartnershipViewSet):
    """Provider collaboratives."""

    local_kind = models.LocalPartnership.Kind.PROVIDER_COLLABORATIVE
    kind = "provider collaborative"


class SuccessionViewSet(DirectoryListViewSet):
    """Which ICB took on which abolished or shrinking ICB's area, and when (every date)."""

    queryset = SUCCESSIONS
    serializer_class = serializers.SuccessionSerializer
    filterset_class = filters.SuccessionFilter
    dated = False


class ClusterViewSet(DirectoryViewSet):
    """Clusters of ICBs sharing leadership (every date; memberships carry their dates)."""

    queryset = models.Cluster.objects.prefetch_related(
        "sources",
        Prefetch(
            "memberships",
            queryset=models.ClusterMembership.objects.select_related("board__system__board"),
        ),
    )
    serializer_class = serializers.ClusterSerializer
    code_fields = ("slug",)
    dated = False
    kind = "cluster"


class RoleViewSet(DirectoryListViewSet):
    """Seats on ICB boards held on ?on=, as their sources name them."""

    queryset = BoardMembership.objects.select_related(
        "person", "board__system__board"
    ).prefetch_related("sources")
    serializer_class = serializers.RoleSerializer
    filterset_class = filters.RoleFilter


class SourceViewSet(DirectoryViewSet):
    """The documents and datasets the records cite, by slug."""

    queryset = Source.objects.order_by("kind", "title")
    serializer_class = serializers.SourceSerializer
    code_fields = ("slug",)
    dated = False
    kind = "source"


@extend_schema(
    summary="ICB boundaries as GeoJSON",
    description=(
        "icb-2023: the 42 ICBs, April 2023 to March 2026; icb-2026: the 36 ICBs from April "
        "2026. WGS84 longitude and latitude, simplified. Each feature's ods_code and ons_code "
        "match /api/v1/systems/. Open Government Licence v3.0; contains OS data © Crown "
        "copyright and database right."
    ),
    responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
)
@api_view(["GET"])
def boundaries(request, slug):
    boundary_set = BY_SLUG.get(slug)
    if boundary_set is None:
        raise exceptions.NotFound(f"No boundary set is called “{slug}”: use {', '.join(BY_SLUG)}.")
    if request.query_params:
        raise exceptions.ValidationError({"detail": ["This file takes no parameters."]})
    response = HttpResponse(boundary_set.content, content_type="application/geo+json")
    response.gzipped = boundary_set.gzipped  # sent instead by icsdir.compression
    response.held_in_memory = True  # a copy in the page cache would only be slower to read
    response["Content-Disposition"] = f'inline; filename="{slug}.geojson"'
    response["Link"] = LINK_HEADER
    return response


@extend_schema(exclude=True)
@api_view(["GET"])
def not_found(request):
    raise exceptions.NotFound("Nothing is at this address. The API starts at /api/v1/.")


@extend_schema(exclude=True)
@api_view(["GET"])
def root(request):
    """What the API holds, with links."""
    names = [
        "region", "system", "council", "trust", "subicblocation", "partnership", "place",
        "collaborative", "practice", "succession", "cluster", "role", "source",
    ]  # fmt: skip
    links = {name: request.build_absolute_uri(reverse(f"api:{name}-list")) for name in names}
    for slug in BY_SLUG:
        links[f"boundaries-{slug}"] = request.build_absolute_uri(
            reverse("api:boundaries", args=[slug])
        )
    links["postcodes"] = request.build_absolute_uri(reverse("api:postcodes"))
    links["schema"] = request.build_absolute_uri(reverse("api:schema"))
    links["documentation"] = request.build_absolute_uri(reverse("api:docs"))
    return Response(links)
