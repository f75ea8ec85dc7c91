"""Telegram workflows: linking codes, links, notices and their delivery, button tokens."""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from educluster.telegram import client
from educluster.telegram.models import ButtonToken, Delivery, LinkCode, TelegramLink

log = logging.getLogger(__name__)

CODE_MINUTES = 15
BUTTON_DAYS = 7
MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 30  # 30 s, 60 s, 2 min, 4 min between attempts
_SALT = "educluster.telegram.button"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def configured() -> bool:
    return client.configured()


# --- linking -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedCode:
    code: str
    expires_at: Any
    deep_link: str


@transaction.atomic
def link_code_issue(*, user: Any) -> IssuedCode:
    """A new one-time linking code for ``user`` (earlier unused codes stop working)."""
    LinkCode.objects.filter(user=user, used_at__isnull=True).delete()
    code = secrets.token_urlsafe(12)
    expires_at = timezone.now() + timedelta(minutes=CODE_MINUTES)
    LinkCode.objects.create(user=user, code_hash=_hash(code), expires_at=expires_at)
    bot = getattr(settings, "TELEGRAM_BOT_USERNAME", "")
    return IssuedCode(
        code=code, expires_at=expires_at, deep_link=f"https://t.me/{bot}?start={code}"
    )


@transaction.atomic
def link_by_code(*, chat_id: int, code: str) -> TelegramLink | None:
    """Link ``chat_id`` to the account whose unexpired, unused code this is; None otherwise.
    A chat belongs to one account: linking it again moves it."""
    now = timezone.now()
    row = LinkCode.objects.filter(code_hash=_hash(code.strip())).first()
    if row is None:
        return None
    # Compare-and-swap: of two /start messages with one code only the first links.
    claimed = LinkCode.objects.filter(pk=row.pk, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now
    )
    if not claimed:
        return None
    TelegramLink.objects.filter(chat_id=chat_id).exclude(user_id=row.user_id).delete()
    link, _created = TelegramLink.objects.update_or_create(
        user_id=row.user_id, defaults={"chat_id": chat_id, "pending": None}
    )
    return link


def link_remove(*, user: Any) -> bool:
    """Unlink the account's chat (from the account page)."""
    deleted, _rows = TelegramLink.objects.filter(user=user).delete()
    return bool(deleted)


def link_remove_chat(*, chat_id: int) -> bool:
    """Unlink whichever account the chat is linked to (``/stop`` in the chat)."""
    deleted, _rows = TelegramLink.objects.filter(chat_id=chat_id).delete()
    return bool(deleted)


def link_preferences_set(*, user: Any, enabled: list[str]) -> TelegramLink | None:
    from educluster.telegram.models import NoticeKind

    link = TelegramLink.objects.filter(user=user).first()
    if link is None:
        return None
    link.notices_off = [kind for kind in NoticeKind.values if kind not in enabled]
    link.save(update_fields=["notices_off"])
    return link


# --- buttons -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Button:
    """An inline button: an action on one object (a token is made for it), or a link."""

    label: str
    action: str = ""
    object_id: int = 0
    url: str = ""


def _callback_data(token: str) -> str:
    # Callback data may hold 64 bytes: 12 random bytes (16 chars) + ":" + signature (43).
    return signing.Signer(salt=_SALT).sign(token)


def button_token_resolve(data: str) -> ButtonToken | None:
    """The token behind a button's callback data, if the signature holds (used or not)."""
    try:
        raw = signing.Signer(salt=_SALT).unsign(data)
    except signing.BadSignature:
        return None
    return ButtonToken.objects.filter(token_hash=_hash(raw)).select_related("user").first()


def button_token_spend(token: ButtonToken) -> bool:
    """Spend the token (and its siblings in the same message); False if it was already used
    or has expired. Compare-and-swap, so a replayed or double-pressed button acts once."""
    now = timezone.now()
    won = ButtonToken.objects.filter(pk=token.pk, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now
    )
    if won:
        ButtonToken.objects.filter(group=token.group, used_at__isnull=True).update(used_at=now)
    return bool(won)


def _markup(user: Any, buttons: list[list[Button]]) -> dict[str, Any] | None:
    rows = []
    group = secrets.token_hex(16)
    expires_at = timezone.now() + timedelta(days=BUTTON_DAYS)
    for line in buttons:
        row = []
        for button in line:
            if button.action:
                raw = secrets.token_urlsafe(12)
                ButtonToken.objects.create(
                    token_hash=_hash(raw),
                    group=group,
                    user=user,
                    action=button.action,
                    object_id=button.object_id,
                    expires_at=expires_at,
                )
                row.append({"text": button.label, "callback_data": _callback_data(raw)})
            elif button.url.startswith("https://"):  # Telegram refuses other link buttons
                row.append({"text": button.label, "url": button.url})
        if row:
            rows.append(row)
    return {"inline_keyboard": rows} if rows else None


