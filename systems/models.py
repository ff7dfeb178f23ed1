"""The integrated care systems of England and everything around them, dated and sourced.

Conventions (see sources.models): every record names its sources; start dates are inclusive and
end dates exclusive, so an ICB "abolished with effect from 1 April 2026" has end_date 2026-04-01.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from sources.models import (
    ApproximateDate,
    Dated,
    Sourced,
    dated_meta_constraints,
    format_approximate,
)

from . import codes
from .querysets import CodedManager, DatedCodedManager, LocalPartnershipManager, SystemManager


class Aliased(models.Model):
    also_known_as = models.TextField(
        blank=True, help_text="Other and former names, one a line; searched like the name."
    )

    class Meta:
        abstract = True

    @property
    def other_names(self):
        return [name for name in self.also_known_as.splitlines() if name.strip()]


class Region(Sourced):
    """An NHS England region. Its ODS Y-code is stable; its ONS code has changed (RegionCode)."""

    SCOPE_PATHS = ("region:",)

    ods_code = models.CharField("ODS code", max_length=3, unique=True, help_text="e.g. Y63")
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    NATURAL_KEY = ("ods_code",)

    objects = CodedManager()

    class Meta:
        ordering = ["name"]
        constraints = [codes.code_format("ods_code", codes.ODS_REGION, "region")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:region", args=[self.slug])


class OnsCode(Dated, Sourced):
    """An ONS (GSS) code held by a body for a period. Former codes stay, so they keep resolving."""

    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    date_note = models.CharField(
        max_length=200, blank=True, help_text="Where a source gives the change date only roughly."
    )

    NATURAL_KEY = ("ons_code",)

    class Meta(Dated.Meta):
        abstract = True
        # An unknown start is the earliest: say so, as databases differ on where NULLs sort.
        ordering = [F("start_date").asc(nulls_first=True), "ons_code"]

    def __str__(self):
        return self.ons_code


class RegionCode(OnsCode):
    SCOPE_PATHS = ("region:region",)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="ons_codes")
    NO_OVERLAP_WITHIN = ("region",)

    class Meta(OnsCode.Meta):
        verbose_name = "region ONS code"
        constraints = dated_meta_constraints(
            codes.code_format("ons_code", codes.ONS_REGION, "regioncode")
        )


class IntegratedCareSystem(Aliased, Dated, Sourced):
    """A partnership of NHS bodies, councils and others for an area; one ICB is its NHS body."""

    SCOPE_PATHS = ("",)

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(
        max_length=150, help_text="As on NHS England's map, e.g. 'NHS Frimley'.", unique=True
    )
    annex_number = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        unique=True,
        help_text="Number (1 to 42) on the map of the ICSs of 1 July 2022; empty for later ones.",
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="systems")
    designated_on = models.DateField(
        null=True, blank=True, help_text="When designated as an ICS before it became statutory."
    )
    designation_precision = models.CharField(
        max_length=5, choices=ApproximateDate, blank=True, help_text="How precise that date is."
    )

    objects = SystemManager()

    class Meta(Dated.Meta):
        verbose_name = "integrated care system"
        ordering = [F("annex_number").asc(nulls_last=True), "name"]
        constraints = dated_meta_constraints(
            models.CheckConstraint(
                condition=Q(annex_number__isnull=True)
                | Q(annex_number__gte=1, annex_number__lte=42),
                name="ics_annex_number_1_to_42",
                violation_error_message="The annex number runs from 1 to 42.",
            ),
            models.CheckConstraint(
                condition=Q(designated_on__isnull=True, designation_precision="")
                | Q(designated_on__isnull=False) & ~Q(designation_precision=""),
                name="ics_designation_date_has_precision",
                violation_error_message="A designation date needs its precision, and only then.",
            ),
        )

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:system", args=[self.slug])

    @classmethod
    def needs_attention_checks(cls):
        today = date.today()
        systems = cls.objects.on(today)
        return [
            ("No place-based partnership recorded today", systems.without_local("place", today)),
            (
                "No provider collaborative recorded today",
                systems.without_local("collaborative", today),
            ),
            ("No source names its ICP", systems.without_named_icp(today)),
        ]

    @property
    def designation_display(self):
        return format_approximate(self.designated_on, self.designation_precision)


class IntegratedCareBoard(Dated, Sourced):
    """The statutory NHS body of an ICS. Its ODS code never changes or gets reused."""

    SCOPE_PATHS = ("system",)

    system = models.OneToOneField(
        IntegratedCareSystem, on_delete=models.CASCADE, related_name="board"
    )
    legal_name = models.CharField(
        max_length=200, unique=True, help_text="e.g. 'NHS Frimley Integrated Care Board'."
    )
    ods_code = models.CharField("ODS code", max_length=5, unique=True)

    NATURAL_KEY = ("ods_code",)

    class Meta(Dated.Meta):
        verbose_name = "integrated care board"
        ordering = ["legal_name"]
        constraints = dated_meta_constraints(
            codes.code_format("ods_code", codes.ODS_ICB, "icb"),
        )

    def __str__(self):
        return f"{self.legal_name} ({self.ods_code})"

    def clean(self):
        super().clean()
        if self.system_id is None:
            return
        system = self.system
        if system.start_date and (self.start_date is None or self.start_date < system.start_date):
            raise ValidationError({"start_date": "An ICB cannot start before its ICS."})
        if system.end_date and (self.end_date is None or self.end_date > system.end_date):
            raise ValidationError({"end_date": "An ICB cannot outlive its ICS."})


class RegisteredPatients(Sourced):
    """Patients registered at an ICB's GP practices on one extract date: a dated series."""

    SCOPE_PATHS = ("board__system",)

    board = models.ForeignKey(
        IntegratedCareBoard, on_delete=models.CASCADE, related_name="patient_counts"
    )
    extract_date = models.DateField(help_text="The date the count was taken.")
    count = models.PositiveIntegerField()

    NATURAL_KEY = ("board__ods_code", "extract_date")

    class Meta:
        verbose_name = "registered patients count"
        ordering = ["board", "-extract_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "extract_date"], name="patient_count_once_per_extract"
            )
        ]

    def __str__(self):
        return f"{self.board.ods_code}: {self.count} on {self.extract_date}"


