"""The one place that talks to the Telegram Bot API (standard library only).

The base address comes from ``TELEGRAM_API_URL`` so tests point it at a local fake.
"""

import json
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings


class BotApiError(Exception):
    """A Bot API call failed. ``retryable`` is true for network errors, 5xx and 429."""

    def __init__(self, description: str, *, status: int | None = None, retryable: bool = True):
        super().__init__(description)
        self.status = status
        self.retryable = retryable


def configured() -> bool:
    return bool(getattr(settings, "TELEGRAM_BOT_TOKEN", ""))


def call(method: str, payload: dict[str, Any] | None = None, *, timeout: float = 10) -> Any:
    """POST ``payload`` as JSON to ``method``; return the ``result`` or raise BotApiError."""
    if not configured():
        raise BotApiError("Telegram is not configured", retryable=False)
    base = getattr(settings, "TELEGRAM_API_URL", "https://api.telegram.org").rstrip("/")
    request = urllib.request.Request(
        f"{base}/bot{settings.TELEGRAM_BOT_TOKEN}/{method}",
        data=json.dumps(payload or {}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        try:
            description = json.loads(error.read() or b"{}").get("description", "")
        except ValueError:
            description = ""
        status = error.code
        raise BotApiError(
            f"{method}: HTTP {status} {description}".strip(),
            status=status,
            retryable=status >= 500 or status == 429,
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        raise BotApiError(f"{method}: {error}") from None
    if not body.get("ok"):
        raise BotApiError(f"{method}: {body.get('description', 'not ok')}", retryable=False)
    return body.get("result")
