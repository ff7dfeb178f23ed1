"""Admin for people and their seats; the ICB page also lists its board."""

from django.contrib import admin

from sources.admin import InForceFilter
from systems.admin import AreaAdmin, IntegratedCareBoardAdmin
from systems.models import IntegratedCareBoard

from .models import BoardMembership, PartnershipMembership, Person


class BoardMembershipInline(admin.TabularInline):
    model = BoardMembership
    fields = ["person", "role", "title", "represents", "start_date", "end_date", "last_checked"]
    autocomplete_fields = ["person", "board"]
    extra = 0
    show_change_link = True


class PartnershipMembershipInline(BoardMembershipInline):
    model = PartnershipMembership
    autocomplete_fields = ["person", "partnership"]


@admin.register(Person)
class PersonAdmin(AreaAdmin):
    list_display = ["name", "last_checked"]
    search_fields = ["name", "slug", "board_memberships__title"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BoardMembershipInline, PartnershipMembershipInline]


class MembershipAdmin(AreaAdmin):
    list_display = ["person", "role", "title", "start_date", "end_date", "last_checked"]
    search_fields = ["person__name", "title", "represents"]


@admin.register(BoardMembership)
class BoardMembershipAdmin(MembershipAdmin):
    list_display = ["person", "board", "role", "title", "start_date", "end_date"]
    list_filter = [InForceFilter, "role", "board__system__region"]
    list_select_related = ["person", "board"]
    autocomplete_fields = ["person", "board"]


@admin.register(PartnershipMembership)
class PartnershipMembershipAdmin(MembershipAdmin):
    list_filter = [InForceFilter, "role"]
    list_select_related = ["person", "partnership"]
    autocomplete_fields = ["person", "partnership"]


admin.site.unregister(IntegratedCareBoard)


@admin.register(IntegratedCareBoard)
class BoardWithMembersAdmin(IntegratedCareBoardAdmin):
    inlines = [*IntegratedCareBoardAdmin.inlines, BoardMembershipInline]
