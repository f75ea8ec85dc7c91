from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from educluster.accounts.models import Person, RoleAssignment, User


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
