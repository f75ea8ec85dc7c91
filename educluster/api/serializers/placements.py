"""Placement rounds and their published results."""

from rest_framework import serializers

from educluster.api.serializers.registry import InstitutionRefSerializer
from educluster.placements.models import Assignment, PlacementRound


class RoundSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = PlacementRound
        fields = [
            "id",
            "cluster",
            "kind",
            "title",
            "term",
            "status",
            "method",
            "opens_on",
            "preference_deadline",
            "response_deadline",
            "max_choices",
        ]


class AssignmentSerializer(serializers.ModelSerializer):
    applicant = serializers.CharField(source="applicant.person.full_name", read_only=True)
    host = serializers.IntegerField(source="host_id", read_only=True, allow_null=True)
    institution = InstitutionRefSerializer(
        source="host.institution", read_only=True, allow_null=True
    )

    class Meta:
        model = Assignment
        fields = [
            "id",
            "applicant",
            "host",
            "institution",
            "choice_position",
            "host_rank",
            "response",
            "responded_at",
        ]
