"""Mutual control under the cooperation agreements: obligations confirmed on time, disputes."""

from django.db.models import Count, F, Q

from educluster.agreements.models import FulfilmentReport, Occurrence
from educluster.effectiveness.indicators import Context, Figure, Figures, calculator, share


@calculator("obligations_on_time")
def obligations_on_time(ctx: Context) -> Figures:
    """Per obliged member: occurrences due in the period (up to today) that were confirmed by
    their due date ÷ all occurrences due. One query."""
    rows = (
        Occurrence.objects.filter(
            obligation__agreement__cluster=ctx.cluster,
            obligation__party__institution_id__in=ctx.members,
            due_date__gte=ctx.period.start,
            due_date__lte=ctx.measured_until,
        )
        .values("obligation__party__institution_id")
        .annotate(
            due=Count("id"),
            on_time=Count(
                "id",
                filter=Q(
                    state=Occurrence.State.CONFIRMED,
                    confirmed_at__date__lte=F("due_date"),
                ),
            ),
        )
        .order_by()
    )
    return {
        "obligations_on_time": {
            r["obligation__party__institution_id"]: Figure(
                share(r["on_time"], r["due"]), {"confirmed_on_time": r["on_time"], "due": r["due"]}
            )
            for r in rows
        }
    }


@calculator("disputes_share")
def disputes_share(ctx: Context) -> Figures:
    """Per reporting member: fulfilment reports submitted in the period that the counterpart
    disputed ÷ all reports it decided on (pending ones are not counted). One query."""
    rows = (
        FulfilmentReport.objects.filter(
            occurrence__obligation__agreement__cluster=ctx.cluster,
            occurrence__obligation__party__institution_id__in=ctx.members,
            submitted_at__date__gte=ctx.period.start,
            submitted_at__date__lte=ctx.period.end,
        )
        .exclude(decision=FulfilmentReport.Decision.PENDING)
        .values("occurrence__obligation__party__institution_id")
        .annotate(
            decided=Count("id"),
            disputed=Count("id", filter=Q(decision=FulfilmentReport.Decision.DISPUTED)),
        )
        .order_by()
    )
    return {
        "disputes_share": {
            r["occurrence__obligation__party__institution_id"]: Figure(
                share(r["disputed"], r["decided"]),
                {"disputed": r["disputed"], "decided": r["decided"]},
            )
            for r in rows
        }
    }
