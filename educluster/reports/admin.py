from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.reports.models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    list_display = ["cluster", "year", "language", "status", "created_at", "finished_at"]
    list_filter = ["status", "language"]
    readonly_fields = ["snapshot", "progress", "step", "error"]
