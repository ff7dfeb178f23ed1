"""URL configuration: the admin for editors (the public pages come with the directory issue)."""

from django.contrib import admin
from django.urls import path

from sources.admin import needs_attention_view

admin.site.site_header = "ICS Directory editors"
admin.site.site_title = "ICS Directory admin"
admin.site.index_title = "Keep the directory right"

urlpatterns = [
    path(
        "admin/needs-attention/",
        admin.site.admin_view(needs_attention_view),
        name="needs_attention",
    ),
    path("admin/", admin.site.urls),
]
