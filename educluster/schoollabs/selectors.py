"""Scoped reads: every object a School-Lab view fetches comes through a helper taking the user.

What a user may not see is not found (404). Labs and activities are visible to everyone who
sees the cluster; placements to the lab's managers, the trainee and the mentor; studies to
their team, the coordinators, analysts and the host school's head (aggregates only — pupil
rows need the ``schoollabs.view_pupil_data`` permission on top).
"""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from educluster.accounts.models import Person
from educluster.accounts.scoping import scope_for
from educluster.registry.models import Cluster
from educluster.schoollabs.models import (
    Activity,
    Instrument,
    InstrumentItem,
    Placement,
    PracticeLog,
    Pupil,
    PupilDataAccess,
    PupilResult,
    SchoolLab,
    Study,
    StudyGroup,
    Term,
)
from educluster.schoollabs.rules import lab_roles


def _get(queryset: QuerySet, pk: Any) -> Any:
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- Labs -------------------------------------------------------------------------------------


def labs_for(user: Any) -> QuerySet[SchoolLab]:
    scope = scope_for(user)
    qs = SchoolLab.objects.select_related(
        "cluster", "host", "supervisor", "school_coordinator", "evaluation_rubric", "agreement"
    )
    if scope.sees_everything:
        return qs
    return qs.filter(cluster_id__in=scope.cluster_ids)


def lab_for_user(user: Any, pk: Any) -> SchoolLab:
    return _get(labs_for(user), pk)


def cluster_labs(user: Any, cluster: Cluster) -> QuerySet[SchoolLab]:
    """The cluster's labs with their activity count and this term's trainees."""
    return (
        labs_for(user)
        .filter(cluster=cluster)
        .annotate(
            n_activities=Count("activities", distinct=True),
            n_placements=Count(
                "placements",
                filter=Q(placements__status=Placement.Status.ACTIVE),
                distinct=True,
            ),
        )
        .order_by("name")
    )


def cluster_terms(cluster: Cluster) -> QuerySet[Term]:
    return Term.objects.filter(cluster=cluster)


def term_of(cluster: Cluster, pk: Any) -> Term:
    return _get(cluster_terms(cluster), pk)


# --- Activities -------------------------------------------------------------------------------


def activities_for(user: Any) -> QuerySet[Activity]:
    """Activities of the clusters the user sees, at a lab or at any member (lab or not)."""
    scope = scope_for(user)
    qs = Activity.objects.select_related(
        "cluster", "institution", "lab", "lab__host", "lab__cluster", "goal"
    )
    if scope.sees_everything:
        return qs
    return qs.filter(cluster_id__in=scope.cluster_ids)


def activity_for_user(user: Any, pk: Any) -> Activity:
    return _get(activities_for(user), pk)


def cluster_activities(user: Any, cluster: Cluster) -> QuerySet[Activity]:
    return (
        activities_for(user)
        .filter(cluster=cluster)
        .annotate(n_pupils=Sum("class_counts__pupils"))
        .order_by("-date", "-start_time", "-id")
    )


def activity_detail(activity: Activity) -> dict[str, Any]:
    return {
        "faculty": list(activity.faculty.all()),
        "students": list(activity.students.all()),
        "teachers": list(activity.teachers.all()),
        "class_counts": list(activity.class_counts.all()),
        "files": list(activity.files.all()),
        "awards": list(activity.awards.select_related("learner", "learner__person")),
    }


# --- Practice ---------------------------------------------------------------------------------


def placements_for(user: Any) -> QuerySet[Placement]:
    scope = scope_for(user)
    qs = Placement.objects.select_related(
        "lab", "lab__cluster", "lab__host", "term", "student", "mentor"
    )
    if scope.is_admin:
        return qs
    roles = lab_roles(user)
    condition = Q(lab__cluster_id__in=scope.coordinated_cluster_ids)
    condition |= Q(lab__host_id__in=scope.headed_institution_ids)
    condition |= Q(lab_id__in=roles.supervised_lab_ids)
    if roles.person_id is not None:
        condition |= Q(student_id=roles.person_id) | Q(mentor_id=roles.person_id)
    return qs.filter(condition)


def placement_for_user(user: Any, pk: Any) -> Placement:
    return _get(placements_for(user), pk)


def cluster_placements(user: Any, cluster: Cluster) -> QuerySet[Placement]:
    return (
        placements_for(user)
        .filter(lab__cluster=cluster)
        .annotate(
            approved=Sum("logs__hours", filter=Q(logs__status=PracticeLog.Status.APPROVED)),
            pending=Count("logs", filter=Q(logs__status=PracticeLog.Status.SUBMITTED)),
        )
        .order_by("-term__start_date", "lab__name", "student__full_name")
    )


