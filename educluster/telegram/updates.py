"""Handling what the Bot API sends: /start <code>, /stop, button presses and the comment that
follows a dispute or returned hours. Used by the webhook view and by ``telegram_poll``."""

import logging
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from educluster.accounts.language import user_language
from educluster.telegram import actions, services
from educluster.telegram.models import TelegramLink

log = logging.getLogger(__name__)


def update_handle(update: dict[str, Any]) -> None:
    """Handle one update; anything unexpected is logged, never raised to Telegram."""
    try:
        if "callback_query" in update:
            _callback(update["callback_query"])
        elif "message" in update:
            _message(update["message"])
    except Exception:
        log.exception("Telegram update %s not handled", update.get("update_id"))


def _link_of(chat_id: int) -> TelegramLink | None:
    return TelegramLink.objects.filter(chat_id=chat_id).select_related("user", "pending").first()


def _message(message: dict[str, Any]) -> None:
    chat_id = message.get("chat", {}).get("id")
    text = (message.get("text") or "").strip()
    if chat_id is None or not text:
        return
    if text.startswith("/start"):
        code = text[len("/start") :].strip()
        link = services.link_by_code(chat_id=chat_id, code=code) if code else None
        if link is None:
            services.reply(
                chat_id,
                _(
                    "This linking code is not valid or has expired. Open your account page in "
                    "EduCluster and get a new one."
                ),
            )
            return
        with translation.override(user_language(link.user)):
            services.reply(
                chat_id,
                _("This chat is linked to %(name)s. Notices will come here; /stop unlinks.")
                % {"name": link.user.get_full_name() or link.user.get_username()},
            )
        return
    link = _link_of(chat_id)
    if text.startswith("/stop"):
        language = user_language(link.user) if link else None
        services.link_remove_chat(chat_id=chat_id)
        with translation.override(language):
            services.reply(chat_id, _("This chat is unlinked. No more notices will come here."))
        return
    if link is None:
        services.reply(
            chat_id, _("Link this chat from your account page in EduCluster to get notices.")
        )
        return
    with translation.override(user_language(link.user)):
        if link.pending is not None and not text.startswith("/"):
            _comment(link, text)
        else:
            services.reply(
                chat_id,
                _("Notices come here. Open EduCluster for everything else; /stop unlinks."),
            )


def _comment(link: TelegramLink, text: str) -> None:
    token = link.pending
    assert token is not None
    TelegramLink.objects.filter(pk=link.pk).update(pending=None)
    if token.user_id != link.user_id:
        services.reply(link.chat_id, _("You may not do this."))
        return
    try:
        with transaction.atomic():
            result = actions.execute(token, comment=text)
    except actions.Refused as refused:
        result = str(refused)
    services.reply(link.chat_id, result)


def _callback(query: dict[str, Any]) -> None:
    query_id = query.get("id")
    message = query.get("message") or {}
    chat_id = message.get("chat", {}).get("id") or query.get("from", {}).get("id")
    link = _link_of(chat_id) if chat_id is not None else None
    token = services.button_token_resolve(query.get("data") or "")
    language = user_language(link.user) if link else None
    with translation.override(language):
        if link is None or token is None or token.user_id != link.user_id:
            # A forged button, or one pressed in a chat of someone it was not sent to.
            services.bot_call(
                "answerCallbackQuery",
                {"callback_query_id": query_id, "text": _("You may not do this.")},
            )
            return
        if not services.button_token_spend(token):
            services.bot_call(
                "answerCallbackQuery",
                {
                    "callback_query_id": query_id,
                    "text": _("This button was already used or has expired."),
                },
            )
            return
        if token.action in actions.NEEDS_COMMENT:
            try:
                actions.check(token)
            except actions.Refused as refused:
                result = str(refused)
            else:
                TelegramLink.objects.filter(pk=link.pk).update(pending=token)
                result = _("Write the comment in your next message.")
                services.reply(chat_id, result, reply_markup={"force_reply": True})
        else:
            try:
                with transaction.atomic():
                    result = actions.execute(token)
            except actions.Refused as refused:
                result = str(refused)
        services.bot_call("answerCallbackQuery", {"callback_query_id": query_id, "text": result})
        if message.get("message_id"):
            services.bot_call(
                "editMessageText",
                {
                    "chat_id": chat_id,
                    "message_id": message["message_id"],
                    "text": f"{message.get('text', '')}\n\n— {result}"[:4096],
                },
            )
