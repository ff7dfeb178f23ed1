from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import docs, postcodes, views

app_name = "api"

router = SimpleRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("systems", views.SystemViewSet, basename="system")
router.register("councils", views.CouncilViewSet, basename="council")
router.register("trusts", views.TrustViewSet, basename="trust")
router.register("sub-icb-locations", views.SubICBViewSet, basename="subicblocation")
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("places", views.PlaceViewSet, basename="place")
router.register("collaboratives", views.CollaborativeViewSet, basename="collaborative")
router.register("practices", views.PracticeViewSet, basename="practice")
router.register("successions", views.SuccessionViewSet, basename="succession")
router.register("clusters", views.ClusterViewSet, basename="cluster")
router.register("roles", views.RoleViewSet, basename="role")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    path("api/", docs.DocsView.as_view(), name="docs"),
    path("api/v1/", views.root, name="root"),
    path("api/v1/schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("api/v1/boundaries/<slug:slug>.geojson", views.boundaries, name="boundaries"),
    path("api/v1/postcodes/", postcodes.postcodes, name="postcodes"),
    path("api/v1/postcodes/<str:code>/", postcodes.postcode, name="postcode"),
    path("api/v1/", include(router.urls)),
    re_path(r"^api/v1/", views.not_found),  # anything else under the API: a JSON 404
]
