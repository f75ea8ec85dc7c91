"""Coordinated management: the council's decisions carried out by their due date."""

from django.db.models import Count, F, Q

from educluster.council.models import Decision
from educluster.effectiveness.indicators import Context, Figure, Figures, calculator, share


@calculator("decisions_on_time")
def decisions_on_time(ctx: Context) -> Figures:
    """Per responsible member, and for the cluster (key ``None``): council decisions due in the
    period (up to today) that were marked done by their due date ÷ all decisions due. One
    query."""
    rows = (
        Decision.objects.filter(
            meeting__cluster=ctx.cluster,
            due_date__gte=ctx.period.start,
            due_date__lte=ctx.measured_until,
        )
        .values("responsible_id")
        .annotate(
            due=Count("id"),
            on_time=Count("id", filter=Q(done_at__date__lte=F("due_date"))),
        )
        .order_by()
    )
    result: dict[int | None, Figure] = {}
    due = on_time = 0
    for r in rows:
        due += r["due"]
        on_time += r["on_time"]
        if r["responsible_id"] in ctx.members:
            result[r["responsible_id"]] = Figure(
                share(r["on_time"], r["due"]), {"done_on_time": r["on_time"], "due": r["due"]}
            )
    result[None] = Figure(share(on_time, due), {"done_on_time": on_time, "due": due})
    return {"decisions_on_time": result}
