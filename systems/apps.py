from django.apps import AppConfig


class SystemsConfig(AppConfig):
    name = "systems"
    verbose_name = "Integrated care systems"

    def ready(self):
        from icsdir.pagecache import watch_directory_models

        watch_directory_models()
