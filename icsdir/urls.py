"""URL configuration: the admin for editors (the public pages come with the directory issue)."""

from django.contrib import admin
from django.urls import path

admin.site.site_header = "ICS Directory editors"
admin.site.site_title = "ICS Directory admin"
admin.site.index_title = "Keep the directory right"

urlpatterns = [
    path("admin/", admin.site.urls),
]
