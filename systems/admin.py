"""Admin for the systems app: every model editable, searchable by names, former names and codes."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from sources.admin import InForceFilter, SourceAdmin, SourcedAdmin
from sources.models import Source

from . import models
from .scopes import all_in_area, in_area, scope_of

OUTSIDE = "This record is outside the regions and ICSs you edit."


class AreaAdmin(SourcedAdmin):
    """An editor limited to regions or ICSs (EditorScope) sees every record, but changes,
    deletes or adds only records in their area: in every view, inline and bulk action."""

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or in_area(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or in_area(request.user, obj))

    def delete_queryset(self, request, queryset):
        if not all_in_area(request.user, queryset):
            raise PermissionDenied(OUTSIDE)
        super().delete_queryset(request, queryset)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A new record, or one moved by this edit, must lie in the editor's area once saved
        # (the admin's save is one transaction: refusing here undoes it all).
        if not in_area(request.user, form.instance):
            raise PermissionDenied(OUTSIDE)


DATES = ["start_date", "end_date"]


class DatedInline(admin.TabularInline):
    """Dated rows linking to other records (`links`, found by autocomplete)."""

    links = ()
    extra_fields = ()
    extra = 0
    show_change_link = True

    def __init__(self, parent_model, admin_site):
        self.fields = [*self.links, *self.extra_fields, *DATES, "last_checked"]
        self.autocomplete_fields = list(self.links)
        super().__init__(parent_model, admin_site)


class CodeInline(DatedInline):
    extra_fields = ("ons_code", "date_note")


class RegionCodeInline(CodeInline):
    model = models.RegionCode


class BoardCodeInline(CodeInline):
    model = models.BoardCode


class SubICBCodeInline(CodeInline):
    model = models.SubICBCode


class SubICBMembershipInline(DatedInline):
    model = models.SubICBMembership
    links = ("sub_icb", "board")


class ClusterMembershipInline(DatedInline):
    model = models.ClusterMembership
    links = ("cluster", "board")


class CouncilAreaInline(DatedInline):
    model = models.LocalAuthorityArea
    links = ("local_authority", "board")
    extra_fields = ("share",)


class LocalAuthorityPartnerInline(DatedInline):
    model = models.LocalAuthorityPartner
    links = ("local_authority", "board")


class TrustPartnerInline(DatedInline):
    model = models.TrustPartner
    links = ("trust", "board")


class TrustLocationInline(DatedInline):
    model = models.TrustLocation
    links = ("board",)


class PatientCountInline(admin.TabularInline):
    model = models.RegisteredPatients
    fields = ["extract_date", "count", "last_checked"]
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "count":  # room for seven digits and more
            field.widget.attrs["class"] = "vBigIntegerField"
        return field


class BoardContactInline(admin.TabularInline):
    model = models.BoardContact
    fields = [
        "kind",
        "value",
        "qualifier",
        "reported_on",
        "reported_precision",
        "source_url",
        "source_title",
        "last_checked",
    ]
    extra = 0


class PartnershipCouncilInline(DatedInline):
    model = models.PartnershipCouncil
    links = ("local_authority",)


class PartnershipTrustInline(DatedInline):
    model = models.PartnershipTrust
    links = ("trust",)


class PartnershipSystemInline(DatedInline):
    model = models.PartnershipSystem
    links = ("system",)


class ReportInline(admin.TabularInline):
    """The pages that name a body: their name for it, their date and address."""

    model = models.Report
    fields = ["name", "reported_on", "reported_precision", "source_url", "source_title"]
    extra = 0


class BoardInline(admin.StackedInline):
    model = models.IntegratedCareBoard
    fields = ["legal_name", "ods_code", *DATES]
    show_change_link = True
    extra = 0


class SuccessionOutInline(admin.TabularInline):
    model = models.Succession
    extra = 0
    show_change_link = True
    fk_name = "predecessor"
    fields = ["successor", "effective_on", "kind", "what_moved", "last_checked"]
    autocomplete_fields = ["successor"]
    verbose_name_plural = "successors"


class SuccessionInInline(SuccessionOutInline):
    fk_name = "successor"
    fields = ["predecessor", "effective_on", "kind", "what_moved", "last_checked"]
    autocomplete_fields = ["predecessor"]
    verbose_name_plural = "predecessors"


@admin.register(models.Region)
class RegionAdmin(AreaAdmin):
    list_display = ["name", "ods_code", "last_checked"]
    search_fields = ["name", "ods_code", "ons_codes__ons_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RegionCodeInline]


class CodeAdmin(AreaAdmin):
    """ONS codes of one kind of body; `owner` names the body's foreign key."""

    owner = None
    list_filter = [InForceFilter]
    search_fields = ["ons_code"]

    def __init__(self, model, admin_site):
        self.list_display = ["ons_code", self.owner, "start_date", "end_date", "date_note"]
        self.list_select_related = self.autocomplete_fields = [self.owner]
        super().__init__(model, admin_site)


