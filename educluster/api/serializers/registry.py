"""Clusters, members, goals and indicators."""

from rest_framework import serializers

from educluster.registry.models import Cluster, Goal, Indicator, Institution, Membership


class InstitutionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Institution
        fields = ["id", "code", "name", "short_name", "kind"]


class InstitutionSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district.code", read_only=True)
    district_name = serializers.CharField(source="district.name", read_only=True)

    class Meta:
        model = Institution
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "district",
            "district_name",
            "address",
            "latitude",
            "longitude",
            "website",
        ]


class ClusterSerializer(serializers.ModelSerializer):
    lead_institution = InstitutionRefSerializer(read_only=True)
    region = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = Cluster
        fields = [
            "id",
            "slug",
            "name",
            "common_goal",
            "lead_institution",
            "region",
            "founded_on",
            "created_at",
        ]


class MembershipSerializer(serializers.ModelSerializer):
    institution = InstitutionSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "institution", "role", "start_date", "end_date", "note"]


class IndicatorSerializer(serializers.ModelSerializer):
    progress_percent = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "name",
            "unit",
            "baseline_value",
            "target_value",
            "current_value",
            "target_year",
            "progress_percent",
        ]


class GoalSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "number", "title", "description", "indicators"]


class IndicatorValueSerializer(serializers.Serializer):
    """One recorded value of an indicator (from its change history)."""

    recorded_at = serializers.DateTimeField(source="history_date")
    current_value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    target_value = serializers.DecimalField(max_digits=14, decimal_places=2)
