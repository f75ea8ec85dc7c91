"""Career guidance: how many pupils of a member school the cluster's guidance events reached."""

from django.db.models import Count, Sum

from educluster.effectiveness.indicators import Context, Figure, Figures, calculator
from educluster.guidance.models import Participation

SCHOOL_KINDS = {"general_school", "music_art_school", "art_college", "preschool"}


@calculator("guidance_reach")
def guidance_reach(ctx: Context) -> Figures:
    """Pupils reached by guidance events in the period (events held up to today).

    * per member school: reach(s) = Σ pupils_count of the school's participations in the
      cluster's events held between the period's start and ``measured_until`` (a school with
      none scores 0);
    * for the cluster (key ``None``): the same sum over every participating school, with the
      number of schools.

    One query.
    """
    rows = (
        Participation.objects.filter(
            event__cluster=ctx.cluster,
            event__date__gte=ctx.period.start,
            event__date__lte=ctx.measured_until,
        )
        .values_list("school_id")
        .annotate(pupils=Sum("pupils_count"), events=Count("event", distinct=True))
        .order_by()
    )
    by_school = {school: (int(pupils or 0), events) for school, pupils, events in rows}
    result: dict[int | None, Figure] = {
        m: Figure(
            float(by_school.get(m, (0, 0))[0]),
            {"pupils_reached": by_school.get(m, (0, 0))[0], "events": by_school.get(m, (0, 0))[1]},
        )
        for m, kind in ctx.members.items()
        if kind in SCHOOL_KINDS
    }
    total = sum(p for p, _e in by_school.values())
    result[None] = Figure(float(total), {"pupils_reached": total, "schools": len(by_school)})
    return {"guidance_reach": result}
