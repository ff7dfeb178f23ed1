"""The editors' admin: shared pieces, the sources, and the "needs attention" list."""

from datetime import date

from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.timezone import localtime
from simple_history.admin import SimpleHistoryAdmin

from .history import restore_source_links, snapshot_latest
from .models import Source, Sourced


class InForceFilter(admin.SimpleListFilter):
    """In force today, ended, or not started yet (for models with start and end dates)."""

    title = "in force"
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("today", "In force today"), ("ended", "Ended"), ("future", "Not started yet")]

    def queryset(self, request, queryset):
        today = date.today()
        if self.value() == "today":
            return queryset.on(today)
        if self.value() == "ended":
            return queryset.ended_by(today)
        if self.value() == "future":
            return queryset.filter(start_date__gt=today)
        return queryset


class SourcesInline(admin.TabularInline):
    """The source links of the parent record, with the sources found by autocomplete."""

    extra = 0
    autocomplete_fields = ["source"]
    verbose_name = "source"
    verbose_name_plural = "sources (every record needs at least one)"

    def __init__(self, parent_model, admin_site):
        self.model = parent_model.sources.through  # each sourced model has its own table
        super().__init__(parent_model, admin_site)


class StaleEditForm(forms.ModelForm):
    """Refuses a save from a form opened before someone else saved the record: never a silent
    overwrite of another editor's change. The form carries the latest change it was opened at."""

    seen_change = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_change"].initial = self._latest_change_id()

    def _latest_change(self):
        return self.instance.history.order_by("-history_date", "-history_id").first()

    def _latest_change_id(self):
        latest = self._latest_change()
        return str(latest.history_id) if latest else ""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # Hold the row until this save commits, so two saves cannot both pass the check.
            type(self.instance)._default_manager.select_for_update().filter(
                pk=self.instance.pk
            ).exists()
            latest = self._latest_change()
            if latest and cleaned.get("seen_change") != str(latest.history_id):
                who = latest.history_user or "a fixture load"
                when = localtime(latest.history_date).strftime("%-d %B %Y at %H:%M:%S")
                raise forms.ValidationError(
                    f"This record was changed by {who} on {when}, after you opened this form. "
                    "Review it (open it again) and save again.",
                    code="stale",
                )
        return cleaned


class SourcedAdmin(SimpleHistoryAdmin):
    """Change history (who and when, with revert), a sources inline for every record, and no
    silent overwrite of another editor's change."""

    form = StaleEditForm
    exclude = ("sources",)
    list_per_page = 50

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), SourcesInline]

    def save_model(self, request, obj, form, change):
        if getattr(request, "reverting_to", None):
            obj._change_reason = f"Reverted to change {request.reverting_to}"
        elif not getattr(obj, "_change_reason", None):
            obj._change_reason = "Edited in the admin" if change else "Added in the admin"
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if not getattr(inline_form.instance, "_change_reason", None):
                inline_form.instance._change_reason = f"Edited with {form.instance} in the admin"
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        snapshot_latest(form.instance)  # the sources inline is saved after the record's entry

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":  # a revert is a change: the history page alone lets any
            record = self.get_object(request, object_id)  # viewer post one
            if record is None or not self.has_change_permission(request, record):
                raise PermissionDenied
        request.reverting_to = version_id  # save_model names the entry it reverts to
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:  # reverted
            record = self.model._default_manager.get(pk=object_id)
            restore_source_links(record, version_id)
        return response


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "vintage", "licence", "file_name"]
    list_filter = ["kind"]
    search_fields = ["title", "slug", "file_name", "publisher", "notes"]
    prepopulated_fields = {"slug": ["title"]}


def sourced_models():
    return [model for model in apps.get_models() if issubclass(model, Sourced)]


def needs_attention(model, stale_before):
    """What of `model` an editor should look at: (problem, queryset) pairs."""
    manager = model._default_manager
    checks = [
        ("No source", manager.filter(sources__isnull=True)),
        ("Not checked for six months", manager.filter(last_checked__lt=stale_before)),
    ]
    if any(field.name == "name_verified" for field in model._meta.fields):
        checks.append(("Name not verified", manager.filter(name_verified=False)))
    if hasattr(model, "needs_attention_checks"):  # a model's own checks of its data
        checks.extend(model.needs_attention_checks())
    return checks
