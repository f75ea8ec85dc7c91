"""Long polling for servers that cannot receive Telegram's webhook."""

import contextlib
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from educluster.telegram import client, services
from educluster.telegram.updates import update_handle


class Command(BaseCommand):
    help = "Receive Telegram updates by getUpdates long polling (instead of the webhook)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="one getUpdates call, no wait")
        parser.add_argument("--timeout", type=int, default=25, help="long-polling seconds")

    def handle(self, *args: Any, once: bool = False, timeout: int = 25, **options: Any) -> None:
        if not client.configured():
            raise CommandError("TELEGRAM_BOT_TOKEN is not set: the Telegram channel is off.")
        offset: int | None = None
        handled = 0
        while True:
            wait = 0 if once else timeout
            payload: dict[str, Any] = {
                "timeout": wait,
                "allowed_updates": ["message", "callback_query"],
            }
            if offset is not None:
                payload["offset"] = offset
            try:
                updates = client.call("getUpdates", payload, timeout=wait + 10) or []
            except client.BotApiError as error:
                if once:
                    raise CommandError(str(error)) from None
                self.stderr.write(f"getUpdates failed: {error}")
                time.sleep(5)  # the API is down: do not spin
                updates = []
            for update in updates:
                update_handle(update)
                offset = int(update["update_id"]) + 1
                handled += 1
            services.deliveries_retry_due()
            if once:
                if offset is not None:  # confirm what was handled so it is not sent again
                    with contextlib.suppress(client.BotApiError):
                        client.call("getUpdates", {"offset": offset, "timeout": 0})
                break
        self.stdout.write(f"{handled} updates handled")
