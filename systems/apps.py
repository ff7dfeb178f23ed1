from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SystemsConfig(AppConfig):
    name = "systems"
    verbose_name = "Integrated care systems"
    # manage.py build_fixtures: the fixture file this app writes, and its builder
    fixture_file = "02_systems.json"
    fixture_builder = "systems.build.build"

    def ready(self):
        from icsdir import pagecache
        from sources.changes import directory_changed, watch_directory_models

        from . import searchindex

        watch_directory_models()
        # In this order: pages read with a new data version must find the new search text.
        directory_changed.connect(searchindex.rebuild_on_change, dispatch_uid="search-index")
        directory_changed.connect(pagecache.retire_pages, dispatch_uid="page-cache")
        post_migrate.connect(searchindex.rebuild_on_change, sender=self, dispatch_uid="search-mig")
