"""Placement rounds and their published results: each reader sees what the round page shows
them — coordinators every result, an applicant their own, a host's head or mentor that host's."""

from django.db.models import Q, QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from educluster.api.serializers.placements import (
    AssignmentSerializer,
    RoundSerializer,
    RoundStatisticsSerializer,
    statistics_data,
)
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

    @extend_schema(
        responses={200: RoundStatisticsSerializer},
        summary="A published round's statistics",
        description="Seats, applicants, matched and unmatched, the applicants by the rank of "
        "the choice they got, unfilled seats by district and subject, the answers — the "
        "figures of the round's page, for those who may read them (coordinators, analysts); "
        "404 before publication or for anyone else. No applicant is named.",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def statistics(self, request: Request, *args: object, **kwargs: object) -> Response:
        rnd = self.get_object()
        if not (rnd.is_published and access.round_access(request.user, rnd).reads_statistics):
            raise Http404
        data = statistics_data(statistics.round_statistics(rnd))
        return Response(RoundStatisticsSerializer(data).data)


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
