"""Continuity (succession) from preschool to teacher: the three shares of the pathways app."""

from educluster.effectiveness.indicators import Context, Figure, Figures, calculator


@calculator(
    "continuity_teachers_trained_here",
    "continuity_admitted_from_cluster",
    "continuity_talents_enrolled",
)
def continuity(ctx: Context) -> Figures:
    """For the cluster, in the calendar year the period starts: new teachers at member schools
    who graduated from the cluster's university; admitted students who came from a member
    school or art school; talented pupils (competition winners) later admitted. The pathways
    app's own computation (two queries), so both pages agree."""
    from educluster.pathways.selectors import continuity_indicators

    rows = {r.year: r for r in continuity_indicators(ctx.cluster).rows}
    row = rows.get(ctx.period.first_year)
    if row is None:
        return {
            "continuity_teachers_trained_here": {None: Figure(None, {})},
            "continuity_admitted_from_cluster": {None: Figure(None, {})},
            "continuity_talents_enrolled": {None: Figure(None, {})},
        }
    return {
        "continuity_teachers_trained_here": {
            None: Figure(
                row.share_teachers_trained_here,
                {"new_teachers": row.new_teachers, "trained_here": row.new_teachers_trained_here},
            )
        },
        "continuity_admitted_from_cluster": {
            None: Figure(
                row.share_admitted_from_cluster,
                {"admitted": row.admitted, "from_member_schools": row.admitted_from_schools},
            )
        },
        "continuity_talents_enrolled": {
            None: Figure(
                row.share_talents_enrolled,
                {"talents": row.talents, "enrolled": row.talents_enrolled},
            )
        },
    }
