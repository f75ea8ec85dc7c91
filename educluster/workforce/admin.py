from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.workforce.models import (
    AttritionRate,
    CurriculumHours,
    DistrictNorm,
    ForecastRun,
    GraduateCohort,
    Position,
    PupilCount,
    Scenario,
    ScenarioOverride,
    StaffRecord,
    Subject,
    Vacancy,
    WorkforceSettings,
)


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["code", "name_uz", "name_ru", "name_en", "order"]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["institution", "code", "subject", "load_fraction", "status"]
    list_filter = ["status", "subject"]
    search_fields = ["institution__name", "code"]
    raw_id_fields = ["institution"]


@admin.register(StaffRecord)
class StaffRecordAdmin(SimpleHistoryAdmin):
    list_display = ["position", "qualification_category", "specialty", "age_band", "start_date"]
    raw_id_fields = ["position"]


@admin.register(Vacancy)
class VacancyAdmin(SimpleHistoryAdmin):
    list_display = ["position", "status", "opened_on", "closed_on"]
    list_filter = ["status"]
    raw_id_fields = ["position", "filled_by"]


class OverrideInline(admin.TabularInline):
    model = ScenarioOverride
    extra = 0


@admin.register(Scenario)
class ScenarioAdmin(SimpleHistoryAdmin):
    list_display = ["name", "cluster", "is_base"]
    inlines = [OverrideInline]


@admin.register(ForecastRun)
class ForecastRunAdmin(SimpleHistoryAdmin):
    list_display = ["scenario_name", "cluster", "status", "horizon", "draws", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["input_snapshot", "code_version"]


for model in (
    WorkforceSettings,
    CurriculumHours,
    DistrictNorm,
    PupilCount,
    AttritionRate,
    GraduateCohort,
):
    admin.site.register(model, SimpleHistoryAdmin)
