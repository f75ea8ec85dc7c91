"""Recording security events: one row each, and the same line on the ``educluster.security``
logger, so that a log collector sees them without reading the database."""

import logging
from typing import Any

from django.http import HttpRequest

from educluster.security.models import SecurityEvent

logger = logging.getLogger("educluster.security")


def _ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def security_event_record(
    *,
    kind: str,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    detail: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> SecurityEvent:
    """Record one event of ``kind`` (a :class:`SecurityEvent.Kind`).

    ``user`` defaults to the request's signed-in user; ``username`` to that user's name. The IP
    address and path come from ``request`` when there is one (a service called without the
    request passes ``ip_address``).
    """
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        user = candidate if getattr(candidate, "is_authenticated", False) else None
    if not getattr(user, "pk", None):
        user = None
    username = (username or getattr(user, "username", "") or "")[:150]
    event = SecurityEvent.objects.create(
        kind=kind,
        user=user,
        username=username,
        ip_address=ip_address or _ip(request),
        path=(request.path if request is not None else "")[:500],
        detail=detail or {},
    )
    logger.info(
        "%s user=%s ip=%s path=%s detail=%s",
        kind,
        username or "-",
        event.ip_address or "-",
        event.path or "-",
        event.detail,
        extra={"security_event": event.pk, "kind": kind},
    )
    return event
