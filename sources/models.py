"""Where every fact comes from, and the dated, sourced bases that the directory's models share."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

# An editor should re-check a record against its sources at least this often.
STALE_AFTER = timedelta(days=183)


class NaturalKeyManager(models.Manager):
    """Finds records by the fields named in the model's NATURAL_KEY (official codes, slugs)."""

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.model.NATURAL_KEY, values, strict=True)))


class Source(models.Model):
    class Kind(models.TextChoices):
        SEED = "seed", "Source document"
        DATASET = "dataset", "Public dataset"
        DERIVED = "derived", "Dataset derived from public datasets"
        CURATED = "curated", "Curated table of documented facts"
        WEB = "web", "Public web page (its facts kept in a curated table)"
        SUGGESTION = "suggestion", "A reader's source, checked by an editor who accepted it"

    slug = models.SlugField(max_length=80, unique=True, help_text="Stable identifier.")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind)
    file_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The file: data/ for the project's tables, else the shared public files "
        "(empty for a reader's source).",
    )
    publisher = models.CharField(max_length=200, blank=True)
    vintage = models.CharField(
        max_length=100, help_text="When the facts in it were true, e.g. 'April 2023'."
    )
    licence = models.CharField(max_length=200, blank=True, help_text="Empty when not stated.")
    url = models.URLField(blank=True, max_length=500, help_text="Where it was published, if known.")
    notes = models.TextField(blank=True, help_text="Caveats an editor should know.")
    checked_on = models.DateField(
        null=True,
        blank=True,
        help_text="When an editor last compared the directory's records with this source.",
    )
    history = HistoricalRecords()

    objects = NaturalKeyManager()
    NATURAL_KEY = ("slug",)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.vintage})"

    def natural_key(self):
        return (self.slug,)


# The change history of every sourced record, with a snapshot of its source links in each entry.
SOURCED_HISTORY = HistoricalRecords(inherit=True, m2m_fields=["sources"])


class Sourced(models.Model):
    """A record that names its sources and when an editor last checked it against them."""

    sources = models.ManyToManyField(
        Source,
        related_name="%(app_label)s_%(class)s_set",
        help_text="Every fact must name at least one source.",
    )
    last_checked = models.DateField(
        help_text="When the record's facts were last compared with one of its sources."
    )
    history = SOURCED_HISTORY

    objects = NaturalKeyManager()
    NATURAL_KEY = ("slug",)

    class Meta:
        abstract = True

    def natural_key(self):
        values = []
        for name in self.NATURAL_KEY:
            field, _, attr = name.partition("__")
            value = getattr(self, field)
            values.append(getattr(value, attr) if attr else value)
        return tuple(values)


def in_force(when, prefix=""):
    """The condition "in force on `when`" for dated records, or for those at `prefix`."""
    started = Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": when})
    not_ended = Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": when})
    return started & not_ended


class DatedQuerySet(models.QuerySet):
    """Records in force on a date: started on or before it and not yet ended."""

    def on(self, when):
        return self.filter(in_force(when))

    def current(self):
        return self.on(date.today())

    def ended_by(self, when):
        return self.filter(end_date__lte=when)


class DatedManager(NaturalKeyManager.from_queryset(DatedQuerySet)):
    pass


class Dated(models.Model):
    """A start date (inclusive) and an end date (exclusive: the first day no longer in force).

    Either may be empty: an empty start means "not known" (treated as always), an empty end
    means still in force.
    """

    start_date = models.DateField(null=True, blank=True, help_text="First day in force.")
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text="First day no longer in force (e.g. 2026-04-01 for 'abolished from 1 April').",
    )

    objects = DatedManager()

    # Sibling rows (same values of these fields) may not overlap in time.
    NO_OVERLAP_WITHIN = ()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gt=F("start_date")),
                name="%(app_label)s_%(class)s_end_after_start",
                violation_error_message="The end date must be after the start date.",
            )
        ]

    def in_force_on(self, when):
        return (self.start_date is None or self.start_date <= when) and (
            self.end_date is None or self.end_date > when
        )

    def _sibling_filter(self):
        """The values that make another row a sibling, or None while any is still unset."""
        values = {}
        for name in self.NO_OVERLAP_WITHIN:
            value = getattr(self, self._meta.get_field(name).attname)
            if value is None:
                return None
            values[self._meta.get_field(name).attname] = value
        return values

    def overlapping_siblings(self):
        siblings_of = self._sibling_filter()
        if not siblings_of:
            return type(self)._default_manager.none()
        siblings = type(self)._default_manager.filter(**siblings_of).exclude(pk=self.pk)
        if self.start_date is not None:
            siblings = siblings.filter(Q(end_date__isnull=True) | Q(end_date__gt=self.start_date))
        if self.end_date is not None:
            siblings = siblings.filter(Q(start_date__isnull=True) | Q(start_date__lt=self.end_date))
        return siblings

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": "The end date must be after the start date."})
        if getattr(self, "overlaps_checked_later", False):
            return  # the fixture loader checks a whole load's dates together (sources.loading)
        clash = self.overlapping_siblings().first()
        if clash is not None:
            raise ValidationError(overlap_message(clash))


def overlap_message(clash):
    return f"Its dates overlap those of {clash}."


def dated_meta_constraints(*extra):
    """Dated's own rules plus a model's: a Meta that sets constraints replaces the inherited."""
    return [*Dated.Meta.constraints, *extra]


class ApproximateDate(models.TextChoices):
    """How precise a date is, when a source gives only a month or a year."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def format_approximate(when, precision):
    if when is None:
        return ""
    if precision == ApproximateDate.YEAR:
        return f"{when.year}"
    if precision == ApproximateDate.MONTH:
        return when.strftime("%B %Y")
    return f"{when.day} {when.strftime('%B %Y')}"
