"""Practice placements and logging practice hours: the page's form validates, the page's
service records (so the mentor is asked for approval exactly as from the page)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from educluster.api.serializers.practice import (
    HoursDecisionSerializer,
    PlacementSerializer,
    PracticeLogSerializer,
)
from educluster.api.views.base import ApiViewMixin, ReadViewSet, form_data
from educluster.schoollabs import selectors, services
from educluster.schoollabs.forms.practice import HoursForm
from educluster.schoollabs.models import Placement, PracticeLog


class PlacementViewSet(ReadViewSet):
    """Practice placements the account may see (coordinators, hosts, supervisors, the trainee
    and the mentor), as the practice pages."""

    queryset = Placement.objects.none()
    serializer_class = PlacementSerializer
    filterset_fields = {"lab": ["exact"], "status": ["exact"], "term": ["exact"]}
    ordering_fields = ["id"]

    def get_queryset(self) -> QuerySet[Placement]:
        return selectors.placements_for(self.request.user)


class HoursViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """A placement's practice log; the trainee ``POST``s a day's hours for the mentor, who
    approves them (``…/approve/``) or returns them with a comment (``…/return/``), as the
    placement page's buttons do."""

    queryset = PracticeLog.objects.none()
    serializer_class = PracticeLogSerializer
    ordering_fields = ["date", "id"]
    ordering = ["date", "id"]

    def placement(self) -> Placement:
        return selectors.placement_for_user(self.request.user, self.kwargs["placement_pk"])

    def get_queryset(self) -> QuerySet[PracticeLog]:
        if getattr(self, "swagger_fake_view", False):
            return PracticeLog.objects.none()
        return self.placement().logs.all()

    @extend_schema(summary="Log practice hours", responses={201: PracticeLogSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        placement = self.placement()
        if not request.user.has_perm("schoollabs.log_hours", placement):
            raise PermissionDenied
        fields = list(HoursForm.base_fields)
        form = HoursForm(form_data(request.data, HoursForm, fields), placement=placement)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        log = services.hours_log(actor=request.user, placement=placement, **form.cleaned_data)
        return Response(PracticeLogSerializer(log).data, status=status.HTTP_201_CREATED)

    def _decide(self, request: Request, approve: bool) -> Response:
        placement = self.placement()
        if not request.user.has_perm("schoollabs.decide_hours", placement):
            raise PermissionDenied
        log = self.get_object()
        form = HoursDecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        log = services.hours_decide(
            actor=request.user, log=log, approve=approve, comment=form.validated_data["comment"]
        )
        return Response(PracticeLogSerializer(log).data)

    @extend_schema(
        request=HoursDecisionSerializer,
        responses={200: PracticeLogSerializer},
        summary="Approve submitted practice hours",
    )
    @action(detail=True, methods=["post"], serializer_class=HoursDecisionSerializer)
    def approve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._decide(request, approve=True)

    @extend_schema(
        request=HoursDecisionSerializer,
        responses={200: PracticeLogSerializer},
        summary="Return submitted practice hours with a comment",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="return",
        url_name="return",
        serializer_class=HoursDecisionSerializer,
    )
    def return_(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._decide(request, approve=False)