# --- notices -----------------------------------------------------------------------------------


def recipient_link(user: Any, kind: str) -> TelegramLink | None:
    """The chat a notice of ``kind`` goes to, or None (channel off, not linked, switched off)."""
    if not configured() or user is None or not getattr(user, "is_active", False):
        return None
    link = TelegramLink.objects.filter(user=user).first()
    return link if link is not None and link.wants(kind) else None


def notice_send(
    *, user: Any, kind: str, text: str, buttons: list[list[Button]] | None = None
) -> Delivery | None:
    """Queue a notice to the user's chat, sent by the task worker after the surrounding
    transaction commits. Never raises for the channel's sake: the action that caused the notice
    goes on whatever happens to Telegram."""
    try:
        link = recipient_link(user, kind)
        if link is None:
            return None
        payload: dict[str, Any] = {
            "chat_id": link.chat_id,
            "text": text[:4096],
            "disable_web_page_preview": True,
        }
        with transaction.atomic():  # a savepoint: a failure here leaves the caller's intact
            markup = _markup(user, buttons or [])
            if markup:
                payload["reply_markup"] = markup
            delivery = Delivery.objects.create(user=user, kind=kind, payload=payload)
    except Exception:  # the notice is lost, the action stands
        log.exception("Telegram notice %s to %s not queued", kind, getattr(user, "pk", None))
        return None
    transaction.on_commit(lambda: delivery_enqueue(delivery.pk))
    return delivery


def delivery_enqueue(delivery_id: int, *, run_after: Any = None) -> None:
    from educluster.telegram.tasks import deliver

    try:
        if run_after is not None:
            deliver.using(run_after=run_after).enqueue(delivery_id)
        else:
            deliver.enqueue(delivery_id)
    except Exception:  # a worker backend that is down must not fail the caller's request
        log.exception("Telegram delivery %s not enqueued", delivery_id)


def _supports_defer() -> bool:
    from educluster.telegram.tasks import deliver

    return bool(getattr(deliver.get_backend(), "supports_defer", False))


def delivery_attempt(*, delivery_id: int) -> Delivery:
    """Send one queued delivery. On a retryable failure the next attempt is scheduled with
    exponential back-off; after MAX_ATTEMPTS, or on a permanent error, it is marked failed.
    Safe to run twice: a sent delivery is not sent again."""
    delivery = Delivery.objects.get(pk=delivery_id)
    if delivery.status in (Delivery.Status.SENT, Delivery.Status.FAILED):
        return delivery
    delivery.attempts += 1
    try:
        client.call("sendMessage", delivery.payload)
    except client.BotApiError as error:
        delivery.last_error = str(error)[:2000]
        if error.retryable and delivery.attempts < MAX_ATTEMPTS:
            delay = timedelta(seconds=BACKOFF_SECONDS * 2 ** (delivery.attempts - 1))
            delivery.status = Delivery.Status.RETRYING
            delivery.next_attempt_at = timezone.now() + delay
        else:
            delivery.status = Delivery.Status.FAILED
            delivery.next_attempt_at = None
        delivery.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        if delivery.status == Delivery.Status.RETRYING and _supports_defer():
            delivery_enqueue(delivery.pk, run_after=delivery.next_attempt_at)
        return delivery
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = timezone.now()
    delivery.next_attempt_at = None
    delivery.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at"])
    return delivery


def deliveries_retry_due(*, now: Any = None) -> int:
    """Attempt the deliveries whose back-off has passed. Needed where the task backend cannot
    defer tasks (the in-process one); ``telegram_poll`` calls it on every turn."""
    now = now or timezone.now()
    due = list(
        Delivery.objects.filter(
            status=Delivery.Status.RETRYING, next_attempt_at__lte=now
        ).values_list("pk", flat=True)
    )
    for pk in due:
        delivery_attempt(delivery_id=pk)
    return len(due)


def reply(chat_id: int, text: str, **extra: Any) -> None:
    """Answer in the chat right away (not queued); a failure is logged and dropped."""
    try:
        client.call("sendMessage", {"chat_id": chat_id, "text": text[:4096], **extra})
    except client.BotApiError:
        log.warning("Telegram reply to %s failed", chat_id, exc_info=True)


def bot_call(method: str, payload: dict[str, Any]) -> None:
    try:
        client.call(method, payload)
    except client.BotApiError:
        log.warning("Telegram %s failed", method, exc_info=True)
