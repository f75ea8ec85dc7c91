from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.development.models import (
    Certificate,
    DevelopmentEvent,
    DevelopmentNorm,
    Registration,
)


@admin.register(DevelopmentEvent)
class DevelopmentEventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cluster", "organiser", "kind", "starts_at", "hours"]
    list_filter = ["kind", "cluster"]
    search_fields = ["title"]


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["event", "person", "attended", "checked_in_at"]
    raw_id_fields = ["event", "person"]


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["code", "registration", "hours", "issued_at"]
    search_fields = ["code"]
    raw_id_fields = ["registration"]


@admin.register(DevelopmentNorm)
class DevelopmentNormAdmin(SimpleHistoryAdmin):
    list_display = ["cluster", "year", "hours"]
