from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.registry.models import (
    Cluster,
    District,
    Goal,
    Indicator,
    Institution,
    Language,
    Membership,
    Region,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_uz", "name_ru", "name_en"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name_uz", "name_ru", "name_en", "kind", "region"]
    list_filter = ["region", "kind"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name_uz", "name_ru", "name_en"]


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "district"]
    list_filter = ["kind", "district"]
    search_fields = ["name", "short_name", "code"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["institution"]


class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0


@admin.register(Cluster)
class ClusterAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "region", "lead_institution"]
    inlines = [GoalInline, MembershipInline]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cluster", "number"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "goal", "target_value", "current_value"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["institution", "cluster", "role", "start_date", "end_date"]
    list_filter = ["cluster", "role"]
