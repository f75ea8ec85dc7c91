"""The account's Telegram settings (link, unlink, notices) and the Bot API webhook."""

import hmac
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from educluster.core.utils import request_user
from educluster.telegram import services
from educluster.telegram.forms import PreferencesForm
from educluster.telegram.models import NoticeKind, TelegramLink
from educluster.telegram.updates import update_handle


def _page(request: HttpRequest, issued: services.IssuedCode | None = None) -> HttpResponse:
    link = TelegramLink.objects.filter(user=request_user(request)).first()
    form = PreferencesForm(
        initial={"kinds": [k for k in NoticeKind.values if link is None or link.wants(k)]}
    )
    return render(
        request,
        "telegram/settings.html",
        {
            "configured": services.configured(),
            "link": link,
            "form": form,
            "issued": issued,
            "bot": getattr(settings, "TELEGRAM_BOT_USERNAME", ""),
        },
    )


@login_required
def telegram_settings(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_POST
def link_code(request: HttpRequest) -> HttpResponse:
    if not services.configured():
        return redirect("telegram:settings")
    return _page(request, services.link_code_issue(user=request.user))


@login_required
@require_POST
def unlink(request: HttpRequest) -> HttpResponse:
    if services.link_remove(user=request.user):
        messages.success(request, _("Telegram is unlinked."))
    return redirect("telegram:settings")


@login_required
@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST)
    if form.is_valid() and services.link_preferences_set(
        user=request.user, enabled=form.cleaned_data["kinds"]
    ):
        messages.success(request, _("Your Telegram notices are saved."))
    return redirect("telegram:settings")


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    """Updates pushed by Telegram; only a request carrying our secret token is handled."""
    secret = getattr(settings, "TELEGRAM_WEBHOOK_SECRET", "")
    given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    if not services.configured() or not secret or not hmac.compare_digest(given, secret):
        return HttpResponseForbidden()
    try:
        update = json.loads(request.body)
    except ValueError:
        return JsonResponse({"ok": False}, status=400)
    if isinstance(update, dict):
        update_handle(update)
    return JsonResponse({"ok": True})
