"""Readers suggest corrections: a form on every record's page, no account needed, and a private
page where each reader sees what became of their suggestion."""

from datetime import date, timedelta

from axes.helpers import get_client_ip_address
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView

from corrections.decisions import tell_editors
from corrections.models import MAX_SOURCE, MAX_TEXT, Suggestion, address_hash
from corrections.targets import CONTACT, TARGETS
from systems import models

from .forms import NhsukFormMixin
from .reports import reported_on
from .system_records import kept_system_records

OTHER = "other"
RATE_LIMIT = 5  # suggestions from one network address ...
RATE_WINDOW = timedelta(minutes=10)  # ... in this long


def contact_choices(record):
    """An ICS's leaders and contacts as its page shows them today: a suggestion of one is a new
    report of it."""
    board = getattr(record, "board", None)
    if not isinstance(record, models.IntegratedCareSystem) or board is None:
        return []
    return [
        (
            f"{CONTACT}{item.kind}",
            f"{item.label} of the ICB",
            ", ".join(report.value for report in item.latest),
        )
        for item in reported_on(board.contacts.all(), date.today())
    ]


def kept_record(kind, key):
    """An ICS with its contacts as kept for the data version (directory.system_records), or
    None: then the record is read."""
    kept = kept_system_records() if kind == "system" else None
    return kept and kept.systems.get(key)


class SuggestionForm(NhsukFormMixin, forms.Form):
    field = forms.ChoiceField(label="What is wrong or missing")
    proposed_value = forms.CharField(
        label="What it should say",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For something else, describe what is wrong and what is right.",
    )
    source = forms.CharField(
        label="Where you found it",
        max_length=MAX_SOURCE,
        help_text="The address of a public page, or the title and date of a document.",
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        help_text="Only if an editor may ask you about it. It is never shown on the site.",
    )
    # Left empty by people (it is not shown); filled in by many robots.
    website = forms.CharField(label="Leave this empty", required=False, max_length=200)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [
            ("", "Choose one"),
            *[(name, label) for name, label, _ in choices],
            (OTHER, "Something else"),
        ]
        self.fields["field"].widget.attrs["class"] = "nhsuk-select"
        self.fields["proposed_value"].widget.attrs["class"] = "nhsuk-textarea"
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")


@method_decorator(never_cache, name="dispatch")  # holds a CSRF token: never a shared copy
class SuggestView(FormView):
    template_name = "directory/suggest.html"
    form_class = SuggestionForm

    def dispatch(self, request, kind, key):
        self.target = TARGETS.get(kind)
        self.record = self.target and (kept_record(kind, key) or self.target.find(key))
        if self.record is None:
            raise Http404("There is no such record to suggest a correction to.")
        self.kind = kind
        self.choices = self.target.choices(self.record) + contact_choices(self.record)
        return super().dispatch(request, kind, key)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "choices": self.choices}

    def get_initial(self):
        asked = self.request.GET.get("field", "")
        return {"field": asked} if asked in {name for name, _, _ in self.choices} else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            record=self.record,
            target=self.target,
            target_url=self.target.page_url(self.record),
            choices=self.choices,
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        if data["website"]:  # a robot: thanked, and nothing is kept
            return self.render_to_response(self.get_context_data(form=form, discarded=True))
        # The reader's address as the login lockout sees it (behind a proxy: X-Forwarded-For).
        address = address_hash(get_client_ip_address(self.request) or "")
        recent = Suggestion.objects.filter(
            address=address, created_at__gte=timezone.now() - RATE_WINDOW
        )
        if recent.count() >= RATE_LIMIT:
            context = self.get_context_data(form=form, limited=True)
            return self.render_to_response(context, status=429)
        labels = {name: (label, current) for name, label, current in self.choices}
        label, current = labels.get(data["field"], ("Something else", ""))
        system = self.target.belongs(self.record)
        suggestion = Suggestion.objects.create(
            content_type=ContentType.objects.get_for_model(self.record),
            object_id=self.record.pk,
            record_label=str(self.record)[:300],
            system=system,
            region=self.target.region(self.record, system),
            field="" if data["field"] == OTHER else data["field"],
            field_label=label,
            current_value=current,
            proposed_value=data["proposed_value"],
            source=data["source"],
            email=data["email"],
            address=address,
        )
        tell_editors(suggestion, self.request)
        return redirect(f"{suggestion.get_absolute_url()}?sent=1")


@method_decorator(never_cache, name="dispatch")  # private to the reader who has the address
class SuggestionView(DetailView):
    template_name = "directory/suggestion.html"
    context_object_name = "suggestion"
    slug_field = slug_url_kwarg = "token"
    queryset = Suggestion.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sent="sent" in self.request.GET,
            address=self.request.build_absolute_uri(self.object.get_absolute_url()),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response
