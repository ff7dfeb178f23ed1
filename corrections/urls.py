"""The editors' work list, under the admin's address (icsdir.urls includes it before the admin)."""

from django.contrib import admin
from django.urls import path

from .admin import needs_attention_view

urlpatterns = [
    path(
        "admin/needs-attention/",
        admin.site.admin_view(needs_attention_view),
        name="needs_attention",
    ),
]
