"""Professional development: credited hours of the member's teachers in the period."""

from datetime import datetime, time

from django.db.models import Count, Sum
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.development.models import Certificate
from educluster.effectiveness.indicators import Context, Figure, Figures, calculator

TEACHER_KINDS = [Person.Kind.TEACHER, Person.Kind.FACULTY]


@calculator("pd_hours_per_teacher")
def pd_hours_per_teacher(ctx: Context) -> Figures:
    """Per member: credited hours of its people's certificates for the cluster's events that
    started in the period (attendance closed, attended), divided by the member's teachers and
    faculty. A member with no teachers cannot be measured (None). Two queries."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(ctx.period.start, time.min, tzinfo=tz)
    end = datetime.combine(ctx.measured_until, time.max, tzinfo=tz)
    hours = {
        institution: float(total or 0)
        for institution, total in Certificate.objects.filter(
            registration__event__cluster=ctx.cluster,
            registration__attended=True,
            registration__event__starts_at__gte=start,
            registration__event__starts_at__lte=end,
            registration__person__institution_id__in=ctx.members,
        )
        .values_list("registration__person__institution_id")
        .annotate(total=Sum("hours"))
        .order_by()
    }
    teachers = dict(
        Person.objects.filter(institution_id__in=ctx.members, kind__in=TEACHER_KINDS)
        .values_list("institution_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    figures: dict[int | None, Figure] = {}
    for member in ctx.members:
        n = teachers.get(member, 0)
        total = hours.get(member, 0.0)
        figures[member] = Figure(
            round(total / n, 2) if n else None, {"hours": total, "teachers": n}
        )
    return {"pd_hours_per_teacher": figures}
