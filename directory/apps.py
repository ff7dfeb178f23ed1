from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The public site: pages, search, downloads and maps over the systems app's records."""

    name = "directory"
    verbose_name = "Public directory"
