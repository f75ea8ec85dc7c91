"""``/api/v1/`` (the API), ``/api/schema/`` (OpenAPI 3), ``/api/docs/`` (Swagger UI served from
our static files), and the account page's token forms."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from educluster.api.views import (
    agreements,
    domains,
    forecast,
    pathways,
    placements,
    practice,
    registry,
    tokens,
)

app_name = "api"

router = SimpleRouter()
router.register("clusters", registry.ClusterViewSet, basename="cluster")
router.register(
    r"clusters/(?P<cluster_slug>[-\w]+)/members", registry.MemberViewSet, basename="member"
)
router.register(r"clusters/(?P<cluster_slug>[-\w]+)/goals", registry.GoalViewSet, basename="goal")
router.register("indicators", registry.IndicatorViewSet, basename="indicator")
router.register(
    r"indicators/(?P<indicator_pk>\d+)/values", registry.IndicatorValueViewSet, basename="value"
)
router.register("agreements", agreements.AgreementViewSet, basename="agreement")
router.register(
    r"agreements/(?P<agreement_pk>\d+)/events", agreements.AgreementEventViewSet, basename="event"
)
router.register("obligations", agreements.ObligationViewSet, basename="obligation")
router.register("occurrences", agreements.OccurrenceViewSet, basename="occurrence")
router.register("reports", agreements.ReportViewSet, basename="report")
router.register("labs", domains.LabViewSet, basename="lab")
router.register(r"clusters/(?P<cluster_slug>[-\w]+)/terms", domains.TermViewSet, basename="term")
router.register("activities", domains.ActivityViewSet, basename="activity")
router.register("placements", practice.PlacementViewSet, basename="placement")
router.register(r"placements/(?P<placement_pk>\d+)/hours", practice.HoursViewSet, basename="hours")
router.register(
    r"clusters/(?P<cluster_slug>[-\w]+)/forecast-runs",
    forecast.ForecastRunViewSet,
    basename="forecast-run",
)
router.register(
    r"clusters/(?P<cluster_slug>[-\w]+)/forecast-runs/(?P<run_pk>\d+)/results",
    forecast.ForecastResultViewSet,
    basename="forecast-result",
)
router.register("placement-rounds", placements.RoundViewSet, basename="round")
router.register(
    r"placement-rounds/(?P<round_pk>\d+)/results",
    placements.RoundResultViewSet,
    basename="round-result",
)
router.register(
    r"clusters/(?P<cluster_slug>[-\w]+)/continuity",
    pathways.ContinuityViewSet,
    basename="continuity",
)
router.register("projects", domains.ProjectViewSet, basename="project")
router.register("materials", domains.MaterialViewSet, basename="material")
router.register("vacancies", domains.VacancyViewSet, basename="vacancy")
router.register(
    r"clusters/(?P<cluster_slug>[-\w]+)/vacancy-board", domains.BoardViewSet, basename="board"
)
router.register(
    r"clusters/(?P<cluster_slug>[-\w]+)/positions", domains.PositionViewSet, basename="position"
)

v1 = [
    *router.urls,
    path(
        "evidence/<int:pk>/download/",
        agreements.EvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("tokens/", tokens.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
