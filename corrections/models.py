"""Readers' suggestions: what a reader says is wrong on a record, for an editor to accept or
reject. A suggestion never changes the directory by itself."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from systems.models import IntegratedCareSystem, Region

MAX_TEXT = 2000  # characters of a proposed value or an explanation
MAX_SOURCE = 500


def new_token():
    return secrets.token_urlsafe(24)


def address_hash(address):
    """A reader's network address, kept only as a salted hash (for the rate limit)."""
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()


class Suggestion(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "Waiting for an editor"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Not accepted"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    record_label = models.CharField(
        max_length=300, help_text="The record as it was named when the suggestion was made."
    )
    # Where the record belongs, for the editors' queue and their scopes (empty: national).
    system = models.ForeignKey(
        IntegratedCareSystem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    field = models.CharField(
        max_length=60,
        blank=True,
        help_text="The field (or kind of contact: 'contact:chair') said to be wrong; empty: other.",
    )
    field_label = models.CharField(max_length=100)
    current_value = models.TextField(blank=True, help_text="What the record said then.")
    proposed_value = models.TextField(max_length=MAX_TEXT)
    source = models.CharField(
        max_length=MAX_SOURCE, help_text="Where the reader found it: an address or a document."
    )
    email = models.EmailField(blank=True, help_text="Only for the editors' questions.")
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    address = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.NEW)
    reason = models.TextField(
        max_length=MAX_TEXT, blank=True, help_text="Why it was not accepted: the reader sees it."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["address", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(reason=""),
                name="suggestion_rejection_has_reason",
                violation_error_message="Say why the suggestion is not accepted.",
            )
        ]

    def __str__(self):
        return f"Suggestion {self.pk}: {self.field_label} of {self.record_label}"

    def get_absolute_url(self):
        """The reader's private page: what became of it."""
        return reverse("directory:suggestion", args=[self.token])