class BoardCode(OnsCode):
    SCOPE_PATHS = ("board__system",)
    board = models.ForeignKey(
        IntegratedCareBoard, on_delete=models.CASCADE, related_name="ons_codes"
    )
    NO_OVERLAP_WITHIN = ("board",)

    class Meta(OnsCode.Meta):
        verbose_name = "ICB ONS code"
        constraints = dated_meta_constraints(
            codes.code_format("ons_code", codes.ONS_ICB, "boardcode")
        )


class Succession(Sourced):
    """One link from an abolished or shrinking ICB to the ICB that took on (part of) its area."""

    SCOPE_PATHS = ("predecessor__system", "successor__system")

    class Kind(models.TextChoices):
        MERGER = "merger", "Merger (whole area joins the successor)"
        SPLIT = "split", "Split (the area is divided between successors)"
        TRANSFER = "transfer", "Transfer (part of the area joins an existing ICB)"

    # PROTECT: deleting an ICB must not erase the record of what it became or came from.
    predecessor = models.ForeignKey(
        IntegratedCareBoard, on_delete=models.PROTECT, related_name="successions_out"
    )
    successor = models.ForeignKey(
        IntegratedCareBoard, on_delete=models.PROTECT, related_name="successions_in"
    )
    effective_on = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind)
    what_moved = models.TextField(help_text="Which part of the area moved.")

    NATURAL_KEY = ("predecessor__ods_code", "successor__ods_code")

    class Meta:
        ordering = ["effective_on", "predecessor__legal_name", "successor__legal_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_unique_link"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="succession_not_to_itself",
                violation_error_message="An ICB cannot succeed itself.",
            ),
        ]

    def __str__(self):
        return f"{self.predecessor.ods_code} → {self.successor.ods_code} ({self.effective_on})"


