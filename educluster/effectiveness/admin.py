from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.effectiveness.models import IndexRun, IndicatorDefinition, IndicatorValue


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "level", "unit", "direction", "target", "weight", "source"]
    list_filter = ["level", "source", "is_active"]
    search_fields = ["code", "name_uz", "name_ru", "name_en"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["definition", "cluster", "institution", "year", "term", "value", "computed_at"]
    list_filter = ["year", "definition"]
    raw_id_fields = ["institution", "entered_by"]


@admin.register(IndexRun)
class IndexRunAdmin(admin.ModelAdmin):
    list_display = [
        "cluster",
        "year",
        "term",
        "status",
        "cluster_index",
        "engine_version",
        "created_at",
    ]
    list_filter = ["status", "year"]
    readonly_fields = ["inputs", "results"]
