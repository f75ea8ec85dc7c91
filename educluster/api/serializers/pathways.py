from rest_framework import serializers


class ContinuityYearSerializer(serializers.Serializer):
    """One year of the continuity indicators (aggregates only, as the continuity page)."""

    year = serializers.IntegerField()
    new_teachers = serializers.IntegerField()
    new_teachers_trained_here = serializers.IntegerField()
    share_teachers_trained_here = serializers.FloatField(allow_null=True)
    admitted = serializers.IntegerField()
    admitted_from_schools = serializers.IntegerField()
    admitted_from_art_schools = serializers.IntegerField()
    share_admitted_from_cluster = serializers.FloatField(allow_null=True)
    talents = serializers.IntegerField()
    talents_enrolled = serializers.IntegerField()
    share_talents_enrolled = serializers.FloatField(allow_null=True)