class BoardContact(Sourced):
    """One fact about how to reach an ICB or who leads it, as a source reported it on a date.

    Reports are not dated spans: a chair reported in September 2025 was chair then, and a view
    of a date shows the latest report on or before it, saying when it was reported.
    """

    SCOPE_PATHS = ("board__system",)

    class Kind(models.TextChoices):
        WEBSITE = "website", "Website"
        CHAIR = "chair", "Chair"
        CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
        ADDRESS = "address", "Address"
        PHONE = "phone", "Telephone"
        EMAIL = "email", "Role mailbox"

    board = models.ForeignKey(
        IntegratedCareBoard, on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    value = models.CharField(max_length=300, help_text="A name, address, number or URL.")
    qualifier = models.CharField(
        max_length=150, blank=True, help_text="e.g. interim, designate, shared with another ICB."
    )
    reported_on = models.DateField(
        null=True, blank=True, help_text="The date the source states; empty when it states none."
    )
    reported_precision = models.CharField(max_length=5, choices=ApproximateDate, blank=True)
    source_url = models.URLField(max_length=500, help_text="The page that reports it.")
    source_title = models.CharField(max_length=300, blank=True)

    NATURAL_KEY = ("board__ods_code", "kind", "value", "source_url")

    class Meta:
        verbose_name = "ICB contact or leader (as reported)"
        verbose_name_plural = "ICB contacts and leaders (as reported)"
        ordering = ["board", "kind", "-reported_on", "value", "source_url"]  # total: pages agree
        constraints = [
            models.UniqueConstraint(
                fields=["board", "kind", "value", "source_url"], name="contact_report_once"
            ),
            models.CheckConstraint(
                condition=Q(reported_on__isnull=True) | ~Q(reported_precision=""),
                name="contact_report_date_has_precision",
                violation_error_message="Say how precise the reported date is.",
            ),
        ]

    def __str__(self):
        return f"{self.board.ods_code} {self.kind}: {self.value}"

    @property
    def reported(self):
        return format_approximate(self.reported_on, self.reported_precision)


class Cluster(Sourced):
    """ICBs sharing leadership and teams. NHS England: they stay separate legal bodies."""

    SCOPE_PATHS = ("memberships__board__system",)

    RULE = (
        "Clustering ICBs remain separate legal entities with unchanged boundaries, separate "
        "financial allocations and legal duties (NHS England, 'Integrated care in your area')."
    )

    class Status(models.TextChoices):
        AGREED = "agreed", "Agreed"
        PLANNED = "planned", "Planning assumption"

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=10, choices=Status)
    announced_on = models.DateField(null=True, blank=True)
    announced_precision = models.CharField(max_length=5, choices=ApproximateDate, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def announced_display(self):
        return format_approximate(self.announced_on, self.announced_precision)


class ClusterMembership(Dated, Sourced):
    SCOPE_PATHS = ("board__system",)
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    board = models.ForeignKey(
        IntegratedCareBoard, on_delete=models.CASCADE, related_name="cluster_memberships"
    )

    NATURAL_KEY = ("cluster__slug", "board__ods_code")
    NO_OVERLAP_WITHIN = ("board",)

    class Meta(Dated.Meta):
        constraints = dated_meta_constraints(
            models.UniqueConstraint(fields=["cluster", "board"], name="cluster_member_once")
        )

    def __str__(self):
        return f"{self.board.ods_code} in {self.cluster}"


class SubICBLocation(Aliased, Dated, Sourced):
    """A former CCG area, kept as a reference inside an ICB."""

    SCOPE_PATHS = ("memberships__board__system",)

    ods_code = models.CharField("ODS code", max_length=5, unique=True)
    name = models.CharField(max_length=200)
    covers = models.CharField(
        max_length=300,
        blank=True,
        help_text="The council areas most of it lay in, by small areas (2022 councils).",
    )

    NATURAL_KEY = ("ods_code",)

    objects = DatedCodedManager()

    class Meta(Dated.Meta):
        verbose_name = "sub-ICB location"
        ordering = ["ods_code"]
        constraints = dated_meta_constraints(
            codes.code_format("ods_code", codes.ODS_SUB_ICB, "subicblocation")
        )

    def __str__(self):
        return f"{self.name}"

    @property
    def described(self):
        """'NHS Essex ICB - 06Q (Braintree, Chelmsford and Maldon)': its official name says
        little of where it is."""
        return f"{self.name} ({self.covers})" if self.covers else self.name


class SubICBCode(OnsCode):
    SCOPE_PATHS = ("sub_icb__memberships__board__system",)
    sub_icb = models.ForeignKey(SubICBLocation, on_delete=models.CASCADE, related_name="ons_codes")
    NO_OVERLAP_WITHIN = ("sub_icb",)

    class Meta(OnsCode.Meta):
        verbose_name = "sub-ICB location ONS code"
        constraints = dated_meta_constraints(
            codes.code_format("ons_code", codes.ONS_SUB_ICB, "subicbcode")
        )


class PrimaryCareNetwork(Sourced):
    """A primary care network (PCN): GP practices working together, as NHS England lists it."""

    SCOPE_PATHS = ("practices__board__system",)

    ods_code = models.CharField("ODS code", max_length=6, unique=True)
    name = models.CharField(max_length=200, help_text="As the practice mapping writes it.")

    NATURAL_KEY = ("ods_code",)

    class Meta:
        verbose_name = "primary care network"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:pcn", args=[self.ods_code])


class GPPractice(Sourced):
    """A GP practice, with the PCN, sub-ICB location and ICB that commission its patients' care
    as NHS England's practice mapping of its extract date gives them."""

    SCOPE_PATHS = ("board__system",)

    ods_code = models.CharField("ODS code", max_length=6, unique=True)
    name = models.CharField(max_length=200, help_text="As the practice mapping writes it.")
    postcode = models.CharField(max_length=8)
    pcn = models.ForeignKey(
        PrimaryCareNetwork,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practices",
    )
    sub_icb = models.ForeignKey(
        "SubICBLocation", on_delete=models.PROTECT, related_name="practices"
    )
    board = models.ForeignKey(
        IntegratedCareBoard,
        on_delete=models.PROTECT,
        related_name="practices",
        help_text="The ICB that commissions care for its registered patients.",
    )
    mapped_on = models.DateField(help_text="The extract date of the mapping that places it.")

    NATURAL_KEY = ("ods_code",)

    class Meta:
        verbose_name = "GP practice"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.ods_code})"

    def get_absolute_url(self):
        return reverse("directory:practice", args=[self.ods_code])


