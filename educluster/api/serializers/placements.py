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


class SeatRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    hosts = serializers.IntegerField()
    seats = serializers.IntegerField()
    filled = serializers.IntegerField()
    unfilled = serializers.IntegerField()


class ChoiceCountSerializer(serializers.Serializer):
    choice = serializers.CharField(help_text="1-based preference rank, or “not matched”")
    applicants = serializers.IntegerField()


class RoundStatisticsSerializer(serializers.Serializer):
    """The figures of a published round's page; no applicant is named."""

    applicants = serializers.IntegerField(allow_null=True)
    matched = serializers.IntegerField(allow_null=True)
    unmatched = serializers.IntegerField(allow_null=True)
    share_matched = serializers.FloatField(allow_null=True)
    share_first_choice = serializers.FloatField(allow_null=True)
    share_top3 = serializers.FloatField(allow_null=True)
    mean_choice = serializers.FloatField(allow_null=True)
    seats = serializers.IntegerField(allow_null=True)
    seats_filled = serializers.IntegerField(allow_null=True)
    seats_unfilled = serializers.IntegerField(allow_null=True)
    stable = serializers.BooleanField(allow_null=True)
    by_preference_rank = ChoiceCountSerializer(many=True)
    by_district = SeatRowSerializer(many=True)
    by_subject = SeatRowSerializer(many=True)
    responses = serializers.DictField(child=serializers.IntegerField())


STAT_KEYS = [
    "applicants",
    "matched",
    "unmatched",
    "share_matched",
    "share_first_choice",
    "share_top3",
    "mean_choice",
    "seats",
    "seats_filled",
    "seats_unfilled",
    "stable",
]


def statistics_data(statistics) -> dict:
    """The serializer's input from :class:`placements.selectors.statistics.RoundStatistics`."""
    stats = statistics.stats
    return {
        **{key: stats.get(key) for key in STAT_KEYS},
        "by_preference_rank": [
            {"choice": label, "applicants": n} for label, n in statistics.histogram
        ],
        "by_district": statistics.by_district,
        "by_subject": statistics.by_subject,
        "responses": statistics.responses,
    }
