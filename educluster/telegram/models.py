"""The Telegram channel: linked chats, one-time linking codes, button tokens and deliveries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    """What a notice is about; a linked person switches each kind on or off."""

    OBLIGATIONS = "obligations", _("Obligations due and overdue (daily)")
    REPORT_WAITING = "report_waiting", _("Reports waiting for my confirmation")
    REPORT_DISPUTED = "report_disputed", _("My reports disputed")
    HOURS_WAITING = "hours_waiting", _("Practice hours to approve")
    PLACEMENT_RESULT = "placement_result", _("Placement results")
    FORECAST_FINISHED = "forecast_finished", _("Forecast runs finished")


class TelegramLink(models.Model):
    """An account's Telegram chat. ``notices_off`` lists the kinds the person switched off
    (empty: every notice), so a kind added later reaches everyone until they opt out.

    Example: ``TelegramLink(user=head, chat_id=123456789, notices_off=["forecast_finished"])``.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="telegram_link",
        verbose_name=_("account"),
    )
    chat_id = models.BigIntegerField(_("chat"), unique=True)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)
    notices_off = models.JSONField(_("notices switched off"), default=list, blank=True)
    # The button whose action waits for a comment typed as the next message (a dispute,
    # returned hours); cleared when the comment arrives.
    pending = models.ForeignKey(
        "ButtonToken", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Telegram link")
        verbose_name_plural = _("Telegram links")

    def __str__(self) -> str:
        return f"{self.user} ↔ {self.chat_id}"

    def wants(self, kind: str) -> bool:
        return kind not in (self.notices_off or [])


class LinkCode(models.Model):
    """A one-time code that links the chat which sends ``/start <code>`` to ``user``.

    Only the SHA-256 of the code is stored; it expires after ``TELEGRAM_LINK_CODE_MINUTES``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="telegram_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Telegram linking code")
        verbose_name_plural = _("Telegram linking codes")

    def __str__(self) -> str:
        return f"{self.user} · {self.expires_at:%Y-%m-%d %H:%M}"


class ButtonToken(models.Model):
    """The token behind one inline button: signed in the callback data, stored hashed, bound
    to the account the notice went to, single use, expiring. Buttons of one message share a
    ``group``: pressing one spends them all.

    Example: action ``report_confirm`` with ``object_id`` = the fulfilment report's id.
    """

    class Action(models.TextChoices):
        REPORT_CONFIRM = "report_confirm", _("Confirm the report")
        REPORT_DISPUTE = "report_dispute", _("Dispute the report")
        HOURS_APPROVE = "hours_approve", _("Approve the hours")
        HOURS_RETURN = "hours_return", _("Return the hours")
        OFFER_ACCEPT = "offer_accept", _("Accept the placement")
        OFFER_DECLINE = "offer_decline", _("Decline the placement")

    token_hash = models.CharField(max_length=64, unique=True)
    group = models.CharField(max_length=32, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="telegram_buttons"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    object_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Telegram button")
        verbose_name_plural = _("Telegram buttons")

    def __str__(self) -> str:
        return f"{self.action} #{self.object_id} → {self.user}"


class Delivery(models.Model):
    """One notice on its way to a chat: the Bot API payload, attempts and the last error.

    queued → sent, or queued → retrying (back-off) → … → sent or failed.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RETRYING = "retrying", _("retrying")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="telegram_deliveries"
    )
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Telegram delivery")
        verbose_name_plural = _("Telegram deliveries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user} ({self.status})"
