"""Teacher workforce: vacancy fill rate and time to fill per employer, and the forecast gap
closed by hiring for the cluster."""

from collections import defaultdict

from django.db.models import Sum

from educluster.effectiveness.indicators import (
    Context,
    Figure,
    Figures,
    calculator,
    median_or_none,
    share,
)
from educluster.workforce.models import ForecastCell, ForecastRun, Vacancy


@calculator("vacancy_fill_rate", "time_to_fill", "forecast_gap_closed")
def vacancies(ctx: Context) -> Figures:
    """Per member: of the vacancies open at some time in the period (withdrawn ones left out),
    the share filled by the period's end; the median days from opening to filling of those
    filled in the period. For the cluster: vacancies of members filled in the period ÷ the
    positive hiring need for the period's first year in the cluster's latest published forecast
    (or the latest completed one), capped at 1. Three queries."""
    start, end = ctx.period.start, ctx.period.end
    open_in: dict[int, int] = defaultdict(int)
    filled_in: dict[int, int] = defaultdict(int)
    days: dict[int, list[float]] = defaultdict(list)
    for institution, status, opened, closed in (
        Vacancy.objects.filter(position__institution_id__in=ctx.members, opened_on__lte=end)
        .exclude(status=Vacancy.Status.WITHDRAWN)
        .exclude(closed_on__lt=start)
        .values_list("position__institution_id", "status", "opened_on", "closed_on")
        .order_by()
    ):
        open_in[institution] += 1
        if status == Vacancy.Status.FILLED and closed is not None and closed <= end:
            filled_in[institution] += 1
            if closed >= start:
                days[institution].append(float((closed - opened).days))
    run = (
        ForecastRun.objects.filter(cluster=ctx.cluster, status=ForecastRun.Status.DONE)
        .order_by("-is_published", "-created_at", "-pk")
        .values("pk", "scenario_name")
        .first()
    )
    need = None
    if run is not None:
        need = ForecastCell.objects.filter(
            run_id=run["pk"], year=ctx.period.first_year, hiring_need__gt=0
        ).aggregate(n=Sum("hiring_need"))["n"]
    hired = sum(len(d) for d in days.values())
    closed_share = None if not need else min(1.0, hired / need)
    return {
        "vacancy_fill_rate": {
            m: Figure(share(filled_in[m], n), {"open_in_period": n, "filled": filled_in[m]})
            for m, n in open_in.items()
        },
        "time_to_fill": {
            m: Figure(median_or_none(d), {"filled_in_period": len(d)}) for m, d in days.items()
        },
        "forecast_gap_closed": {
            None: Figure(
                closed_share,
                {
                    "filled_in_period": hired,
                    "forecast_hiring_need": round(need, 2) if need else need,
                    "forecast_run": run["pk"] if run else None,
                    "scenario": run["scenario_name"] if run else None,
                    "year": ctx.period.first_year,
                },
            )
        },
    }
