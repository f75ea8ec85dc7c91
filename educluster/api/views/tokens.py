"""Creating and revoking personal API tokens from the account page."""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts.models import User
from educluster.api import selectors, services
from educluster.api.forms import TokenForm


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Creates the token and shows its text this once (never stored, never shown again)."""
    form = TokenForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("accounts:me")
    expires_on = form.cleaned_data.get("expires_on")
    expires_at = timezone.make_aware(datetime.combine(expires_on, time.max)) if expires_on else None
    try:
        token, key = services.api_token_create(
            user=_user(request), name=form.cleaned_data["name"], expires_at=expires_at
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("accounts:me")
    response = render(request, "api/token_created.html", {"token": token, "key": key})
    response["Cache-Control"] = "no-store"  # the token text must not stay in any cache
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.token_of(request.user, pk)
    services.api_token_revoke(user=_user(request), token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:me")
