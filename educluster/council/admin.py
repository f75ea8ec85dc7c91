from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.council.models import CouncilMember, Decision, Meeting, PlanItem, WorkPlan


@admin.register(CouncilMember)
class CouncilMemberAdmin(SimpleHistoryAdmin):
    list_display = ["person", "institution", "role", "cluster", "since", "until"]
    list_filter = ["cluster", "role"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["date", "cluster", "place", "minutes_approved_at"]
    list_filter = ["cluster"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "responsible", "due_date", "done_at"]
    list_filter = ["meeting__cluster"]


@admin.register(WorkPlan)
class WorkPlanAdmin(SimpleHistoryAdmin):
    list_display = ["academic_year", "cluster"]


@admin.register(PlanItem)
class PlanItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "due_date", "responsible"]
