"""Practice placements at School-Labs and the hours trainees log."""

from rest_framework import serializers

from educluster.schoollabs.models import Placement, PracticeLog


class PlacementSerializer(serializers.ModelSerializer):
    term = serializers.CharField(source="term.name", read_only=True)
    student = serializers.CharField(source="student.full_name", read_only=True)
    mentor = serializers.CharField(source="mentor.full_name", read_only=True, allow_null=True)

    class Meta:
        model = Placement
        fields = ["id", "lab", "term", "student", "mentor", "planned_hours", "status"]


class PracticeLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = PracticeLog
        fields = ["id", "date", "hours", "activity", "description", "status", "mentor_comment"]
        read_only_fields = ["status", "mentor_comment"]


class HoursDecisionSerializer(serializers.Serializer):
    """The mentor's comment; required when the hours are returned."""

    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
