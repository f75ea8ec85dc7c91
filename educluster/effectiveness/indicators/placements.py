"""Placements and employment: practice coverage and first-choice share, graduates employed in
their specialty, targeted-training contracts fulfilled."""

from collections import defaultdict

from django.db.models import Count, Q

from educluster.effectiveness.indicators import Context, Figure, Figures, calculator, share
from educluster.placements.models import (
    Applicant,
    GraduateOutcome,
    PlacementRound,
    TargetedContract,
)


@calculator("practice_coverage", "practice_first_choice")
def practice(ctx: Context) -> Figures:
    """For the cluster, over the published practice rounds of the period (their School-Lab term
    starts in it, or they were published in it when they have no term): applicants placed ÷
    applicants, and applicants placed at their first choice ÷ applicants placed. One query."""
    start, end = ctx.period.start, ctx.period.end
    in_period = Q(lab_term__start_date__gte=start, lab_term__start_date__lte=end) | Q(
        lab_term__isnull=True, published_at__date__gte=start, published_at__date__lte=end
    )
    rounds = PlacementRound.objects.filter(
        in_period,
        cluster=ctx.cluster,
        kind=PlacementRound.Kind.PRACTICE,
        status=PlacementRound.Status.PUBLISHED,
    )
    totals = Applicant.objects.filter(round__in=rounds).aggregate(
        applicants=Count("id"),
        placed=Count("id", filter=Q(assignment__host__isnull=False)),
        first=Count("id", filter=Q(assignment__host__isnull=False, assignment__choice_position=1)),
    )
    return {
        "practice_coverage": {
            None: Figure(
                share(totals["placed"], totals["applicants"]),
                {"applicants": totals["applicants"], "placed": totals["placed"]},
            )
        },
        "practice_first_choice": {
            None: Figure(
                share(totals["first"], totals["placed"]),
                {"placed": totals["placed"], "first_choice": totals["first"]},
            )
        },
    }


TEACHING = [GraduateOutcome.Status.TEACHING_CLUSTER, GraduateOutcome.Status.TEACHING_ELSEWHERE]


@calculator("graduates_in_specialty")
def graduates(ctx: Context) -> Figures:
    """For the cluster: graduates of the calendar year in which the period starts (measured one
    year on, during the period) teaching in their specialty, in the cluster or elsewhere ÷ all
    their recorded outcomes. Disputed outcomes are left out. One query."""
    totals = (
        GraduateOutcome.objects.filter(cluster=ctx.cluster, graduation_year=ctx.period.first_year)
        .exclude(confirmation=GraduateOutcome.Confirmation.DISPUTED)
        .aggregate(n=Count("id"), teaching=Count("id", filter=Q(status__in=TEACHING)))
    )
    return {
        "graduates_in_specialty": {
            None: Figure(
                share(totals["teaching"], totals["n"]),
                {
                    "graduates": totals["n"],
                    "teaching": totals["teaching"],
                    "graduation_year": ctx.period.first_year,
                },
            )
        }
    }


SETTLED = [
    TargetedContract.Status.WORKING,
    TargetedContract.Status.FULFILLED,
    TargetedContract.Status.BREACHED,
]
KEPT = [TargetedContract.Status.WORKING, TargetedContract.Status.FULFILLED]


@calculator("targeted_contracts_kept", "targeted_contracts_kept_cluster")
def targeted_contracts(ctx: Context) -> Figures:
    """Targeted-training contracts of students who graduated by the period's first year and are
    past studying (released ones left out): fulfilled or being worked off ÷ all of them, per
    ordering district department and for the cluster. One query."""
    per: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    for sponsor, status, n in (
        TargetedContract.objects.filter(
            cluster=ctx.cluster, graduation_year__lte=ctx.period.first_year, status__in=SETTLED
        )
        .values_list("sponsor_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        for key in {sponsor, None}:
            per[key][0] += n
            per[key][1] += n if status in KEPT else 0
    cluster = per.get(None, [0, 0])
    return {
        "targeted_contracts_kept": {
            s: Figure(share(kept, n), {"contracts": n, "kept": kept})
            for s, (n, kept) in per.items()
            if s is not None and s in ctx.members
        },
        "targeted_contracts_kept_cluster": {
            None: Figure(
                share(cluster[1], cluster[0]), {"contracts": cluster[0], "kept": cluster[1]}
            )
        },
    }
