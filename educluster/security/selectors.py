from datetime import date

from django.db.models import QuerySet

from educluster.security.models import SecurityEvent


def events_filtered(
    *,
    kind: str = "",
    username: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[SecurityEvent]:
    """Recent events, newest first, narrowed by kind, user name (part of) and day range."""
    events = SecurityEvent.objects.select_related("user")
    if kind:
        events = events.filter(kind=kind)
    if username:
        events = events.filter(username__icontains=username)
    if date_from:
        events = events.filter(created_at__date__gte=date_from)
    if date_to:
        events = events.filter(created_at__date__lte=date_to)
    return events
