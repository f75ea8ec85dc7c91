"""Pathways' aggregates: the continuity indicators per year, as the continuity page shows them
to everyone who sees the cluster (no learner is named)."""

from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from educluster.api.serializers.pathways import ContinuityYearSerializer
from educluster.api.views.registry import _InCluster
from educluster.pathways import selectors


class ContinuityViewSet(_InCluster, mixins.ListModelMixin):
    """Per year: new teachers at member schools (and how many were trained in the cluster),
    students admitted (and how many came from member schools and art schools), talented pupils
    identified (and how many enrolled later)."""

    serializer_class = ContinuityYearSerializer
    pagination_class = None  # one row a year
    filter_backends: list = []

    def list(self, request: Request, *args, **kwargs) -> Response:
        rows = selectors.continuity_indicators(self.cluster()).rows
        return Response(self.get_serializer(rows, many=True).data)
