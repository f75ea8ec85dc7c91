from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from educluster.telegram import services
from educluster.telegram.models import LinkCode, TelegramLink

from .conftest import CHATS, SECRET
from .helpers import message, say


def _english(user) -> None:
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])


def test_it_says_on_the_account_page_that_telegram_is_not_configured(cast, client_as, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    _english(cast["head"])
    page = client_as("head").get(reverse("accounts:me"))
    assert page.status_code == 200
    assert "Telegram notices are not configured on this server." in page.content.decode()
    settings_page = client_as("head").get(reverse("telegram:settings"))
    assert "not configured" in settings_page.content.decode()
    assert not client_as("head").post(reverse("telegram:link_code")).context


def test_it_shows_a_one_time_code_with_the_deep_link(cast, client_as, bot_api):
    _english(cast["head"])
    assert "Link Telegram" in client_as("head").get(reverse("accounts:me")).content.decode()
    page = client_as("head").post(reverse("telegram:link_code"))
    issued = page.context["issued"]
    html = page.content.decode()
    assert f"https://t.me/educluster_test_bot?start={issued.code}" in html
    row = LinkCode.objects.get(user=cast["head"])
    assert row.code_hash != issued.code and issued.code not in row.code_hash  # stored hashed
    assert row.expires_at > timezone.now()


def test_it_links_the_chat_that_sends_start_with_a_valid_code(cast, bot_api):
    _english(cast["head"])
    issued = services.link_code_issue(user=cast["head"])
    say(CHATS["head"], f"/start {issued.code}")
    link = TelegramLink.objects.get(user=cast["head"])
    assert link.chat_id == CHATS["head"]
    assert "linked" in bot_api.sent_to(CHATS["head"])[-1]["text"]


def test_it_refuses_an_expired_code(cast, bot_api):
    issued = services.link_code_issue(user=cast["head"])
    LinkCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    say(CHATS["head"], f"/start {issued.code}")
    assert not TelegramLink.objects.filter(user=cast["head"]).exists()
    assert "expired" in bot_api.sent_to(CHATS["head"])[-1]["text"]


def test_it_refuses_a_reused_code(cast, bot_api):
    issued = services.link_code_issue(user=cast["head"])
    say(CHATS["head"], f"/start {issued.code}")
    say(CHATS["outsider"], f"/start {issued.code}")  # someone who saw the code
    assert TelegramLink.objects.get(user=cast["head"]).chat_id == CHATS["head"]
    assert not TelegramLink.objects.filter(chat_id=CHATS["outsider"]).exists()


def test_it_refuses_a_code_replaced_by_a_newer_one(cast, bot_api):
    old = services.link_code_issue(user=cast["head"])
    services.link_code_issue(user=cast["head"])
    say(CHATS["head"], f"/start {old.code}")
    assert not TelegramLink.objects.filter(user=cast["head"]).exists()


def test_it_unlinks_from_the_account_page(cast, client_as, linked):
    linked("head")
    assert "linked Telegram chat" in client_as("head").get(reverse("accounts:me")).content.decode()
    response = client_as("head").post(reverse("telegram:unlink"))
    assert response.status_code == 302
    assert not TelegramLink.objects.filter(user=cast["head"]).exists()


def test_it_unlinks_by_stop_in_the_chat(cast, linked, bot_api):
    linked("head")
    say(CHATS["head"], "/stop")
    assert not TelegramLink.objects.filter(user=cast["head"]).exists()
    assert "unlinked" in bot_api.sent_to(CHATS["head"])[-1]["text"]


def test_it_saves_which_notices_are_wanted(cast, client_as, linked):
    linked("head")
    client_as("head").post(reverse("telegram:preferences"), {"kinds": ["report_waiting"]})
    link = TelegramLink.objects.get(user=cast["head"])
    assert link.wants("report_waiting")
    assert not link.wants("forecast_finished")
    page = client_as("head").get(reverse("telegram:settings"))
    assert page.context["form"].initial["kinds"] == ["report_waiting"]


def test_it_asks_anonymous_people_to_sign_in(client_as, bot_api):
    response = client_as("anonymous").get(reverse("telegram:settings"))
    assert response.status_code == 302


def test_it_checks_the_webhook_secret(client_as, cast, bot_api):
    client = client_as("anonymous")
    url = reverse("telegram:webhook")
    issued = services.link_code_issue(user=cast["head"])
    body = message(CHATS["head"], f"/start {issued.code}")
    assert client.post(url, body, content_type="application/json").status_code == 403
    wrong = client.post(
        url,
        body,
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": "no"},
    )
    assert wrong.status_code == 403
    assert client.get(url, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}).status_code == 405
    assert not TelegramLink.objects.exists()
    ok = client.post(
        url,
        body,
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    assert ok.status_code == 200
    assert TelegramLink.objects.get(user=cast["head"]).chat_id == CHATS["head"]


def test_it_refuses_the_webhook_when_no_secret_is_set(client_as, bot_api, settings):
    settings.TELEGRAM_WEBHOOK_SECRET = ""
    response = client_as("anonymous").post(
        reverse("telegram:webhook"),
        {},
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": ""},
    )
    assert response.status_code == 403


def test_it_polls_once_and_handles_queued_updates(cast, bot_api):
    issued = services.link_code_issue(user=cast["head"])
    update = message(CHATS["head"], f"/start {issued.code}")
    bot_api.updates.append(update)
    call_command("telegram_poll", "--once")
    assert TelegramLink.objects.get(user=cast["head"]).chat_id == CHATS["head"]
    polls = bot_api.called("getUpdates")
    assert polls[0]["timeout"] == 0
    assert polls[-1]["offset"] == update["update_id"] + 1  # confirmed: not served again
    assert not bot_api.updates


def test_it_stops_polling_without_a_token(settings):
    from django.core.management.base import CommandError

    settings.TELEGRAM_BOT_TOKEN = ""
    with pytest.raises(CommandError):
        call_command("telegram_poll", "--once")


def test_it_registers_the_webhook_with_the_secret(bot_api, settings):
    settings.SITE_URL = "https://educluster.example.uz"
    call_command("telegram_webhook")
    (registered,) = bot_api.called("setWebhook")
    assert registered["url"] == "https://educluster.example.uz/telegram/webhook/"
    assert registered["secret_token"] == SECRET
    call_command("telegram_webhook", "--delete")
    assert bot_api.called("deleteWebhook")
