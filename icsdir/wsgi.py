"""WSGI entry point for the ICS Directory."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icsdir.settings")

application = get_wsgi_application()

# Read the postcode lookup now (under a second), not on the first postcode a visitor asks for.
from systems.postcodes import lookup  # noqa: E402  (needs the settings loaded above)

lookup()