def practice_summary(cluster: Cluster) -> list[dict[str, Any]]:
    """Aggregates per lab and term (no names): trainees and hours by state, for every reader."""
    counts = (
        Placement.objects.filter(lab__cluster=cluster)
        .values("lab__name", "term__name", "term__start_date")
        .annotate(trainees=Count("id"))
    )
    hours = (
        PracticeLog.objects.filter(placement__lab__cluster=cluster)
        .values("placement__lab__name", "placement__term__name", "status")
        .annotate(total=Sum("hours"))
    )
    by_key: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    for row in hours:
        by_key[row["placement__lab__name"], row["placement__term__name"]][row["status"]] = row[
            "total"
        ]
    rows: list[dict[str, Any]] = []
    ordered = sorted(counts, key=lambda r: (r["term__start_date"], r["lab__name"]), reverse=True)
    for count in ordered:
        totals = by_key.get((count["lab__name"], count["term__name"]), {})
        rows.append(
            {
                "lab": count["lab__name"],
                "term": count["term__name"],
                "trainees": count["trainees"],
                "approved": totals.get(PracticeLog.Status.APPROVED, Decimal(0)),
                "submitted": totals.get(PracticeLog.Status.SUBMITTED, Decimal(0)),
                "returned": totals.get(PracticeLog.Status.RETURNED, Decimal(0)),
            }
        )
    return rows


def placement_totals(placement: Placement) -> dict[str, Decimal]:
    totals = {status: Decimal(0) for status in PracticeLog.Status.values}
    for row in placement.logs.values("status").annotate(total=Sum("hours")):
        totals[row["status"]] = row["total"]
    return totals


def trainee_for_user(user: Any, pk: Any) -> tuple[Person, QuerySet[Placement]]:
    """A student and the placements of theirs ``user`` may see; 404 when there are none
    (a student always finds their own record, even before any placement)."""
    placements = placements_for(user).filter(student_id=pk)
    if lab_roles(user).person_id == int(pk):
        person = _get(Person.objects.filter(kind=Person.Kind.STUDENT), pk)
        return person, placements
    first = placements.first()
    if first is None:
        raise Http404
    return first.student, placements


# --- Instruments ------------------------------------------------------------------------------


def instruments_for(user: Any) -> QuerySet[Instrument]:
    scope = scope_for(user)
    qs = Instrument.objects.select_related("cluster").prefetch_related(
        Prefetch("items", queryset=InstrumentItem.objects.order_by("number"))
    )
    if scope.sees_everything:
        return qs
    return qs.filter(cluster_id__in=scope.cluster_ids)


def instrument_for_user(user: Any, pk: Any) -> Instrument:
    return _get(instruments_for(user), pk)


def instrument_in_use(instrument: Instrument) -> bool:
    """Items of an instrument with answers cannot change: the answers would lose their meaning."""
    return (
        PupilResult.objects.filter(pupil__study__instrument=instrument).exists()
        or instrument.evaluations.exists()
    )


# --- Studies ----------------------------------------------------------------------------------


def studies_for(user: Any) -> QuerySet[Study]:
    scope = scope_for(user)
    qs = Study.objects.select_related("cluster", "lab", "lab__host", "instrument")
    if scope.sees_everything:
        return qs
    condition = Q(cluster_id__in=scope.coordinated_cluster_ids | scope.analyst_cluster_ids)
    condition |= Q(pk__in=lab_roles(user).team_study_ids)
    condition |= Q(lab__host_id__in=scope.headed_institution_ids)
    return qs.filter(condition)


def study_for_user(user: Any, pk: Any) -> Study:
    return _get(studies_for(user), pk)


def cluster_studies(user: Any, cluster: Cluster) -> QuerySet[Study]:
    return (
        studies_for(user)
        .filter(cluster=cluster)
        .annotate(n_pupils=_count_of(Pupil), n_groups=_count_of(StudyGroup))
        .order_by("-created_at")
    )


def _count_of(model: Any) -> Coalesce:
    """Rows of ``model`` per study as a correlated subquery: counting both pupils and classes
    through joins would multiply them (pupils x classes rows per study, 30 s at national
    scale)."""
    rows = (
        model.objects.filter(study=OuterRef("pk"))
        .order_by()
        .values("study")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def study_groups(study: Study) -> QuerySet[StudyGroup]:
    return study.groups.select_related("institution").annotate(n_pupils=Count("pupils"))


def group_of(study: Study, pk: Any) -> StudyGroup:
    return _get(study.groups.select_related("institution"), pk)


def study_counts(study: Study) -> dict[tuple[int, int], int]:
    """Results per (arm, wave): the aggregate a study page shows to every reader."""
    rows = (
        PupilResult.objects.filter(pupil__study=study)
        .values("pupil__group__arm", "wave")
        .annotate(n=Count("id"))
    )
    return {(r["pupil__group__arm"], r["wave"]): r["n"] for r in rows}


def study_pupils(study: Study) -> QuerySet[Pupil]:
    """Pupil rows with their results: pupil-level data, for views that log the access."""
    return (
        study.pupils.select_related("group", "group__institution")
        .prefetch_related(Prefetch("results", queryset=PupilResult.objects.order_by("wave")))
        .order_by("group__code", "code")
    )


def access_log(cluster: Cluster) -> QuerySet[PupilDataAccess]:
    return PupilDataAccess.objects.filter(cluster=cluster).select_related("study")
