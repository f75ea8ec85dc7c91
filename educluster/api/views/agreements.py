"""Agreements and mutual control: reads scoped as the agreement pages, writes through the same
services (so the same audit events are recorded)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponseBase
from django.urls import reverse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from educluster.agreements import selectors, services
from educluster.agreements.models import (
    Agreement,
    AgreementParty,
    AuditEvent,
    FulfilmentReport,
    Obligation,
    Occurrence,
)
from educluster.agreements.models.obligations import Area, Recurrence
from educluster.api.serializers.agreements import (
    AgreementSerializer,
    AuditEventSerializer,
    DecisionSerializer,
    ObligationSerializer,
    OccurrenceSerializer,
    ReportFileSerializer,
    ReportSerializer,
)
from educluster.api.views.base import ApiViewMixin, ReadViewSet
from educluster.core.files import file_response


def _require(request: Request, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


class AgreementFilter(filters.FilterSet):
    cluster = filters.CharFilter(field_name="cluster__slug")
    status = filters.ChoiceFilter(choices=Agreement.Status.choices)
    institution = filters.NumberFilter(field_name="parties__institution", distinct=True)

    class Meta:
        model = Agreement
        fields = ["cluster", "status", "institution"]


class AgreementViewSet(ReadViewSet):
    """Agreements the account reads (parties' staff, coordinators, analysts, responsible)."""

    queryset = Agreement.objects.none()
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter
    ordering_fields = ["number", "valid_from", "valid_to", "signed_on", "id"]

    def get_queryset(self) -> QuerySet[Agreement]:
        return selectors.agreements_for(self.request.user).prefetch_related(
            Prefetch("parties", queryset=AgreementParty.objects.select_related("institution")),
            "goals",
        )


class AgreementEventViewSet(ApiViewMixin, viewsets.mixins.ListModelMixin, viewsets.GenericViewSet):
    """The agreement's audit events (its hash chain), newest first, as its Events page."""

    queryset = AuditEvent.objects.none()
    serializer_class = AuditEventSerializer
    ordering_fields = ["id", "at"]
    ordering = ["-id"]

    def get_queryset(self) -> QuerySet[AuditEvent]:
        if getattr(self, "swagger_fake_view", False):
            return AuditEvent.objects.none()
        agreement = selectors.agreement_for_user(self.request.user, self.kwargs["agreement_pk"])
        return selectors.agreement_events(agreement)


class ObligationFilter(filters.FilterSet):
    area = filters.ChoiceFilter(choices=Area.choices)
    recurrence = filters.ChoiceFilter(choices=Recurrence.choices)
    party = filters.NumberFilter(field_name="party__institution")
    counterpart = filters.NumberFilter(field_name="counterpart__institution")
    cluster = filters.CharFilter(field_name="agreement__cluster__slug")

    class Meta:
        model = Obligation
        fields = ["agreement", "area", "recurrence", "party", "counterpart", "cluster"]


class ObligationViewSet(ReadViewSet):
    queryset = Obligation.objects.none()
    serializer_class = ObligationSerializer
    filterset_class = ObligationFilter
    ordering_fields = ["id", "due_date", "area"]

    def get_queryset(self) -> QuerySet[Obligation]:
        return Obligation.objects.filter(
            agreement__in=selectors.agreements_for(self.request.user)
        ).select_related("party__institution", "counterpart__institution", "responsible")


class OccurrenceFilter(filters.FilterSet):
    agreement = filters.NumberFilter(field_name="obligation__agreement")
    cluster = filters.CharFilter(field_name="obligation__agreement__cluster__slug")
    state = filters.ChoiceFilter(choices=Occurrence.State.choices)
    due_after = filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_before = filters.DateFilter(field_name="due_date", lookup_expr="lte")

    class Meta:
        model = Occurrence
        fields = ["obligation", "agreement", "cluster", "state", "due_after", "due_before"]


class OccurrenceViewSet(ReadViewSet):
    """Dated occurrences of obligations; ``POST …/reports/`` files a fulfilment report."""

    queryset = Occurrence.objects.none()
    serializer_class = OccurrenceSerializer
    filterset_class = OccurrenceFilter
    ordering_fields = ["due_date", "id", "state"]
    ordering = ["due_date", "id"]

    def get_queryset(self) -> QuerySet[Occurrence]:
        return Occurrence.objects.filter(
            obligation__agreement__in=selectors.agreements_for(self.request.user)
        ).select_related("obligation")

    @extend_schema(
        request={"multipart/form-data": ReportFileSerializer},
        responses={201: ReportSerializer},
        summary="File a fulfilment report with evidence",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="reports",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
        serializer_class=ReportFileSerializer,
    )
    def file_report(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The obliged party reports the occurrence as met (as the occurrence page's form)."""
        occurrence = selectors.occurrence_for_user(request.user, kwargs["pk"])
        _require(request, "agreements.report_obligation", occurrence.obligation)
        form = ReportFileSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        report = services.report_submit(
            actor=request.user,
            occurrence=occurrence,
            value_achieved=form.validated_data["value_achieved"],
            text=form.validated_data["text"],
            files=form.validated_data["evidence"],
        )
        return _report_response(request, report.pk, status.HTTP_201_CREATED)


def _report_response(request: Request, pk: int, code: int) -> Response:
    report = _reports(request.user).get(pk=pk)
    location = request.build_absolute_uri(reverse("api:report-detail", args=[pk]))
    data = ReportSerializer(report, context={"request": request}).data
    return Response(data, status=code, headers={"Location": location})


def _reports(user: Any) -> QuerySet[FulfilmentReport]:
    return (
        FulfilmentReport.objects.filter(
            occurrence__obligation__agreement__in=selectors.agreements_for(user)
        )
        .select_related("submitted_by__person", "decided_by__person")
        .prefetch_related("evidence")
    )


class ReportFilter(filters.FilterSet):
    agreement = filters.NumberFilter(field_name="occurrence__obligation__agreement")
    obligation = filters.NumberFilter(field_name="occurrence__obligation")
    decision = filters.ChoiceFilter(choices=FulfilmentReport.Decision.choices)

    class Meta:
        model = FulfilmentReport
        fields = ["occurrence", "obligation", "agreement", "decision"]


class ReportViewSet(ReadViewSet):
    """Fulfilment reports; ``POST …/decision/`` confirms or disputes one (the counterpart)."""

    queryset = FulfilmentReport.objects.none()
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    ordering_fields = ["submitted_at", "decided_at", "id"]

    def get_queryset(self) -> QuerySet[FulfilmentReport]:
        return _reports(self.request.user)

    @extend_schema(
        request=DecisionSerializer,
        responses={200: ReportSerializer},
        summary="Confirm or dispute a fulfilment report",
    )
    @action(detail=True, methods=["post"], serializer_class=DecisionSerializer)
    def decision(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The controlling party's decision (as the occurrence page's buttons)."""
        report = selectors.report_for_user(request.user, kwargs["pk"])
        _require(request, "agreements.decide_report", report.occurrence.obligation)
        form = DecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.report_decide(
            actor=request.user,
            report=report,
            confirm=form.validated_data["decision"] == "confirm",
            comment=form.validated_data["comment"],
        )
        return _report_response(request, report.pk, status.HTTP_200_OK)


class EvidenceDownloadView(ApiViewMixin, APIView):
    """An evidence file, to those who read its agreement (as the page's download link)."""

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        summary="Download an evidence file",
    )
    def get(self, request: Request, pk: int) -> HttpResponseBase:
        evidence = selectors.evidence_for_user(request.user, pk)
        return file_response(evidence.file, download_name=evidence.original_name)
