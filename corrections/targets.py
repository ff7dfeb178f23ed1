"""What a reader may suggest a correction to: the records the public pages show, found by the
key in their page's address, with the facts a reader may say are wrong, and where each record
belongs (its ICS and region) so that the right editors see the suggestion."""

from dataclasses import dataclass
from datetime import date

from django.db import models as fields
from django.urls import reverse

from systems import models

NOT_SUGGESTED = {"slug", "last_checked", "name_verified", "designation_precision"}
CONTACT = "contact:"  # a suggested field naming a kind of ICB contact: a new report of it


@dataclass(frozen=True)
class Target:
    model: type
    key: str  # the field the page's address gives: a slug or an ODS code
    page: str  # the public page's URL name
    noun: str
    belongs: object  # record -> the IntegratedCareSystem it belongs to today, or None

    def page_url(self, record):
        return reverse(self.page, args=[getattr(record, self.key)])

    def find(self, value):
        return self.model._default_manager.filter(**{self.key: value}).first()

    def choices(self, record):
        """(name, label, current value) of the record's own facts a reader may say are wrong
        (an ICS's leaders and contacts, reported as at a date, are added by its page)."""
        return [
            (field.name, field.verbose_name.capitalize(), _shown(record, field))
            for field in self.model._meta.concrete_fields
            if field.editable
            and not field.is_relation
            and field.name not in NOT_SUGGESTED
            and isinstance(field, (fields.CharField, fields.TextField, fields.DateField))
        ]

    def region(self, record, system):
        if isinstance(record, models.Region):
            return record
        return system.region if system else None


def _shown(record, field):
    value = getattr(record, field.attname)
    if value in (None, ""):
        return ""
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return record._get_FIELD_display(field) if field.choices else str(value)


def _first(queryset):
    link = queryset.select_related("board__system").first()
    return link.board.system if link else None


def _council_system(council):
    return _first(council.areas.on(date.today()).order_by("-share"))


def _trust_system(trust):
    return _first(trust.locations.on(date.today()))


def _partnership_system(body):
    link = body.system_links.on(date.today()).select_related("system").first()
    return link.system if link else None


TARGETS = {
    "system": Target(
        models.IntegratedCareSystem,
        "slug",
        "directory:system",
        "integrated care system",
        lambda system: system,
    ),
    "region": Target(models.Region, "slug", "directory:region", "NHS region", lambda region: None),
    "council": Target(
        models.LocalAuthority, "slug", "directory:council", "council", _council_system
    ),
    "trust": Target(models.NHSTrust, "ods_code", "directory:trust", "NHS trust", _trust_system),
    "place": Target(
        models.LocalPartnership,
        "slug",
        "directory:place",
        "place-based partnership",
        _partnership_system,
    ),
    "collaborative": Target(
        models.LocalPartnership,
        "slug",
        "directory:collaborative",
        "provider collaborative",
        _partnership_system,
    ),
    "practice": Target(
        models.GPPractice,
        "ods_code",
        "directory:practice",
        "GP practice",
        lambda practice: practice.board.system,
    ),
    "initiative": Target(
        models.Initiative,
        "slug",
        "directory:initiative",
        "initiative",
        lambda initiative: initiative.systems.first(),
    ),
}
