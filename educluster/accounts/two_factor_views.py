"""Two-factor login pages: the code step after the password, enrolment, recovery codes.

The login view leaves two session keys behind (see ``LoginView``):

* ``PENDING`` — the password was right but the account has a device: nobody is logged in
  yet; this page asks for the code and only then calls ``login()``.
* ``ENROL_REQUIRED`` — an administrator without a device is logged in, and
  :class:`~educluster.accounts.middleware.TwoFactorEnrolmentMiddleware` keeps them on the
  enrolment page until a device is confirmed.
"""

from __future__ import annotations

import time

import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from educluster.accounts import two_factor
from educluster.accounts.forms import TwoFactorCodeForm, TwoFactorEnrolForm
from educluster.accounts.models import User
from educluster.core.utils import request_user
from educluster.security.models import SecurityEvent
from educluster.security.services import security_event_record

PENDING = "two_factor_pending"
ENROL_REQUIRED = "two_factor_enrol_required"
SETUP_SECRET = "two_factor_setup_secret"
NEW_CODES = "two_factor_recovery_codes"
NEXT = "two_factor_next"
PENDING_SECONDS = 300  # the code step must follow the password within five minutes


def _safe_next(request: HttpRequest, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return "/"


def _pending_user(request: HttpRequest) -> tuple[User | None, dict]:
    pending = request.session.get(PENDING) or {}
    if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, {}
    return User.objects.filter(pk=pending["user"], is_active=True).first(), pending


def login_code(request: HttpRequest) -> HttpResponse:
    """The second login step: a code from the app, or a recovery code."""
    user, pending = _pending_user(request)
    if user is not None and two_factor.two_factor_device(user) is None:
        # The device was removed meanwhile (by an administrator): log in again from the start.
        request.session.pop(PENDING, None)
        user = None
    if user is None:
        messages.info(request, _("Log in with your username and password first."))
        return redirect("login")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check = two_factor.two_factor_check(user=user, code=form.cleaned_data["code"])
        except two_factor.TwoFactorLocked as locked:
            form.add_error("code", locked.message)
            _record_refusal(request, user, "locked")
        else:
            if check.ok:
                request.session.pop(PENDING, None)
                login(request, user, backend=pending["backend"])
                if check.method == "recovery":
                    messages.warning(
                        request,
                        _(
                            "You logged in with a recovery code; %(n)d are left. "
                            "Make new ones on your account page."
                        )
                        % {"n": check.recovery_codes_left},
                    )
                return redirect(_safe_next(request, pending.get("next")))
            form.add_error("code", check.message)
            _record_refusal(request, user, check.reason)
    return render(request, "registration/login_code.html", {"form": form})


def _record_refusal(request: HttpRequest, user: User, reason: str) -> None:
    """A refused code goes into the security event log: a failed sign-in, or the lockout."""
    kind = SecurityEvent.Kind.LOCKOUT if reason == "locked" else SecurityEvent.Kind.LOGIN_FAILED
    security_event_record(
        kind=kind, request=request, user=user, detail={"step": "two_factor", "reason": reason}
    )


def _secret_groups(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: QR code and secret, then a first code confirms it."""
    user = request_user(request)
    if two_factor.two_factor_device(user) is not None:
        request.session.pop(ENROL_REQUIRED, None)
        return redirect("accounts:me")
    secret = request.session.get(SETUP_SECRET)
    if not secret:
        secret = two_factor.two_factor_secret_new()
        request.session[SETUP_SECRET] = secret
    form = TwoFactorEnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _device, codes = two_factor.two_factor_enrol(
                user=user, secret=secret, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.pop(SETUP_SECRET, None)
            request.session.pop(ENROL_REQUIRED, None)
            request.session[NEW_CODES] = codes
            messages.success(request, _("Two-factor login is on."))
            return redirect("accounts:two_factor_recovery")
    uri = two_factor.two_factor_uri(user=user, secret=secret)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": segno.make(uri, error="m").svg_inline(scale=4, title=_("QR code")),
            "secret": _secret_groups(secret),
            "required": request.session.get(ENROL_REQUIRED, False),
        },
    )


@login_required
def two_factor_recovery(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once (they are kept only as hashes)."""
    codes = request.session.pop(NEW_CODES, None)
    if not codes:
        return redirect("accounts:me")
    return render(
        request,
        "accounts/two_factor_recovery.html",
        {"codes": codes, "next": _safe_next(request, request.session.pop(NEXT, None))},
    )


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    form = TwoFactorCodeForm(request.POST)
    if form.is_valid():
        try:
            two_factor.two_factor_disable(
                user=request_user(request), code=form.cleaned_data["code"]
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Two-factor login is off."))
    else:
        messages.error(request, _("Type a current code to turn two-factor login off."))
    return redirect("accounts:me")


@login_required
@require_POST
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    form = TwoFactorCodeForm(request.POST)
    if form.is_valid():
        try:
            codes = two_factor.recovery_codes_regenerate(
                user=request_user(request), code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            request.session[NEW_CODES] = codes
            request.session[NEXT] = reverse("accounts:me")
            return redirect("accounts:two_factor_recovery")
    else:
        messages.error(request, _("Type a current code to make new recovery codes."))
    return redirect("accounts:me")
