from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.pathways.models import Learner, Stage


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    raw_id_fields = ["institution"]


@admin.register(Learner)
class LearnerAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "cluster", "birth_year", "consent_on"]
    raw_id_fields = ["person"]
    inlines = [StageInline]
