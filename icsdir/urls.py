"""URL configuration: the public directory, and the admin for editors."""

from django.contrib import admin
from django.urls import include, path

from . import errors

admin.site.site_header = "ICS Directory editors"
admin.site.site_title = "ICS Directory admin"
admin.site.index_title = "Keep the directory right"

urlpatterns = [
    path("", include("corrections.urls")),
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
    path("", include("directory.urls")),
]

handler400 = errors.bad_request
handler404 = errors.not_found
handler500 = errors.server_error
