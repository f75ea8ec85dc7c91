"""Clusters, members, goals and indicators — scoped as the cluster pages."""

from django.db.models import QuerySet
from django.http import Http404
from django_filters import rest_framework as filters
from rest_framework import viewsets

from educluster.accounts.scoping import cluster_for_user, clusters_for
from educluster.api.serializers.registry import (
    ClusterSerializer,
    GoalSerializer,
    IndicatorSerializer,
    IndicatorValueSerializer,
    MembershipSerializer,
)
from educluster.api.views.base import ApiViewMixin, ReadViewSet
from educluster.registry import selectors
from educluster.registry.models import Cluster, Goal, Indicator, Membership


class ClusterViewSet(ReadViewSet):
    """Clusters the account sees (as the cluster list page)."""

    queryset = Cluster.objects.none()
    serializer_class = ClusterSerializer
    lookup_field = "slug"
    ordering_fields = ["name", "slug", "founded_on", "id"]

    def get_queryset(self) -> QuerySet[Cluster]:
        return clusters_for(self.request.user)


class _InCluster(ApiViewMixin, viewsets.GenericViewSet):
    """Lists nested under ``/clusters/{slug}/``: the cluster must be in the account's scope."""

    def cluster(self) -> Cluster:
        return cluster_for_user(self.request.user, self.kwargs["cluster_slug"])


class MemberFilter(filters.FilterSet):
    role = filters.ChoiceFilter(choices=Membership.Role.choices)
    kind = filters.CharFilter(field_name="institution__kind")
    district = filters.CharFilter(field_name="institution__district__code")
    active = filters.BooleanFilter(method="filter_active")

    class Meta:
        model = Membership
        fields = ["role", "kind", "district", "active"]

    def filter_active(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        active = Membership.objects.active().values("pk")
        return queryset.filter(pk__in=active) if value else queryset.exclude(pk__in=active)


class MemberViewSet(_InCluster, viewsets.mixins.ListModelMixin):
    """The cluster's memberships with their institutions (as the Members page)."""

    queryset = Membership.objects.none()
    serializer_class = MembershipSerializer
    filterset_class = MemberFilter
    ordering_fields = ["institution__name", "start_date", "role", "id"]
    ordering = ["institution__name", "id"]

    def get_queryset(self) -> QuerySet[Membership]:
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return selectors.cluster_memberships(self.cluster())


class GoalViewSet(_InCluster, viewsets.mixins.ListModelMixin):
    """The cluster's strategic goals with their indicators (as the cluster page)."""

    queryset = Goal.objects.none()
    serializer_class = GoalSerializer
    ordering_fields = ["number", "id"]
    ordering = ["number", "id"]

    def get_queryset(self) -> QuerySet[Goal]:
        if getattr(self, "swagger_fake_view", False):
            return Goal.objects.none()
        return selectors.cluster_goals(self.cluster())


class IndicatorViewSet(ReadViewSet):
    """Indicators of the goals of the clusters the account sees; ``values`` over time."""

    queryset = Indicator.objects.none()
    serializer_class = IndicatorSerializer
    filterset_fields = ["goal"]
    ordering_fields = ["id", "name"]

    def get_queryset(self) -> QuerySet[Indicator]:
        return Indicator.objects.filter(goal__cluster__in=clusters_for(self.request.user))


class IndicatorValueViewSet(_InCluster, viewsets.mixins.ListModelMixin):
    """Every recorded value of an indicator, oldest first (from its change history)."""

    queryset = Indicator.history.none()
    serializer_class = IndicatorValueSerializer
    ordering = ["history_date", "history_id"]
    ordering_fields = ["history_date"]

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return Indicator.history.none()
        try:
            indicator = Indicator.objects.filter(
                goal__cluster__in=clusters_for(self.request.user)
            ).get(pk=self.kwargs["indicator_pk"])
        except (Indicator.DoesNotExist, ValueError):
            raise Http404 from None
        return indicator.history.all()
