from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from educluster.market.models import Service, ServiceRequest


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "provider", "kind", "cluster", "is_active"]
    list_filter = ["kind", "cluster"]
    search_fields = ["title", "description"]


@admin.register(ServiceRequest)
class ServiceRequestAdmin(SimpleHistoryAdmin):
    list_display = ["service", "requester", "status", "rating", "created_at"]
    list_filter = ["status"]
