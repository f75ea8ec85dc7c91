from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.agreements.models import (
    Agreement,
    AgreementParty,
    AuditEvent,
    FulfilmentReport,
    Obligation,
    Occurrence,
)


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "cluster", "status", "valid_from", "valid_to"]
    list_filter = ["status", "cluster"]
    search_fields = ["number", "title"]
    inlines = [PartyInline]


@admin.register(Obligation)
class ObligationAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "party", "area", "recurrence", "target_value", "target_unit"]
    list_filter = ["area", "recurrence"]


@admin.register(Occurrence)
class OccurrenceAdmin(admin.ModelAdmin):
    list_display = ["obligation", "due_date", "state"]
    list_filter = ["state"]


@admin.register(FulfilmentReport)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["occurrence", "version", "submitted_by", "decision", "decided_by"]
    list_filter = ["decision"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is changed only by the application, and verified by its hash chain."""

    list_display = ["at", "cluster", "actor_name", "action", "object_type", "object_id"]
    list_filter = ["action", "cluster"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
