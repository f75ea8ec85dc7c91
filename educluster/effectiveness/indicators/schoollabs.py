"""School-Lab work: activities and approved trainee hours per term, study effect sizes, and the
share of students in research (projects)."""

from collections import defaultdict

import numpy as np
from django.db.models import Count, Sum

from educluster.effectiveness.indicators import Context, Figure, Figures, calculator
from educluster.engines.stats.compare import hedges_g
from educluster.schoollabs.models import Activity, PracticeLog, PupilResult, SchoolLab
from educluster.schoollabs.models.studies import StudyGroup, Wave


@calculator("lab_activities_per_term")
def lab_activities(ctx: Context) -> Figures:
    """Per member where they took place: activities dated in the period ÷ terms in the period.
    Members with none score 0 (the calculator knows there were none). One query."""
    counts = dict(
        Activity.objects.filter(
            cluster=ctx.cluster,
            institution_id__in=ctx.members,
            date__gte=ctx.period.start,
            date__lte=ctx.period.end,
        )
        .values_list("institution_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    terms = ctx.period.terms
    return {
        "lab_activities_per_term": {
            member: Figure(
                counts.get(member, 0) / terms, {"activities": counts.get(member, 0), "terms": terms}
            )
            for member in ctx.members
        }
    }


@calculator("trainee_hours_per_term")
def trainee_hours(ctx: Context) -> Figures:
    """Per School-Lab host: practice hours approved by mentors on logs dated in the period ÷
    terms. Hosts without approved hours score 0; members hosting no lab have no value. Two
    queries."""
    hosts = set(
        SchoolLab.objects.filter(cluster=ctx.cluster, host_id__in=ctx.members).values_list(
            "host_id", flat=True
        )
    )
    hours = dict(
        PracticeLog.objects.filter(
            placement__lab__cluster=ctx.cluster,
            status=PracticeLog.Status.APPROVED,
            date__gte=ctx.period.start,
            date__lte=ctx.period.end,
        )
        .values_list("placement__lab__host_id")
        .annotate(h=Sum("hours"))
        .order_by()
    )
    terms = ctx.period.terms
    return {
        "trainee_hours_per_term": {
            host: Figure(
                float(hours.get(host) or 0) / terms,
                {"approved_hours": float(hours.get(host) or 0), "terms": terms},
            )
            for host in hosts
        }
    }


@calculator("study_effect_size")
def study_effect_size(ctx: Context) -> Figures:
    """Per School-Lab host: the mean over its studies whose post-test falls in the period of
    Hedges' g of the pupils' gain (post − pre total), experimental against control. Pupils
    without both waves are left out; a study with fewer than two pupils per group or no
    variance gives no effect. Aggregated pupil data only: no pupil row leaves the query. One
    query."""
    gains: dict[tuple[int, int, int], dict[int, list[float]]] = defaultdict(
        lambda: defaultdict(list)
    )
    rows = (
        PupilResult.objects.filter(
            pupil__study__cluster=ctx.cluster,
            pupil__study__lab__host_id__in=ctx.members,
            pupil__study__post_date__gte=ctx.period.start,
            pupil__study__post_date__lte=ctx.period.end,
            wave__in=[Wave.PRE, Wave.POST],
        )
        .values_list(
            "pupil__study__lab__host_id",
            "pupil__study_id",
            "pupil__group__arm",
            "pupil_id",
            "wave",
            "total",
        )
        .order_by()
    )
    for host, study, arm, pupil, wave, total in rows:
        gains[(host, study, arm)][pupil].append(total if wave == Wave.POST else -total)
    by_study: dict[tuple[int, int], dict[int, list[float]]] = defaultdict(dict)
    for (host, study, arm), pupils in gains.items():
        by_study[(host, study)][arm] = [sum(v) for v in pupils.values() if len(v) == 2]
    effects: dict[int, list[float]] = defaultdict(list)
    for (host, _study), arms in sorted(by_study.items()):
        exp = arms.get(StudyGroup.Arm.EXPERIMENTAL, [])
        ctl = arms.get(StudyGroup.Arm.CONTROL, [])
        if len(exp) < 2 or len(ctl) < 2:
            continue
        try:
            effects[host].append(float(hedges_g(np.array(exp), np.array(ctl)).g))
        except Exception:  # zero variance or degenerate samples: no effect can be stated
            continue
    return {
        "study_effect_size": {
            host: Figure(sum(g) / len(g), {"studies": len(g), "effects": [round(x, 4) for x in g]})
            for host, g in effects.items()
        }
    }


@calculator("student_research_share")
def student_research_share(ctx: Context) -> Figures:
    """For the cluster: the lead department's students on a team of an approved, running or
    completed project during the academic year ÷ all its students (the projects app's own
    measure, so both pages agree). Two queries."""
    from educluster.projects.selectors import student_research_share as measure

    result = measure(ctx.cluster, on=ctx.period.start)
    students = sum(r.students for r in result.rows)
    involved = sum(r.involved for r in result.rows)
    value = involved / students if students else None
    return {
        "student_research_share": {
            None: Figure(value, {"students": students, "in_research": involved})
        }
    }
