"""Building updates as Telegram sends them, and reading the fake's recorded calls."""

from typing import Any

from educluster.telegram.updates import update_handle

_ids = iter(range(10_000, 1_000_000))


def message(chat_id: int, text: str) -> dict[str, Any]:
    return {
        "update_id": next(_ids),
        "message": {
            "message_id": next(_ids),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id},
            "text": text,
        },
    }


def callback(chat_id: int, data: str, text: str = "notice") -> dict[str, Any]:
    return {
        "update_id": next(_ids),
        "callback_query": {
            "id": str(next(_ids)),
            "from": {"id": chat_id},
            "data": data,
            "message": {"message_id": 55, "chat": {"id": chat_id}, "text": text},
        },
    }


def say(chat_id: int, text: str) -> None:
    update_handle(message(chat_id, text))


def press(chat_id: int, data: str) -> None:
    update_handle(callback(chat_id, data))


def buttons(payload: dict[str, Any]) -> dict[str, str]:
    """Label → callback data of a sent message's inline buttons."""
    rows = payload.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row if "callback_data" in b}


def last_answer(api: Any) -> str:
    return api.called("answerCallbackQuery")[-1].get("text", "")
