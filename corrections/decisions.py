"""What an editor's decision on a suggestion does, and who is told of a new one.

Accepting applies the suggestion as an ordinary edit by the editor: the record (or, for an ICB's
leader or contact, a new report of it) is validated and saved with the reader's source attached,
and its change history says "From suggestion N" under the editor's name. Rejecting needs a
reason, which the reader sees on their private page.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sources.editors import EDITORS
from sources.history import snapshot_latest
from sources.models import Source
from systems.models import BoardContact

from .models import Suggestion
from .targets import CONTACT

log = logging.getLogger(__name__)


def is_address(text):
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return False
    return True


def accept(suggestion, editor, value=None, source=None, reported_on=None):
    """Apply `suggestion` as `editor`'s edit: `value` (default: as proposed) from `source`
    (default: the reader's), reported on `reported_on` for a new contact report (default:
    today). Free-text suggestions are applied by the editor by hand; accepting records that."""
    value = suggestion.proposed_value if value is None else value
    source = source or suggestion.source
    today = date.today()
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != Suggestion.Status.NEW:
            raise ValidationError("This suggestion has already been decided.")
        record = suggestion.record
        if record is None:
            raise ValidationError("The record this suggestion is about no longer exists.")
        reason = f"From suggestion {suggestion.pk}, accepted by {editor}"
        if suggestion.field.startswith(CONTACT):
            changed = _new_contact(suggestion, record, value, source, reported_on or today)
        elif suggestion.field:
            changed = _edited(record, suggestion.field, value)
        else:
            changed = None
        if changed is not None:
            changed.last_checked = today
            changed._change_reason, changed._history_user = reason, editor
            changed.full_clean()
            changed.save()
            changed.sources.add(_source_of(suggestion, source, editor))
            snapshot_latest(changed)
        suggestion.status = Suggestion.Status.ACCEPTED
        suggestion.decided_by, suggestion.decided_at = editor, timezone.now()
        suggestion.save()
    return suggestion


def reject(suggestion, editor, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why: the reader sees it."})
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != Suggestion.Status.NEW:
            raise ValidationError("This suggestion has already been decided.")
        suggestion.status, suggestion.reason = Suggestion.Status.REJECTED, reason
        suggestion.decided_by, suggestion.decided_at = editor, timezone.now()
        suggestion.save()
    return suggestion


def _edited(record, name, value):
    field = record._meta.get_field(name)
    setattr(record, field.attname, field.to_python(value.strip()) if value.strip() else None)
    if getattr(record, field.attname) is None and not field.null:
        setattr(record, field.attname, "")
    return record


def _new_contact(suggestion, system, value, source, reported_on):
    if not is_address(source):
        raise ValidationError(
            {"source": "A leader or contact needs the address of the page that reports it."}
        )
    return BoardContact(
        board=system.board,
        kind=suggestion.field.removeprefix(CONTACT),
        value=value.strip(),
        reported_on=reported_on,
        reported_precision="day",
        source_url=source,
        source_title=f"Given with suggestion {suggestion.pk}",
    )


def _source_of(suggestion, source, editor):
    """The reader's source as a Source of the directory, attached to what changed."""
    return Source.objects.create(
        slug=f"suggestion-{suggestion.pk}",
        title=source[:300],
        kind=Source.Kind.SUGGESTION,
        file_name="",
        url=source if is_address(source) else "",
        vintage=date.today().strftime("%-d %B %Y"),
        notes=f"Given with suggestion {suggestion.pk}; checked and accepted by {editor}.",
        checked_on=date.today(),
    )


def editors_for(suggestion):
    """The editors to tell of a new suggestion: active staff with an address who may decide it."""
    from django.contrib.auth import get_user_model

    from .scopes import may_decide

    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    users = users.filter(groups__name=EDITORS) | users.filter(is_superuser=True)
    return [user for user in users.distinct() if may_decide(user, suggestion)]


def tell_editors(suggestion, request):
    """Email the editors who may decide `suggestion`; a failing mail server loses only the email."""
    recipients = [user.email for user in editors_for(suggestion)]
    if not recipients:
        return
    link = request.build_absolute_uri(
        reverse("admin:corrections_suggestion_change", args=[suggestion.pk])
    )
    body = (
        f"A reader suggests a correction to {suggestion.record_label}.\n\n"
        f"What is wrong: {suggestion.field_label}\n"
        f"The directory says: {suggestion.current_value or '(nothing)'}\n"
        f"Suggested: {suggestion.proposed_value}\n"
        f"Source: {suggestion.source}\n\n"
        f"Decide it in the editors' queue: {link}\n"
    )
    try:
        send_mail(
            f"Suggestion {suggestion.pk}: {suggestion.record_label}"[:150],
            body,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    except Exception:
        log.warning("The editors could not be told of suggestion %s.", suggestion.pk, exc_info=True)