@admin.register(models.RegionCode)
class RegionCodeAdmin(CodeAdmin):
    owner = "region"


@admin.register(models.BoardCode)
class BoardCodeAdmin(CodeAdmin):
    owner = "board"


@admin.register(models.SubICBCode)
class SubICBCodeAdmin(CodeAdmin):
    owner = "sub_icb"


@admin.register(models.IntegratedCareSystem)
class IntegratedCareSystemAdmin(AreaAdmin):
    list_display = [
        "name",
        "annex_number",
        "region",
        "start_date",
        "end_date",
        "designation_display",
        "last_checked",
    ]
    list_filter = [InForceFilter, "region", "designation_precision"]
    list_select_related = ["region"]
    search_fields = [
        "name",
        "also_known_as",
        "slug",
        "board__legal_name",
        "board__ods_code",
        "board__ons_codes__ons_code",
    ]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region"]
    inlines = [BoardInline]

    @admin.display(description="designated")
    def designation_display(self, obj):
        return obj.designation_display


@admin.register(models.IntegratedCareBoard)
class IntegratedCareBoardAdmin(AreaAdmin):
    list_display = [
        "legal_name",
        "ods_code",
        "region",
        "start_date",
        "end_date",
        "last_checked",
    ]
    list_filter = [InForceFilter, "system__region"]
    list_select_related = ["system__region"]
    search_fields = [
        "legal_name",
        "ods_code",
        "ons_codes__ons_code",
        "system__name",
        "system__also_known_as",
    ]
    autocomplete_fields = ["system"]
    inlines = [
        BoardCodeInline,
        BoardContactInline,
        PatientCountInline,
        SuccessionInInline,
        SuccessionOutInline,
        ClusterMembershipInline,
        SubICBMembershipInline,
        LocalAuthorityPartnerInline,
        TrustPartnerInline,
    ]

    @admin.display(description="region", ordering="system__region__name")
    def region(self, obj):
        return obj.system.region


@admin.register(models.Succession)
class SuccessionAdmin(AreaAdmin):
    list_display = ["predecessor", "successor", "effective_on", "kind"]
    list_filter = ["kind", "effective_on"]
    list_select_related = ["predecessor", "successor"]
    search_fields = [
        "predecessor__legal_name",
        "predecessor__ods_code",
        "successor__legal_name",
        "successor__ods_code",
    ]
    autocomplete_fields = ["predecessor", "successor"]


