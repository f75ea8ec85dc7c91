"""Placement rounds and their published results: each reader sees what the round page shows
them — coordinators every result, an applicant their own, a host's head or mentor that host's."""

from django.db.models import Q, QuerySet
from django.http import Http404
from rest_framework import mixins, viewsets

from educluster.api.serializers.placements import AssignmentSerializer, RoundSerializer
from educluster.api.views.base import ApiViewMixin, ReadViewSet
from educluster.placements.models import Assignment, PlacementRound
from educluster.placements.selectors import access, statistics


class RoundViewSet(ReadViewSet):
    queryset = PlacementRound.objects.none()
    serializer_class = RoundSerializer
    filterset_fields = {"cluster__slug": ["exact"], "kind": ["exact"], "status": ["exact"]}
    ordering_fields = ["id", "opens_on"]

    def get_queryset(self) -> QuerySet[PlacementRound]:
        return access.rounds_for(self.request.user)


class RoundResultViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A published round's results; before publication there is nothing to read here."""

    queryset = Assignment.objects.none()
    serializer_class = AssignmentSerializer
    ordering_fields = ["id", "host_rank"]
    ordering = ["id"]

    def get_queryset(self) -> QuerySet[Assignment]:
        if getattr(self, "swagger_fake_view", False):
            return Assignment.objects.none()
        rnd = access.round_for_user(self.request.user, self.kwargs["round_pk"])
        if not rnd.is_published:
            raise Http404
        results = statistics.round_results(rnd)
        mine = access.round_access(self.request.user, rnd)
        if mine.manages:
            return results
        condition = Q(pk__in=[])
        if mine.applicant is not None:
            condition |= Q(applicant=mine.applicant)
        if mine.hosts:
            condition |= Q(host__in=mine.hosts)
        return results.filter(condition)
