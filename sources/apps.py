from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Sources and provenance"
    fixture_file = "01_sources.json"
    fixture_builder = "sources.build.build"

    def ready(self):
        from .editors import ensure_editors_group

        post_migrate.connect(ensure_editors_group, dispatch_uid="ensure_editors_group")
