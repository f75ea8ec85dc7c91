from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from educluster.accounts.models import Person, RoleAssignment, TwoFactorDevice, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0


@admin.register(User)
class AccountAdmin(UserAdmin, SimpleHistoryAdmin):
    inlines = [RoleInline]
    fieldsets = (*(UserAdmin.fieldsets or ()), (None, {"fields": ["preferred_language"]}))
    list_filter = (*UserAdmin.list_filter, "preferred_language")


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "kind", "institution", "user"]
    list_filter = ["kind"]
    search_fields = ["full_name", "email"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "cluster", "institution", "granted_at"]
    list_filter = ["role"]


@admin.register(TwoFactorDevice)
class TwoFactorDeviceAdmin(SimpleHistoryAdmin):
    """Lets an administrator remove the device of someone who lost their phone and their
    recovery codes (they enrol again at the next login); the secret is never shown."""

    list_display = ["user", "confirmed_at", "failed_attempts", "locked_until"]
    search_fields = ["user__username"]
    fields = ["user", "confirmed_at", "failed_attempts", "locked_until"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
