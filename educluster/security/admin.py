from django.contrib import admin

from educluster.security.models import SecurityEvent


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read-only: security events are evidence, nobody edits them."""

    list_display = ["created_at", "kind", "username", "ip_address", "path"]
    list_filter = ["kind"]
    search_fields = ["username", "path"]
    readonly_fields = [f.name for f in SecurityEvent._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
