"""Keeps an administrator who logged in without a second factor on the enrolment page."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from educluster.accounts.models import TwoFactorDevice
from educluster.accounts.two_factor_views import ENROL_REQUIRED


class TwoFactorEnrolmentMiddleware:
    """Acts only on sessions the login view flagged ``ENROL_REQUIRED``: every page but the
    enrolment, the recovery codes, logging out and the language switch redirects to enrolment.

    Sessions without the flag (``force_login`` in tests, API tokens) pass untouched; the flag
    is dropped once the account has a device. Runs after the authentication middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(ENROL_REQUIRED):
            response = self._hold(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _hold(self, request: HttpRequest) -> HttpResponse | None:
        if not request.user.is_authenticated:
            request.session.pop(ENROL_REQUIRED, None)
            return None
        if TwoFactorDevice.objects.filter(user_id=request.user.pk).exists():
            request.session.pop(ENROL_REQUIRED, None)
            return None
        allowed = (
            reverse("accounts:two_factor_setup"),
            reverse("accounts:two_factor_recovery"),
            reverse("logout"),
            reverse("set_language"),
            settings.STATIC_URL or "/static/",
        )
        if request.path.startswith(allowed):
            return None
        return redirect("accounts:two_factor_setup")
