from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.placements.models import (
    Applicant,
    Assignment,
    GraduateOutcome,
    Host,
    PlacementRound,
    SeatOffer,
    TargetedContract,
)


@admin.register(PlacementRound)
class PlacementRoundAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cluster", "kind", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    readonly_fields = ["stats", "status"]


@admin.register(Host)
class HostAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "round", "capacity", "admitted_count", "ranking"]
    list_select_related = ["institution", "round"]
    raw_id_fields = ["round", "institution", "mentor", "lab", "term", "vacancy", "offer"]


@admin.register(Applicant)
class ApplicantAdmin(SimpleHistoryAdmin):
    list_display = ["person", "round", "specialty", "district"]
    list_select_related = ["person", "round", "district"]
    raw_id_fields = ["round", "person"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["applicant", "host", "choice_position", "response"]
    list_select_related = ["applicant__person", "host__institution"]
    raw_id_fields = ["round", "applicant", "host", "lab_placement"]


@admin.register(GraduateOutcome)
class GraduateOutcomeAdmin(SimpleHistoryAdmin):
    list_display = ["person", "graduation_year", "status", "confirmation"]
    list_filter = ["status", "confirmation", "graduation_year"]
    raw_id_fields = ["person", "institution", "assignment"]


@admin.register(TargetedContract)
class TargetedContractAdmin(SimpleHistoryAdmin):
    list_display = ["person", "district", "admission_year", "status"]
    list_filter = ["status"]
    raw_id_fields = ["person", "assignment"]


@admin.register(SeatOffer)
class SeatOfferAdmin(SimpleHistoryAdmin):
    list_display = ["institution", "term", "subject", "seats", "mentor"]
    list_select_related = ["institution", "term", "mentor"]
    raw_id_fields = ["institution", "term", "mentor", "offered_by"]
