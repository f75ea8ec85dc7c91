"""Support of young teachers: the share of those who began work one to three years before the
period still employed in the cluster."""

from educluster.effectiveness.indicators import Context, Figure, Figures, calculator, share


@calculator("young_teacher_retention")
def young_teacher_retention(ctx: Context) -> Figures:
    """For the cluster: young teachers whose first mentoring pair in the cluster began in one of
    the three calendar years before the period's first year (the pair's start is taken as the
    start of work: no people or workforce record holds one) ÷ those of them whose person record
    is now at one of the period's member institutions. Only present employment is recorded, so
    a teacher who left and came back counts as retained. One query."""
    from educluster.recognition.models import MentoringPair

    y = ctx.period.first_year
    first: dict[int, tuple[int, int | None]] = {}
    for mentee, starts, institution in (
        MentoringPair.objects.filter(cluster=ctx.cluster, starts_on__year__lt=y)
        .order_by("starts_on", "pk")
        .values_list("mentee_id", "starts_on", "mentee__institution_id")
    ):
        first.setdefault(mentee, (starts.year, institution))
    cohort = [(year, inst) for year, inst in first.values() if y - 3 <= year <= y - 1]
    stayed = sum(1 for _year, inst in cohort if inst in ctx.members)
    by_year = {
        str(year): sum(1 for started, _i in cohort if started == year) for year in range(y - 3, y)
    }
    return {
        "young_teacher_retention": {
            None: Figure(
                share(stayed, len(cohort)),
                {"young_teachers": len(cohort), "still_employed": stayed, "started": by_year},
            )
        }
    }
