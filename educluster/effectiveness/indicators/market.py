"""The market of services: how many of a provider's services were delivered and confirmed by the
requesting member, and how the requesters rated them."""

from django.db.models import Avg, Count

from educluster.effectiveness.indicators import Context, Figure, Figures, calculator
from educluster.market.models import ServiceRequest


@calculator("services_uptake", "services_satisfaction")
def services(ctx: Context) -> Figures:
    """Per provider member: requests for its services confirmed by the requester in the period
    (members with none score 0), and the mean rating of those (only members with a rating).
    One query."""
    rows = (
        ServiceRequest.objects.filter(
            service__cluster=ctx.cluster,
            service__provider_id__in=ctx.members,
            status=ServiceRequest.Status.CONFIRMED,
            confirmed_at__date__gte=ctx.period.start,
            confirmed_at__date__lte=ctx.period.end,
        )
        .values_list("service__provider_id")
        .annotate(n=Count("id"), rated=Count("rating"), mean=Avg("rating"))
        .order_by()
    )
    counts: dict[int, int] = {}
    means: dict[int, tuple[float, int]] = {}
    for provider, n, rated, mean in rows:
        counts[provider] = n
        if rated:
            means[provider] = (float(mean), rated)
    return {
        "services_uptake": {
            m: Figure(float(counts.get(m, 0)), {"confirmed_requests": counts.get(m, 0)})
            for m in ctx.members
        },
        "services_satisfaction": {
            m: Figure(round(mean, 2), {"ratings": rated}) for m, (mean, rated) in means.items()
        },
    }
