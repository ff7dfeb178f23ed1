"""History entries made before every admin save gave a reason showed "None" as their reason:
they get an empty one (shown as nothing)."""

from django.db import migrations

APPS = ("sources", "systems", "boards")


def no_none(apps, schema_editor):
    for model in apps.get_models():
        fields = {field.name for field in model._meta.get_fields()}
        if model._meta.app_label in APPS and "history_change_reason" in fields:
            model.objects.filter(history_change_reason__isnull=True).update(
                history_change_reason=""
            )


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0004_readers_sources"),
        ("systems", "0008_plural_names"),
        ("boards", "0003_last_checked_meaning"),
    ]

    operations = [migrations.RunPython(no_none, migrations.RunPython.noop)]
