from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.projects.models import (
    Deliverable,
    IndicatorMeasure,
    Milestone,
    Project,
    TeamMember,
)


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    raw_id_fields = ["person"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cluster", "area", "status", "start_date", "end_date"]
    list_filter = ["area", "status", "cluster"]
    search_fields = ["title"]
    raw_id_fields = ["leader"]
    filter_horizontal = ["goals", "partners", "labs"]
    inlines = [TeamMemberInline, MilestoneInline]


@admin.register(Deliverable)
class DeliverableAdmin(SimpleHistoryAdmin):
    list_display = ["title", "project", "kind", "delivered_on"]
    list_filter = ["kind"]
    search_fields = ["title"]
    raw_id_fields = ["project"]
    filter_horizontal = ["authors"]


@admin.register(IndicatorMeasure)
class IndicatorMeasureAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "measure"]
