"""Forecast runs and their results, cut to the reader's area exactly as the run pages."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django_filters import rest_framework as filters
from rest_framework import mixins

from educluster.api.serializers.forecast import ForecastCellSerializer, ForecastRunSerializer
from educluster.api.views.registry import _InCluster
from educluster.registry.models import Cluster
from educluster.workforce import results, selectors
from educluster.workforce.models import ForecastCell, ForecastRun


class _Readable(_InCluster):
    def readable(self) -> tuple[Cluster, selectors.Area]:
        cluster = self.cluster()
        if not self.request.user.has_perm("workforce.view_aggregates", cluster):
            raise PermissionDenied
        return cluster, selectors.workforce_area(self.request.user, cluster)


class ForecastRunViewSet(_Readable, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The cluster's forecast runs (their inputs are not served)."""

    queryset = ForecastRun.objects.none()
    serializer_class = ForecastRunSerializer
    filterset_fields = ["status", "scenario"]
    ordering_fields = ["created_at", "id"]
    ordering = ["-id"]

    def get_queryset(self) -> QuerySet[ForecastRun]:
        if getattr(self, "swagger_fake_view", False):
            return ForecastRun.objects.none()
        cluster, _area = self.readable()
        return selectors.cluster_runs(cluster)


class CellFilter(filters.FilterSet):
    district = filters.CharFilter(field_name="district__code")
    subject = filters.CharFilter(field_name="subject__code")

    class Meta:
        model = ForecastCell
        fields = ["year", "district", "subject"]


class ForecastResultViewSet(_Readable, mixins.ListModelMixin):
    """A finished run's results per year × district × subject, only for the reader's
    districts (a member head sees its own districts; coordinators and analysts all)."""

    queryset = ForecastCell.objects.none()
    serializer_class = ForecastCellSerializer
    filterset_class = CellFilter
    ordering_fields = ["year", "id"]
    ordering = ["year", "district__code", "subject__order", "id"]

    def get_queryset(self) -> QuerySet[ForecastCell]:
        if getattr(self, "swagger_fake_view", False):
            return ForecastCell.objects.none()
        cluster, area = self.readable()
        run = selectors.run_of(cluster, self.kwargs["run_pk"])
        if run.status != ForecastRun.Status.DONE:
            raise Http404
        return results.run_cells(run, area).select_related("district", "subject")
