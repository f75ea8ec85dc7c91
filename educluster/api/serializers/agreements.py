"""Agreements, obligations, occurrences, fulfilment reports and their evidence."""

from decimal import Decimal

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from educluster.agreements.models import (
    Agreement,
    AgreementParty,
    AuditEvent,
    EvidenceFile,
    FulfilmentReport,
    Obligation,
    Occurrence,
)
from educluster.api.serializers.registry import InstitutionRefSerializer


class PartySerializer(serializers.ModelSerializer):
    institution = InstitutionRefSerializer(read_only=True)

    class Meta:
        model = AgreementParty
        fields = ["id", "institution", "signatory"]


class AgreementSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    parties = PartySerializer(many=True, read_only=True)
    goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "cluster",
            "number",
            "title",
            "signed_on",
            "valid_from",
            "valid_to",
            "status",
            "termination_reason",
            "predecessor",
            "parties",
            "goals",
            "created_at",
        ]


class ObligationSerializer(serializers.ModelSerializer):
    party = InstitutionRefSerializer(source="party.institution", read_only=True)
    counterpart = InstitutionRefSerializer(source="counterpart.institution", read_only=True)
    responsible = serializers.CharField(
        source="responsible.full_name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Obligation
        fields = [
            "id",
            "agreement",
            "party",
            "counterpart",
            "area",
            "description",
            "recurrence",
            "due_date",
            "target_value",
            "target_unit",
            "evidence_required",
            "responsible",
        ]


class OccurrenceSerializer(serializers.ModelSerializer):
    agreement = serializers.IntegerField(source="obligation.agreement_id", read_only=True)
    display_state = serializers.CharField(read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Occurrence
        fields = [
            "id",
            "obligation",
            "agreement",
            "due_date",
            "state",
            "display_state",
            "is_overdue",
            "confirmed_at",
        ]


class EvidenceSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceFile
        fields = ["id", "original_name", "download"]

    @extend_schema_field(serializers.URLField())
    def get_download(self, evidence: EvidenceFile) -> str:
        path = reverse("api:evidence-download", args=[evidence.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ReportSerializer(serializers.ModelSerializer):
    submitted_by = serializers.CharField(source="submitted_by.display_name", read_only=True)
    decided_by = serializers.CharField(
        source="decided_by.display_name", read_only=True, allow_null=True, default=None
    )
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = FulfilmentReport
        fields = [
            "id",
            "occurrence",
            "version",
            "value_achieved",
            "text",
            "submitted_by",
            "submitted_at",
            "decision",
            "decided_by",
            "decided_at",
            "decision_comment",
            "evidence",
        ]


class AsEnteredDecimalField(serializers.DecimalField):
    """A decimal kept as entered (``4``, not ``4.00``), as the page's form gives it, so that the
    service records the very same audit payload for the same input."""

    def quantize(self, value):
        return value


class ReportFileSerializer(serializers.Serializer):
    """Filing a report: multipart/form-data with zero or more ``evidence`` files."""

    value_achieved = AsEnteredDecimalField(max_digits=10, decimal_places=2, min_value=Decimal(0))
    # Blank text is refused by the service, with the same message as the page.
    text = serializers.CharField(max_length=10000, trim_whitespace=False)
    evidence = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, max_length=10
    )


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("confirm", "confirm"), ("dispute", "dispute")])
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor_name",
            "action",
            "object_type",
            "object_id",
            "payload",
            "hash",
            "prev_hash",
        ]
