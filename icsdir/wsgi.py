"""WSGI entry point for the ICS Directory."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icsdir.settings")

# An answer allocates tens of thousands of objects, nearly all freed by reference counting when
# it is sent. Collecting cycles every 700 allocations (Python's default) walked the answer's live
# objects again and again: a sixth of a page's time. Every 10,000 costs a few megabytes at most.
gc.set_threshold(10_000, 10, 10)

application = get_wsgi_application()
