from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.recognition.models import MentoringMeeting, MentoringPair, Recognition


@admin.register(Recognition)
class RecognitionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "person", "kind", "date", "cluster"]
    list_filter = ["kind", "cluster"]
    raw_id_fields = ["person", "awarded_by_institution", "recorded_by"]


@admin.register(MentoringPair)
class MentoringPairAdmin(SimpleHistoryAdmin):
    list_display = ["mentor", "mentee", "institution", "starts_on", "ends_on"]
    raw_id_fields = ["mentor", "mentee", "institution", "created_by"]


@admin.register(MentoringMeeting)
class MentoringMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["pair", "date", "topic"]
    raw_id_fields = ["pair", "recorded_by"]
