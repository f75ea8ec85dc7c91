"""Signal receivers that only record: Django's sign-in, failed sign-in and sign-out, and
django-axes's lockout. No business logic lives here."""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from educluster.security.models import SecurityEvent
from educluster.security.services import security_event_record

Kind = SecurityEvent.Kind


@receiver(user_logged_in, dispatch_uid="security-login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    security_event_record(kind=Kind.LOGIN, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="security-login-failed")
def _login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # ``credentials`` comes cleansed (the password is masked); only the name tried is kept.
    security_event_record(
        kind=Kind.LOGIN_FAILED,
        request=request,
        user=None,
        username=str(credentials.get("username", "")),
    )


@receiver(user_logged_out, dispatch_uid="security-logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    security_event_record(kind=Kind.LOGOUT, request=request, user=user)


@receiver(user_locked_out, dispatch_uid="security-lockout")
def _locked_out(
    sender: Any,
    request: Any,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: Any,
) -> None:
    security_event_record(
        kind=Kind.LOCKOUT,
        request=request,
        user=None,
        username=username or "",
        detail={"ip_address": ip_address} if ip_address else {},
    )
