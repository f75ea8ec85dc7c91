"""Home page sections: a mentor's pairs with their last meeting; a head's staff's recent
recognitions."""

from typing import Any

from django.db.models import Count, Max

from educluster.accounts.scoping import scope_for
from educluster.recognition.models import MentoringPair, Recognition

LIMIT = 8


def mentor_section(user: Any) -> tuple[str, dict] | None:
    scope = scope_for(user)
    if scope.user_id is None:
        return None
    rows = list(
        MentoringPair.objects.active()
        .filter(mentor__user_id=scope.user_id)
        .select_related("mentee")
        .annotate(meeting_count=Count("meetings"), last_meeting=Max("meetings__date"))
        .order_by("starts_on", "pk")[:LIMIT]
    )
    return ("recognition/_home_mentor.html", {"rows": rows}) if rows else None


def head_section(user: Any) -> tuple[str, dict] | None:
    headed = scope_for(user).headed_institution_ids
    if not headed:
        return None
    rows = list(
        Recognition.objects.filter(person__institution_id__in=headed)
        .select_related("person")
        .order_by("-date", "-pk")[:LIMIT]
    )
    return ("recognition/_home_head.html", {"rows": rows}) if rows else None
