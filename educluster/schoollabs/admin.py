from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.schoollabs.models import (
    Activity,
    ActivityClassCount,
    Instrument,
    InstrumentItem,
    Placement,
    PracticeLog,
    PupilDataAccess,
    SchoolLab,
    Study,
    StudyGroup,
    Term,
)


@admin.register(SchoolLab)
class SchoolLabAdmin(SimpleHistoryAdmin):
    list_display = ["name", "cluster", "host", "supervisor", "status"]
    list_filter = ["cluster", "status"]
    search_fields = ["name", "host__name"]


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ["name", "cluster", "start_date", "end_date"]


class ClassCountInline(admin.TabularInline):
    model = ActivityClassCount
    extra = 0


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "topic", "lab"]
    list_filter = ["kind", "lab"]
    search_fields = ["topic"]
    inlines = [ClassCountInline]


class ItemInline(admin.TabularInline):
    model = InstrumentItem
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "cluster", "kind", "use"]
    inlines = [ItemInline]


@admin.register(Placement)
class PlacementAdmin(SimpleHistoryAdmin):
    list_display = ["student", "lab", "term", "mentor", "status"]
    list_filter = ["lab", "term", "status"]


@admin.register(PracticeLog)
class PracticeLogAdmin(SimpleHistoryAdmin):
    list_display = ["placement", "date", "hours", "status"]
    list_filter = ["status"]


class GroupInline(admin.TabularInline):
    model = StudyGroup
    extra = 0


@admin.register(Study)
class StudyAdmin(SimpleHistoryAdmin):
    # Pupils and their results are deliberately not in the admin: only the study team and the
    # coordinators see them, through pages that log every look.
    list_display = ["title", "code", "cluster", "lab", "status"]
    inlines = [GroupInline]


@admin.register(PupilDataAccess)
class PupilDataAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "study_title", "action", "detail"]
    list_filter = ["action"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