class SubICBMembership(Dated, Sourced):
    """Which ICB a sub-ICB location belonged to, and when."""

    SCOPE_PATHS = ("board__system",)

    sub_icb = models.ForeignKey(
        SubICBLocation, on_delete=models.CASCADE, related_name="memberships"
    )
    board = models.ForeignKey(
        IntegratedCareBoard, on_delete=models.CASCADE, related_name="sub_icb_memberships"
    )

    NATURAL_KEY = ("sub_icb__ods_code", "board__ods_code")
    NO_OVERLAP_WITHIN = ("sub_icb",)

    class Meta(Dated.Meta):
        verbose_name = "sub-ICB location in an ICB"
        verbose_name_plural = "sub-ICB locations in ICBs"
        constraints = dated_meta_constraints(
            models.UniqueConstraint(fields=["sub_icb", "board"], name="sub_icb_member_once")
        )

    def __str__(self):
        return f"{self.sub_icb.ods_code} in {self.board.ods_code}"


class LocalAuthority(Aliased, Dated, Sourced):
    """A council. ONS codes cover districts and unitaries; county councils may only have ODS."""

    SCOPE_PATHS = ("areas__board__system",)

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=150)
    ons_code = models.CharField(
        "ONS code", max_length=9, unique=True, null=True, blank=True, help_text="e.g. E06000001"
    )
    ods_code = models.CharField(
        "ODS LA code", max_length=5, unique=True, null=True, blank=True, help_text="e.g. 106"
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text="The council that took over its area when it was abolished.",
    )

    class Meta(Dated.Meta):
        verbose_name = "local authority"
        verbose_name_plural = "local authorities"
        ordering = ["name"]
        constraints = dated_meta_constraints(
            codes.code_format("ons_code", codes.ONS_LOCAL_AUTHORITY, "localauthority"),
            codes.code_format("ods_code", codes.ODS_LOCAL_AUTHORITY, "localauthority"),
            models.CheckConstraint(
                condition=Q(ons_code__isnull=False) | Q(ods_code__isnull=False),
                name="localauthority_has_a_code",
                violation_error_message="A local authority needs an ONS or an ODS code.",
            ),
        )

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:council", args=[self.slug])


