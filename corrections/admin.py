"""The editors' queue: readers' suggestions, newest first, by region and ICS, each with what
the directory says beside what the reader proposes; an editor accepts or rejects each."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from . import decisions
from .models import Suggestion
from .scopes import in_scope, may_decide
from .targets import CONTACT
from .worklist import work_list


class DecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        choices=[("", "Not yet"), ("accept", "Accept: apply it"), ("reject", "Reject: say why")],
        required=False,
        widget=forms.RadioSelect,
    )
    value = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What to apply, if not exactly as suggested.",
    )
    source_address = forms.CharField(
        required=False,
        max_length=500,
        help_text="The source to attach, if not the reader's (a leader or contact needs a page).",
    )
    reported_on = forms.DateField(
        required=False,
        help_text="A leader or contact: the day the source reports it (default: today).",
    )

    class Meta:
        model = Suggestion
        fields = ["reason"]

    def clean(self):
        cleaned = super().clean()
        decision, suggestion = cleaned.get("decision"), self.instance
        if not decision or self.errors:
            return cleaned
        if suggestion.status != Suggestion.Status.NEW:
            raise ValidationError("This suggestion has already been decided.")
        try:
            if decision == "accept":
                decisions.accept(
                    suggestion,
                    self.editor,
                    value=cleaned.get("value") or None,
                    source=cleaned.get("source_address") or None,
                    reported_on=cleaned.get("reported_on"),
                )
            else:
                decisions.reject(suggestion, self.editor, cleaned.get("reason"))
        except ValidationError as error:
            if hasattr(error, "error_dict"):  # a field of the record: shown on the form
                raise ValidationError(
                    [
                        f"{name}: {message}"
                        for name, messages in error.message_dict.items()
                        for message in messages
                    ]
                ) from error
            raise
        return cleaned


READER_FIELDS = [
    "record_link",
    "field_label",
    "current_value",
    "proposed_value",
    "source",
    "email",
    "created_at",
    "reader_page",
]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    form = DecisionForm
    list_display = [
        "created_at",
        "record_label",
        "field_label",
        "says",
        "proposed",
        "system",
        "status",
    ]
    list_filter = ["status", "region", "system"]
    search_fields = ["record_label", "proposed_value", "source"]
    list_select_related = ["system"]
    readonly_fields = [*READER_FIELDS, "status", "decided_by", "decided_at"]
    fieldsets = [
        ("The reader's suggestion", {"fields": READER_FIELDS}),
        (
            "Decision",
            {
                "fields": [
                    "status",
                    "decision",
                    "value",
                    "source_address",
                    "reported_on",
                    "reason",
                    "decided_by",
                    "decided_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        condition = in_scope(request.user)
        return queryset if condition is None else queryset.filter(condition)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.editor = request.user
        return form

    def has_add_permission(self, request):
        return False  # suggestions come from readers

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_decide(request.user, obj))

    def save_model(self, request, obj, form, change):
        pass  # the decision was applied (or nothing was decided) while the form was checked

    @admin.display(description="The directory says")
    def says(self, suggestion):
        return Truncator(suggestion.current_value or "(nothing)").chars(80)

    @admin.display(description="Suggested")
    def proposed(self, suggestion):
        return Truncator(suggestion.proposed_value).chars(80)

    @admin.display(description="Record")
    def record_link(self, suggestion):
        record = suggestion.record
        if record is None:
            return f"{suggestion.record_label} (no longer in the directory)"
        opts = record._meta
        try:
            edit = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        except NoReverseMatch:
            return suggestion.record_label
        if suggestion.field.startswith(CONTACT):
            edit = reverse("admin:systems_integratedcareboard_change", args=[record.board.pk])
        return format_html('<a href="{}">{}</a>', edit, suggestion.record_label)

    @admin.display(description="The reader's page")
    def reader_page(self, suggestion):
        return format_html('<a href="{0}">{0}</a>', suggestion.get_absolute_url())


def needs_attention_view(request):
    """The editors' work list (corrections.worklist), for the editor's area."""
    context = {
        **admin.site.each_context(request),
        "title": "Needs attention",
        **work_list(request.user),
    }
    return TemplateResponse(request, "admin/needs_attention.html", context)
