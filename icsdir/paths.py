"""URL paths worked out once per process: a page or API answer links to hundreds of bodies."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse


def path_of(view_name, *args, prefix=None):
    """reverse(view_name, args=args), remembered: paths depend only on the URL configuration and
    the script prefix (part of the key; give it when it is known), and the arguments are codes and
    slugs."""
    return _path(get_script_prefix() if prefix is None else prefix, view_name, args)


@lru_cache(maxsize=8192)
def _path(prefix, view_name, args):
    return reverse(view_name, args=args)
