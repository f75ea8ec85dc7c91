from django.contrib import admin

from educluster.telegram.models import ButtonToken, Delivery, LinkCode, TelegramLink


@admin.register(TelegramLink)
class TelegramLinkAdmin(admin.ModelAdmin):
    list_display = ["user", "chat_id", "linked_at"]
    search_fields = ["user__username"]
    raw_id_fields = ["user", "pending"]


@admin.register(LinkCode)
class LinkCodeAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "expires_at", "used_at"]
    readonly_fields = ["code_hash"]
    raw_id_fields = ["user"]


@admin.register(ButtonToken)
class ButtonTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "action", "object_id", "expires_at", "used_at"]
    list_filter = ["action"]
    readonly_fields = ["token_hash", "group"]
    raw_id_fields = ["user"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    readonly_fields = ["payload", "last_error"]
    raw_id_fields = ["user"]
