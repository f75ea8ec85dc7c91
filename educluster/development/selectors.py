"""Reading professional development, scoped to the user (what is not visible is not found)."""

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.accounts.scoping import scope_for
from educluster.development.models import (
    Certificate,
    DevelopmentEvent,
    DevelopmentNorm,
    Registration,
)
from educluster.projects.selectors import academic_year
from educluster.registry.models import Cluster

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=7, decimal_places=1))


def events(cluster: Cluster) -> QuerySet[DevelopmentEvent]:
    return (
        DevelopmentEvent.objects.filter(cluster=cluster)
        .select_related("organiser")
        .order_by("-starts_at", "pk")
    )


def event_for_user(user: Any, pk: int) -> DevelopmentEvent:
    scope = scope_for(user)
    qs = DevelopmentEvent.objects.select_related("cluster", "organiser")
    if not scope.sees_everything:
        qs = qs.filter(cluster_id__in=scope.cluster_ids)
    event = qs.filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def certificate_for_user(user: Any, pk: int) -> Certificate:
    """Only the certificate's person, the event's organisers and the coordinators."""
    cert = (
        Certificate.objects.select_related(
            "registration__person__institution",
            "registration__event__organiser",
            "registration__event__cluster",
        )
        .filter(pk=pk)
        .first()
    )
    if cert is None:
        raise Http404
    person = cert.registration.person
    if person.user_id is not None and person.user_id == getattr(user, "pk", None):
        return cert
    if user.has_perm("development.organise", cert.registration.event):
        return cert
    raise Http404


def certificate_by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("registration__person", "registration__event")
        .filter(code=code.strip().upper())
        .first()
    )


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=tz),
        datetime.combine(last, time.max, tzinfo=tz),
    )


def attended_hours_filter(first: date, last: date, prefix: str = "") -> Q:
    start, end = _bounds(first, last)
    return Q(
        **{
            f"{prefix}attended": True,
            f"{prefix}event__attendance_closed_at__isnull": False,
            f"{prefix}event__starts_at__gte": start,
            f"{prefix}event__starts_at__lte": end,
        }
    )


def hours_by_year(person: Person) -> list[dict[str, Any]]:
    """The person's credited hours (closed, attended events) per academic year, newest first."""
    totals: dict[int, Decimal] = {}
    for starts_at, hours in Registration.objects.filter(
        person=person, attended=True, event__attendance_closed_at__isnull=False
    ).values_list("event__starts_at", "certificate__hours"):
        first, _last = academic_year(timezone.localtime(starts_at).date())
        totals[first.year] = totals.get(first.year, Decimal(0)) + (hours or Decimal(0))
    return [
        {"year": y, "label": f"{y}/{y + 1}", "hours": h} for y, h in sorted(totals.items())[::-1]
    ]


def certificates_of(person: Person) -> QuerySet[Certificate]:
    return Certificate.objects.filter(registration__person=person).select_related(
        "registration__event__organiser"
    )


def norm_for(cluster: Cluster, year: int) -> DevelopmentNorm | None:
    return DevelopmentNorm.objects.filter(cluster=cluster, year=year).first()


def staff_totals(user: Any, cluster: Cluster, first: date, last: date) -> QuerySet[Person]:
    """The people of the institutions the user heads in ``cluster``, with ``pd_hours`` this
    academic year."""
    scope = scope_for(user)
    member_ids = cluster.memberships.active().values_list("institution_id", flat=True)
    return (
        Person.objects.filter(institution_id__in=scope.headed_institution_ids)
        .filter(institution_id__in=member_ids)
        .exclude(kind=Person.Kind.STUDENT)
        .select_related("institution")
        .annotate(
            pd_hours=Coalesce(
                Sum(
                    "development_registrations__certificate__hours",
                    filter=attended_hours_filter(first, last, "development_registrations__"),
                ),
                ZERO,
            )
        )
        .order_by("institution__name", "full_name")
    )


def upcoming_for(person: Person, limit: int = 5) -> list[Registration]:
    return list(
        Registration.objects.filter(person=person, event__ends_at__gte=timezone.now())
        .select_related("event__cluster")
        .order_by("event__starts_at")[:limit]
    )


def hours_this_year(person: Person) -> Decimal:
    first, last = academic_year()
    total = Registration.objects.filter(
        attended_hours_filter(first, last), person=person
    ).aggregate(h=Sum("certificate__hours"))["h"]
    return total or Decimal(0)