class LocalAuthorityArea(Dated, Sourced):
    """A council's area (or part of it) lying in an ICB's area."""

    SCOPE_PATHS = ("board__system",)

    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.CASCADE, related_name="areas"
    )
    board = models.ForeignKey(
        IntegratedCareBoard, on_delete=models.CASCADE, related_name="council_areas"
    )
    share = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        help_text="Share of the council's small areas (LSOAs) in this ICB; below 1 is a split.",
    )

    # A council's share of an ICB can change (Hart: a quarter in 2022, all of it in 2026).
    NATURAL_KEY = ("local_authority__slug", "board__ods_code", "start_date")
    NO_OVERLAP_WITHIN = ("local_authority", "board")

    class Meta(Dated.Meta):
        verbose_name = "council area in an ICB"
        verbose_name_plural = "council areas in ICBs"
        constraints = dated_meta_constraints(
            models.UniqueConstraint(
                fields=["local_authority", "board", "start_date"],
                name="council_area_once_per_icb_and_start",
            ),
            models.CheckConstraint(
                condition=Q(share__gt=0, share__lte=1),
                name="council_area_share_0_to_1",
                violation_error_message="The share runs from just above 0 to 1.",
            ),
        )

    def __str__(self):
        return f"{self.local_authority} in {self.board.ods_code}"

    @property
    def is_split(self):
        return self.share < 1


class NHSTrust(Dated, Sourced):
    SCOPE_PATHS = (
        "locations__board__system",
        "partnerships__board__system",
    )
    ods_code = models.CharField("ODS code", max_length=3, unique=True)
    name = models.CharField(max_length=200)
    principal_board = models.ForeignKey(
        IntegratedCareBoard,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="principal_trusts",
        help_text=(
            "The ICB the trust was assigned to for financial apportionment in 2023; it ends "
            "with that ICB."
        ),
    )
    postcode = models.CharField(
        max_length=8, blank=True, help_text="Its headquarters' postcode, from ODS."
    )

    NATURAL_KEY = ("ods_code",)

    class Meta(Dated.Meta):
        verbose_name = "NHS trust"
        ordering = ["name"]
        constraints = dated_meta_constraints(
            codes.code_format("ods_code", codes.ODS_TRUST, "nhstrust")
        )

    def __str__(self):
        return f"{self.name} ({self.ods_code})"

    def get_absolute_url(self):
        return reverse("directory:trust", args=[self.ods_code])


class TrustLocation(Dated, Sourced):
    """Derived: the ICB whose boundary holds a trust's headquarters postcode, over time."""

    SCOPE_PATHS = ("board__system",)

    trust = models.ForeignKey(NHSTrust, on_delete=models.CASCADE, related_name="locations")
    board = models.ForeignKey(
        IntegratedCareBoard, on_delete=models.CASCADE, related_name="trusts_located"
    )

    NATURAL_KEY = ("trust__ods_code", "board__ods_code", "start_date")
    NO_OVERLAP_WITHIN = ("trust",)

    class Meta(Dated.Meta):
        verbose_name = "trust headquarters location (derived)"
        verbose_name_plural = "trust headquarters locations (derived)"
        constraints = dated_meta_constraints(
            models.UniqueConstraint(
                fields=["trust", "board", "start_date"], name="trust_location_once"
            )
        )

    def __str__(self):
        return f"{self.trust.ods_code} in {self.board.ods_code}"


class ConstitutionPartner(Dated, Sourced):
    """A partner named in an ICB's constitution."""

    SCOPE_PATHS = ("board__system",)

    board = models.ForeignKey(IntegratedCareBoard, on_delete=models.CASCADE)

    class Meta(Dated.Meta):
        abstract = True


class LocalAuthorityPartner(ConstitutionPartner):
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.CASCADE, related_name="partnerships"
    )

    NATURAL_KEY = ("board__ods_code", "local_authority__slug")

    class Meta(ConstitutionPartner.Meta):
        verbose_name = "local authority partner of an ICB"
        verbose_name_plural = "local authority partners of ICBs"
        default_related_name = "local_authority_partners"
        constraints = dated_meta_constraints(
            models.UniqueConstraint(fields=["board", "local_authority"], name="la_partner_once")
        )

    def __str__(self):
        return f"{self.local_authority} partner of {self.board.ods_code}"


class TrustPartner(ConstitutionPartner):
    trust = models.ForeignKey(NHSTrust, on_delete=models.CASCADE, related_name="partnerships")

    NATURAL_KEY = ("board__ods_code", "trust__ods_code")

    class Meta(ConstitutionPartner.Meta):
        verbose_name = "NHS trust partner of an ICB"
        verbose_name_plural = "NHS trust partners of ICBs"
        default_related_name = "trust_partners"
        constraints = dated_meta_constraints(
            models.UniqueConstraint(fields=["board", "trust"], name="trust_partner_once")
        )

    def __str__(self):
        return f"{self.trust.ods_code} partner of {self.board.ods_code}"


RECENT_REPORT = date(2024, 1, 1)  # a page dated before this (or undated) is an old claim


class NamedBody(Aliased, Dated, Sourced):
    """A body whose name a source may not give: then its name is marked unverified."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    name_verified = models.BooleanField(
        default=True, help_text="Untick when no source gives this exact name."
    )

    class Meta(Dated.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def needs_attention_checks(cls):
        """Bodies that only pages from before 2024, or undated ones, name (Report)."""
        named = cls._default_manager.filter(reports__isnull=False)
        return [
            (
                "Named only by pages from before 2024 or undated",
                named.exclude(reports__reported_on__gte=RECENT_REPORT),
            )
        ]


class Organisation(NamedBody):
    """An organisation around an ICS: VCSE alliances, Healthwatch, PCCs, voluntary bodies."""

    SCOPE_PATHS = (
        "system",
        "council__areas__board__system",
    )

    class Kind(models.TextChoices):
        VCSE_ALLIANCE = "vcse_alliance", "VCSE alliance"
        HEALTHWATCH = "healthwatch", "Healthwatch"
        POLICE_AND_CRIME = "pcc", "Police and crime commissioner"
        VOLUNTARY = "voluntary", "Voluntary organisation"
        PUBLIC_SERVICE = "public", "Public service or team"
        NATIONAL = "national", "National NHS body"
        PROVIDER = "provider", "Care provider (not an NHS trust)"

    kind = models.CharField(max_length=15, choices=Kind)
    system = models.ForeignKey(
        IntegratedCareSystem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        help_text="The ICS it works in, if it is local to one.",
    )
    council = models.ForeignKey(
        "LocalAuthority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        help_text="For a local Healthwatch: the upper-tier council whose area it serves.",
    )
    website = models.URLField(blank=True, help_text="Only from a source; empty means unknown.")
    email = models.EmailField(
        blank=True, help_text="A role mailbox from a source only, never a person's own address."
    )
    description = models.TextField(blank=True)


class IntegratedCarePartnership(NamedBody):
    """The statutory joint committee of an ICB and its councils. Some ICSs have area ICPs."""

    SCOPE_PATHS = ("system",)

    class Level(models.TextChoices):
        SYSTEM = "system", "ICP for the whole ICS"
        STRATEGIC = "strategic", "Strategic ICP built from area ICPs"
        AREA = "area", "Area ICP"

    system = models.ForeignKey(
        IntegratedCareSystem, on_delete=models.CASCADE, related_name="partnerships"
    )
    level = models.CharField(max_length=10, choices=Level, default=Level.SYSTEM)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="area_partnerships"
    )
    membership_note = models.TextField(
        blank=True, help_text="Who its members are, as the source describes them."
    )

    class Meta(NamedBody.Meta):
        verbose_name = "integrated care partnership"
        constraints = dated_meta_constraints(
            models.CheckConstraint(
                condition=Q(level="area", parent__isnull=False)
                | ~Q(level="area") & Q(parent__isnull=True),
                name="icp_area_has_strategic_parent",
                violation_error_message="Area ICPs, and only they, sit under a strategic ICP.",
            )
        )


class LocalPartnership(NamedBody):
    """A place-based partnership or a provider collaborative, in the ICS or ICSs it works in.

    Its ICS is dated (PartnershipSystem): one of an ICS abolished in 2026 moves to the successor
    that took its area. Its sources are the pages that name it (Report), with their dates.
    """

    SCOPE_PATHS = ("system_links__system",)

    class Kind(models.TextChoices):
        PLACE = "place", "Place-based partnership"
        PROVIDER_COLLABORATIVE = "collaborative", "Provider collaborative"

    class Focus(models.TextChoices):
        ACUTE = "acute", "Acute"
        MENTAL_HEALTH = "mental_health", "Mental health, learning disability and autism"
        COMMUNITY = "community", "Community"
        SPECIALISED = "specialised", "Specialised"
        OTHER = "other", "Other or several"

    kind = models.CharField(max_length=15, choices=Kind)
    focus = models.CharField(
        max_length=15, choices=Focus, blank=True, help_text="A provider collaborative's services."
    )
    systems = models.ManyToManyField(
        IntegratedCareSystem, through="PartnershipSystem", related_name="local_partnerships"
    )
    councils = models.ManyToManyField(
        LocalAuthority, through="PartnershipCouncil", related_name="local_partnerships"
    )
    trusts = models.ManyToManyField(
        NHSTrust, through="PartnershipTrust", related_name="local_partnerships"
    )
    other_members = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="local_partnerships",
        help_text="Members that are not NHS trusts or councils, as a source names them.",
    )

    objects = LocalPartnershipManager()

    class Meta(NamedBody.Meta):
        verbose_name = "place-based partnership or provider collaborative"
        verbose_name_plural = "place-based partnerships and provider collaboratives"
        constraints = dated_meta_constraints(
            models.CheckConstraint(
                condition=Q(kind="collaborative") | Q(focus=""),
                name="local_partnership_focus_only_for_collaboratives",
                violation_error_message="Only a provider collaborative has a focus.",
            )
        )

    def get_absolute_url(self):
        return reverse(f"directory:{self.kind}", args=[self.slug])

    @property
    def latest_report(self):
        """The latest dated report, else the first undated one (reports are prefetched)."""
        reports = list(self.reports.all())
        return reports[0] if reports else None


class PartnershipSystem(Dated, Sourced):
    """The ICS a place or collaborative works in, for a period."""

    SCOPE_PATHS = ("system",)

    partnership = models.ForeignKey(
        LocalPartnership, on_delete=models.CASCADE, related_name="system_links"
    )
    system = models.ForeignKey(
        IntegratedCareSystem, on_delete=models.PROTECT, related_name="local_partnership_links"
    )

    NATURAL_KEY = ("partnership__slug", "system__slug", "start_date")
    NO_OVERLAP_WITHIN = ("partnership", "system")

    class Meta(Dated.Meta):
        verbose_name = "ICS of a place or collaborative"
        verbose_name_plural = "ICSs of places and collaboratives"

    def __str__(self):
        return f"{self.partnership} in {self.system}"


class Report(Sourced):
    """A public page that names a partnership, alliance or collaborative, with the date it states.

    A body's reports are its history: the name each page gave and when. An undated report is
    shown as "reported in" its page, never as today's fact.
    """

    SCOPE_PATHS = (
        "local_partnership__system_links__system",
        "partnership__system",
        "organisation__system",
    )

    name = models.CharField(max_length=200, help_text="The name exactly as the page writes it.")
    reported_on = models.DateField(
        null=True, blank=True, help_text="The date the page states; empty when it states none."
    )
    reported_precision = models.CharField(max_length=5, choices=ApproximateDate, blank=True)
    source_url = models.URLField(max_length=500, help_text="The page.")
    source_title = models.CharField(max_length=300, blank=True)
    local_partnership = models.ForeignKey(
        LocalPartnership, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    partnership = models.ForeignKey(
        IntegratedCarePartnership,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )

    NATURAL_KEY = ("source_url", "name")

    class Meta:
        ordering = [F("reported_on").desc(nulls_last=True), "source_title"]
        constraints = [
            models.UniqueConstraint(fields=["source_url", "name"], name="report_once"),
            models.CheckConstraint(
                condition=Q(reported_on__isnull=True) | ~Q(reported_precision=""),
                name="report_date_has_precision",
                violation_error_message="Say how precise the reported date is.",
            ),
            models.CheckConstraint(
                condition=Q(
                    local_partnership__isnull=False, partnership__isnull=True,
                    organisation__isnull=True,
                )
                | Q(
                    local_partnership__isnull=True, partnership__isnull=False,
                    organisation__isnull=True,
                )
                | Q(
                    local_partnership__isnull=True, partnership__isnull=True,
                    organisation__isnull=False,
                ),
                name="report_names_one_body",
                violation_error_message="A report names one body.",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.name} ({self.source_title or self.source_url})"

    @property
    def reported(self):
        return format_approximate(self.reported_on, self.reported_precision)


class PartnershipCouncil(Dated, Sourced):
    SCOPE_PATHS = ("partnership__system_links__system",)
    partnership = models.ForeignKey(LocalPartnership, on_delete=models.CASCADE)
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE)

    NATURAL_KEY = ("partnership__slug", "local_authority__slug")
    NO_OVERLAP_WITHIN = ("partnership", "local_authority")

    class Meta(Dated.Meta):
        verbose_name = "member council"

    def __str__(self):
        return f"{self.local_authority} in {self.partnership}"


class PartnershipTrust(Dated, Sourced):
    SCOPE_PATHS = ("partnership__system_links__system",)
    partnership = models.ForeignKey(LocalPartnership, on_delete=models.CASCADE)
    trust = models.ForeignKey(NHSTrust, on_delete=models.CASCADE)

    NATURAL_KEY = ("partnership__slug", "trust__ods_code")
    NO_OVERLAP_WITHIN = ("partnership", "trust")

    class Meta(Dated.Meta):
        verbose_name = "member NHS trust"

    def __str__(self):
        return f"{self.trust} in {self.partnership}"


class CommissionedService(Sourced):
    """Who commissions a kind of service: ICBs, or NHS England (Health and Justice)."""

    class Commissioner(models.TextChoices):
        ICB = "icb", "Integrated care boards"
        HEALTH_AND_JUSTICE = "nhse_hj", "NHS England Health and Justice"
        NHS_ENGLAND = "nhse", "NHS England"

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    commissioner = models.CharField(max_length=10, choices=Commissioner)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["commissioner", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_commissioner_display()})"


class Initiative(Sourced):
    """A joint-working initiative named in a source, with the bodies that deliver it."""

    SCOPE_PATHS = ("systems",)

    class Kind(models.TextChoices):
        PROGRAMME = "programme", "Programme"
        PATHWAY = "pathway", "Pathway within a programme"
        SERVICE = "service", "Co-commissioned service"
        FRAMEWORK = "framework", "Framework"

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind)
    summary = models.TextField()
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="parts"
    )
    systems = models.ManyToManyField(IntegratedCareSystem, blank=True, related_name="initiatives")
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        help_text="For initiatives across a whole region.",
    )
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="initiatives")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:initiative", args=[self.slug])


class SearchEntry(models.Model):
    """The pre-joined names and codes of one record, for text search (systems.searchindex).

    Derived from the directory's records and rebuilt after every change: never edited, never
    in the fixtures, and not part of the change history."""

    DERIVED = True  # changing it is not a change of the directory's data (sources.changes)

    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    names = models.TextField(help_text="Lower-case names, one a line.")
    codes = models.TextField(help_text="Lower-case codes, each between spaces.")

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="systems_search_entry_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class EditorScope(models.Model):
    """The regions and ICSs an editor works on. An editor with no scope (or an empty one) and
    every superuser works on the whole directory."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_scope"
    )
    regions = models.ManyToManyField(Region, blank=True, related_name="+")
    systems = models.ManyToManyField(
        IntegratedCareSystem, blank=True, related_name="+", verbose_name="ICSs"
    )

    class Meta:
        verbose_name = "editor's area"

    def __str__(self):
        return f"Area of {self.user}"
