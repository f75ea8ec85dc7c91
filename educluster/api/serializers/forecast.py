"""Forecast runs and their results (aggregates by district × subject × year)."""

from rest_framework import serializers

from educluster.workforce.models import ForecastCell, ForecastRun


class ForecastRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = ForecastRun
        fields = [
            "id",
            "scenario",
            "scenario_name",
            "horizon",
            "draws",
            "seed",
            "base_year",
            "status",
            "progress",
            "code_version",
            "created_at",
        ]


class ForecastCellSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district.code", read_only=True)
    subject = serializers.CharField(source="subject.code", read_only=True)

    class Meta:
        model = ForecastCell
        fields = [
            "year",
            "district",
            "subject",
            "demand",
            "supply",
            "gap",
            "hiring_need",
            "cumulative_hiring_need",
            "quota",
            "demand_p10",
            "demand_p50",
            "demand_p90",
            "supply_p10",
            "supply_p50",
            "supply_p90",
            "gap_p10",
            "gap_p50",
            "gap_p90",
            "quota_p10",
            "quota_p50",
            "quota_p90",
        ]