@admin.register(models.Cluster)
class ClusterAdmin(AreaAdmin):
    list_display = ["name", "status", "announced_on", "last_checked"]
    list_filter = ["status"]
    search_fields = ["name", "memberships__board__legal_name", "memberships__board__ods_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ClusterMembershipInline]


class BoardLinkAdmin(AreaAdmin):
    """Dated links between a record (`link`) and an ICB, all listed, filtered and found alike."""

    link = ""
    link_search = ()  # fields of the linked record to search by
    extra_columns = ()
    list_filter = [InForceFilter]

    def __init__(self, model, admin_site):
        self.list_display = [self.link, "board", *self.extra_columns, "start_date", "end_date"]
        self.list_select_related = [self.link, "board"]
        self.search_fields = [
            *(f"{self.link}__{name}" for name in self.link_search),
            "board__legal_name",
            "board__ods_code",
        ]
        self.autocomplete_fields = [self.link, "board"]
        super().__init__(model, admin_site)


@admin.register(models.ClusterMembership)
class ClusterMembershipAdmin(BoardLinkAdmin):
    link, link_search = "cluster", ("name",)
    list_filter = [InForceFilter, "cluster"]


@admin.register(models.SubICBMembership)
class SubICBMembershipAdmin(BoardLinkAdmin):
    link, link_search = "sub_icb", ("ods_code", "name")


@admin.register(models.LocalAuthorityArea)
class LocalAuthorityAreaAdmin(BoardLinkAdmin):
    link, link_search = "local_authority", ("name", "ons_code")
    extra_columns = ("share",)
    list_filter = [InForceFilter, "board__system__region"]


@admin.register(models.LocalAuthorityPartner)
class LocalAuthorityPartnerAdmin(BoardLinkAdmin):
    link, link_search = "local_authority", ("name", "ods_code")


@admin.register(models.TrustPartner)
class TrustPartnerAdmin(BoardLinkAdmin):
    link, link_search = "trust", ("name", "ods_code")


@admin.register(models.TrustLocation)
class TrustLocationAdmin(BoardLinkAdmin):
    link, link_search = "trust", ("name", "ods_code")


@admin.register(models.SubICBLocation)
class SubICBLocationAdmin(AreaAdmin):
    list_display = ["ods_code", "name", "start_date", "end_date", "last_checked"]
    list_filter = [InForceFilter, "memberships__board__system__region"]
    search_fields = ["ods_code", "name", "also_known_as", "ons_codes__ons_code"]
    inlines = [SubICBCodeInline, SubICBMembershipInline]


@admin.register(models.LocalAuthority)
class LocalAuthorityAdmin(AreaAdmin):
    list_display = ["name", "ons_code", "ods_code", "start_date", "end_date", "last_checked"]
    list_filter = [InForceFilter]
    search_fields = ["name", "also_known_as", "ons_code", "ods_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["successor"]
    inlines = [CouncilAreaInline, LocalAuthorityPartnerInline]


@admin.register(models.NHSTrust)
class NHSTrustAdmin(AreaAdmin):
    list_display = ["name", "ods_code", "principal_board", "start_date", "end_date"]
    list_filter = [InForceFilter, "principal_board__system__region"]
    list_select_related = ["principal_board"]
    search_fields = ["name", "ods_code"]
    autocomplete_fields = ["principal_board"]
    inlines = [TrustLocationInline, TrustPartnerInline]


@admin.register(models.BoardContact)
class BoardContactAdmin(AreaAdmin):
    list_display = ["board", "kind", "value", "qualifier", "reported_on", "last_checked"]
    list_filter = ["kind", "board__system__region"]
    list_select_related = ["board"]
    search_fields = ["value", "qualifier", "source_url", "board__legal_name", "board__ods_code"]
    autocomplete_fields = ["board"]


@admin.register(models.RegisteredPatients)
class RegisteredPatientsAdmin(AreaAdmin):
    list_display = ["board", "extract_date", "count", "last_checked"]
    list_filter = ["extract_date"]
    list_select_related = ["board"]
    search_fields = ["board__legal_name", "board__ods_code"]
    autocomplete_fields = ["board"]


class NamedBodyAdmin(AreaAdmin):
    list_display = ["name", "name_verified", "system", "start_date", "end_date", "last_checked"]
    list_select_related = ["system"]
    search_fields = ["name", "also_known_as", "slug", "system__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["system"]


@admin.register(models.Organisation)
class OrganisationAdmin(NamedBodyAdmin):
    list_display = ["name", "kind", "name_verified", "system", "council", "last_checked"]
    list_filter = ["kind", "name_verified", "system__region"]
    autocomplete_fields = ["system", "council"]
    inlines = [ReportInline]


@admin.register(models.IntegratedCarePartnership)
class IntegratedCarePartnershipAdmin(NamedBodyAdmin):
    list_filter = [InForceFilter, "level", "name_verified", "system__region"]
    autocomplete_fields = ["system", "parent"]
    inlines = [ReportInline]


@admin.register(models.LocalPartnership)
class LocalPartnershipAdmin(AreaAdmin):
    list_display = ["name", "kind", "focus", "name_verified", "start_date", "end_date"]
    list_filter = [InForceFilter, "kind", "focus", "name_verified", "systems__region"]
    search_fields = ["name", "also_known_as", "slug", "systems__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["other_members"]
    inlines = [
        PartnershipSystemInline,
        PartnershipCouncilInline,
        PartnershipTrustInline,
        ReportInline,
    ]


@admin.register(models.PartnershipSystem)
class PartnershipSystemAdmin(AreaAdmin):
    list_display = ["partnership", "system", "start_date", "end_date"]
    list_filter = [InForceFilter, "system__region"]
    search_fields = ["partnership__name", "system__name"]
    autocomplete_fields = ["partnership", "system"]


@admin.register(models.Report)
class ReportAdmin(AreaAdmin):
    list_display = ["name", "reported_on", "source_title", "source_url"]
    search_fields = ["name", "source_title", "source_url"]
    autocomplete_fields = ["local_partnership", "partnership", "organisation"]


@admin.register(models.PartnershipCouncil)
class PartnershipCouncilAdmin(AreaAdmin):
    list_display = ["partnership", "local_authority", "start_date", "end_date"]
    search_fields = ["partnership__name", "local_authority__name"]
    autocomplete_fields = ["partnership", "local_authority"]


@admin.register(models.PartnershipTrust)
class PartnershipTrustAdmin(AreaAdmin):
    list_display = ["partnership", "trust", "start_date", "end_date"]
    search_fields = ["partnership__name", "trust__name", "trust__ods_code"]
    autocomplete_fields = ["partnership", "trust"]


@admin.register(models.CommissionedService)
class CommissionedServiceAdmin(AreaAdmin):
    list_display = ["name", "commissioner", "last_checked"]
    list_filter = ["commissioner"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Initiative)
class InitiativeAdmin(AreaAdmin):
    list_display = ["name", "kind", "parent", "region", "last_checked"]
    list_filter = ["kind", "region"]
    list_select_related = ["parent", "region"]
    search_fields = ["name", "summary", "slug", "organisations__name", "systems__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "region", "systems", "organisations"]


@admin.register(models.PrimaryCareNetwork)
class PrimaryCareNetworkAdmin(AreaAdmin):
    list_display = ["name", "ods_code", "last_checked"]
    search_fields = ["name", "ods_code"]


@admin.register(models.GPPractice)
class GPPracticeAdmin(AreaAdmin):
    list_display = ["name", "ods_code", "postcode", "pcn", "board", "mapped_on"]
    list_select_related = ["pcn", "board"]
    list_filter = ["board"]
    search_fields = ["name", "ods_code", "postcode", "pcn__name"]
    autocomplete_fields = ["pcn", "sub_icb", "board"]


admin.site.unregister(Source)


@admin.register(Source)
class SharedSourceAdmin(SourceAdmin):
    """Sources serve the whole directory: editors limited to an area may add one, and change
    or delete none."""

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or scope_of(request.user) is None)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or scope_of(request.user) is None)

    def delete_queryset(self, request, queryset):
        if scope_of(request.user) is not None:
            raise PermissionDenied(OUTSIDE)
        super().delete_queryset(request, queryset)


@admin.register(models.EditorScope)
class EditorScopeAdmin(admin.ModelAdmin):
    """Which regions and ICSs an editor works on: for superusers to say."""

    list_display = ["user"]
    filter_horizontal = ["regions", "systems"]
    autocomplete_fields = ["user"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission
