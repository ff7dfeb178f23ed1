"""Who sits on ICB boards and ICPs. Only public office holders, as their sources name them."""

from django.db import models

from sources.models import Dated, Sourced, dated_meta_constraints
from systems.models import IntegratedCareBoard, IntegratedCarePartnership


class Person(Sourced):
    """A public office holder, named as the source names them (titles and honours kept)."""

    SCOPE_PATHS = (
        "board_memberships__board__system",
        "partnership_memberships__partnership__system",
    )

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=150)

    class Meta:
        verbose_name_plural = "people"
        ordering = ["name"]

    def __str__(self):
        return self.name


class BoardRole(models.TextChoices):
    """Role categories that match the statutory minimum of an ICB board, plus the rest."""

    CHAIR = "chair", "Chair"
    CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
    FINANCE_DIRECTOR = "finance", "Director of finance"
    MEDICAL_DIRECTOR = "medical", "Medical director"
    NURSING_DIRECTOR = "nursing", "Director of nursing"
    PARTNER_TRUSTS = "partner_trusts", "Partner member: NHS trusts and foundation trusts"
    PARTNER_PRIMARY_CARE = "partner_primary", "Partner member: primary medical services"
    PARTNER_LOCAL_AUTHORITY = "partner_la", "Partner member: local authorities"
    MENTAL_HEALTH = "mental_health", "Member with mental health expertise"
    NON_EXECUTIVE = "non_executive", "Independent non-executive member"
    OTHER_EXECUTIVE = "other_executive", "Other executive director"
    PARTICIPANT = "participant", "Participant (attends, not a member)"


# Seed 000, section 3: the roles every ICB board must have, and how many of each at least.
STATUTORY_MINIMUM = {
    BoardRole.CHAIR: 1,
    BoardRole.CHIEF_EXECUTIVE: 1,
    BoardRole.FINANCE_DIRECTOR: 1,
    BoardRole.MEDICAL_DIRECTOR: 1,
    BoardRole.NURSING_DIRECTOR: 1,
    BoardRole.PARTNER_TRUSTS: 1,
    BoardRole.PARTNER_PRIMARY_CARE: 1,
    BoardRole.PARTNER_LOCAL_AUTHORITY: 1,
    BoardRole.MENTAL_HEALTH: 1,
    BoardRole.NON_EXECUTIVE: 2,
}
STATUTORY_MINIMUM_MEMBERS = 10


class Membership(Dated, Sourced):
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    title = models.CharField(max_length=200, help_text="The title as the source gives it.")
    represents = models.CharField(
        max_length=200, blank=True, help_text="Who nominated them or whom they represent."
    )

    class Meta(Dated.Meta):
        abstract = True

    def __str__(self):
        return f"{self.person}, {self.title}"


class BoardMembership(Membership):
    SCOPE_PATHS = ("board__system",)
    board = models.ForeignKey(IntegratedCareBoard, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=BoardRole)

    NATURAL_KEY = ("board__ods_code", "person__slug", "role")
    NO_OVERLAP_WITHIN = ("board", "person", "role")

    class Meta(Membership.Meta):
        default_related_name = "board_memberships"
        ordering = ["board", "role", "person__name"]
        constraints = dated_meta_constraints(
            models.UniqueConstraint(fields=["board", "person", "role"], name="board_seat_once")
        )


class PartnershipMembership(Membership):
    SCOPE_PATHS = ("partnership__system",)

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        MEMBER = "member", "Member"
        STAKEHOLDER = "stakeholder", "Involved stakeholder"

    partnership = models.ForeignKey(IntegratedCarePartnership, on_delete=models.CASCADE)
    role = models.CharField(max_length=15, choices=Role)

    NATURAL_KEY = ("partnership__slug", "person__slug", "role")
    NO_OVERLAP_WITHIN = ("partnership", "person", "role")

    class Meta(Membership.Meta):
        verbose_name = "ICP membership"
        default_related_name = "partnership_memberships"
        ordering = ["partnership", "role", "person__name"]
        constraints = dated_meta_constraints(
            models.UniqueConstraint(fields=["partnership", "person", "role"], name="icp_seat_once")
        )
