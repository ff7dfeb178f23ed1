from django.urls import path

from . import downloads, feeds, suggestions, views

app_name = "directory"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("regions/", views.RegionListView.as_view(), name="regions"),
    path("regions/<slug:slug>/", views.RegionView.as_view(), name="region"),
    path("regions/<slug:slug>/changes.atom", feeds.RegionFeed(), name="region_feed"),
    path("systems/", views.SystemListView.as_view(), name="system_list"),
    path("systems/download.csv", downloads.systems_csv, name="systems_csv"),
    path("systems/<slug:slug>/", views.SystemDetailView.as_view(), name="system"),
    path("systems/<slug:slug>/changes.atom", feeds.SystemFeed(), name="system_feed"),
    path("councils/<slug:slug>/", views.CouncilView.as_view(), name="council"),
    path("trusts/<str:ods_code>/", views.TrustView.as_view(), name="trust"),
    path("places/<slug:slug>/", views.LocalPartnershipView.as_view(kind="place"), name="place"),
    path(
        "collaboratives/<slug:slug>/",
        views.LocalPartnershipView.as_view(kind="collaborative"),
        name="collaborative",
    ),
    path("practices/<str:ods_code>/", views.PracticeView.as_view(), name="practice"),
    path("pcns/<str:pcn>/", views.PracticeListView.as_view(), name="pcn"),
    path(
        "systems/<slug:slug>/practices/", views.PracticeListView.as_view(), name="system_practices"
    ),
    path("postcodes/<str:postcode>/", views.PostcodeView.as_view(), name="postcode"),
    path("initiatives/<slug:slug>/", views.InitiativeView.as_view(), name="initiative"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("who-commissions-what/", views.CommissioningView.as_view(), name="commissioning"),
    path("who-commissions-what/download.csv", downloads.services_csv, name="commissioning_csv"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("changes/download.csv", downloads.successions_csv, name="changes_csv"),
    path("changes/feed.atom", feeds.DirectoryFeed(), name="feed"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("code/<str:code>/", views.resolve_code, name="code"),
    path("suggest/<str:kind>/<str:key>/", suggestions.SuggestView.as_view(), name="suggest"),
    path("suggestions/<str:token>/", suggestions.SuggestionView.as_view(), name="suggestion"),
]
