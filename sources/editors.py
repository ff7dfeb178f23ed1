"""The Editors group: may view, add, change and delete the directory's records, nothing else."""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
DIRECTORY_APPS = ("sources", "systems", "boards", "corrections")


def ensure_editors_group(**kwargs):
    """Create or update the group after migrate; editing its permissions by hand is undone."""
    group, _ = Group.objects.get_or_create(name=EDITORS)
    permissions = Permission.objects.filter(content_type__app_label__in=DIRECTORY_APPS)
    # Change history is read-only: editors revert through the record, never edit the log.
    permissions = permissions.exclude(
        content_type__model__startswith="historical", codename__regex=r"^(add|change|delete)_"
    )
    # Which areas editors work on is for superusers to say.
    permissions = permissions.exclude(content_type__model="editorscope")
    group.permissions.set(permissions)
