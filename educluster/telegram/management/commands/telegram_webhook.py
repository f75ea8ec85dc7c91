"""Register (or remove) the webhook with Telegram, with our secret token."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from educluster.telegram import client


class Command(BaseCommand):
    help = "Point the bot's webhook at SITE_URL/telegram/webhook/ (or --delete it for polling)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--delete", action="store_true", help="remove the webhook")

    def handle(self, *args: Any, delete: bool = False, **options: Any) -> None:
        if not client.configured():
            raise CommandError("TELEGRAM_BOT_TOKEN is not set: the Telegram channel is off.")
        try:
            if delete:
                client.call("deleteWebhook", {})
                self.stdout.write("Webhook removed; run manage.py telegram_poll.")
                return
            secret = getattr(settings, "TELEGRAM_WEBHOOK_SECRET", "")
            if not secret:
                raise CommandError("Set TELEGRAM_WEBHOOK_SECRET first.")
            url = settings.SITE_URL.rstrip("/") + reverse("telegram:webhook")
            client.call(
                "setWebhook",
                {
                    "url": url,
                    "secret_token": secret,
                    "allowed_updates": ["message", "callback_query"],
                },
            )
        except client.BotApiError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Webhook set to {url}")
