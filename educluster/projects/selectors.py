"""Queries over many project rows, and the scoped lookups every project page goes through."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from educluster.accounts.models import Person, User
from educluster.accounts.scoping import scope_for
from educluster.projects.models import Deliverable, Milestone, Project, TeamMember
from educluster.registry.models import Cluster, Goal, Institution, Membership
from educluster.schoollabs.models import SchoolLab


def academic_year(on: date | None = None) -> tuple[date, date]:
    """The academic year holding ``on`` (default: today in the cluster's time zone), as its
    first and last day: 1 September to 31 August.

    >>> academic_year(date(2026, 3, 10))
    (datetime.date(2025, 9, 1), datetime.date(2026, 8, 31))
    >>> academic_year(date(2026, 9, 1))
    (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31))
    """
    on = on or timezone.localdate()
    first_year = on.year if on.month >= 9 else on.year - 1
    return date(first_year, 9, 1), date(first_year + 1, 8, 31)


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, to one decimal place; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


# --- Scoped lookups ---------------------------------------------------------------------------


def projects_for(user: User | object) -> QuerySet[Project]:
    """Projects are read by every member of their cluster (and by platform-wide readers)."""
    scope = scope_for(user)
    qs = Project.objects.select_related("cluster", "leader", "leader__institution")
    if scope.sees_everything:
        return qs
    return qs.filter(cluster_id__in=scope.cluster_ids)


def project_for_user(user: User | object, pk: int) -> Project:
    try:
        return projects_for(user).get(pk=pk)
    except Project.DoesNotExist:
        raise Http404 from None


def team_member_of(project: Project, pk: int) -> TeamMember:
    try:
        return project.team.select_related("person").get(pk=pk)
    except TeamMember.DoesNotExist:
        raise Http404 from None


def milestone_of(project: Project, pk: int) -> Milestone:
    try:
        return project.milestones.get(pk=pk)
    except Milestone.DoesNotExist:
        raise Http404 from None


def deliverable_of(project: Project, pk: int) -> Deliverable:
    try:
        return project.deliverables.get(pk=pk)
    except Deliverable.DoesNotExist:
        raise Http404 from None


def goal_of(cluster: Cluster, pk: int) -> Goal:
    try:
        return cluster.goals.get(pk=pk)
    except Goal.DoesNotExist:
        raise Http404 from None


# --- Lists ------------------------------------------------------------------------------------


def cluster_projects(cluster: Cluster) -> QuerySet[Project]:
    """A cluster's projects with everything a list row or an export shows, in fixed queries."""
    return (
        Project.objects.filter(cluster=cluster)
        .select_related("leader", "leader__institution")
        .prefetch_related(
            "goals",
            "partners",
            "labs",
            Prefetch("team", queryset=TeamMember.objects.select_related("person")),
        )
        .annotate(
            milestones_total=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones", filter=Q(milestones__completed_on__isnull=False), distinct=True
            ),
            deliverables_total=Count("deliverables", distinct=True),
        )
        .order_by("-start_date", "title")
    )


def project_counts(cluster: Cluster) -> dict[tuple[str, str], int]:
    """Projects counted by (area, status)."""
    rows = Project.objects.filter(cluster=cluster).values("area", "status").annotate(n=Count("id"))
    return {(r["area"], r["status"]): r["n"] for r in rows}


def member_institutions(cluster: Cluster) -> QuerySet[Institution]:
    return Institution.objects.filter(
        pk__in=Membership.objects.active().filter(cluster=cluster).values("institution_id")
    )


def cluster_labs(cluster: Cluster) -> QuerySet[SchoolLab]:
    """The School-Laboratories a project of the cluster may work at (not the closed ones)."""
    return (
        SchoolLab.objects.filter(cluster=cluster)
        .exclude(status=SchoolLab.Status.CLOSED)
        .select_related("host")
        .order_by("name")
    )


def team_candidates(cluster: Cluster) -> QuerySet[Person]:
    """Who may be on a cluster project's team or lead it: faculty, students, teachers and staff
    of the cluster's active member institutions. Shown only to those who manage a project."""
    return (
        Person.objects.filter(institution__in=member_institutions(cluster))
        .exclude(kind=Person.Kind.OFFICIAL)
        .select_related("institution")
        .order_by("kind", "full_name")
    )


def project_detail_team(project: Project) -> QuerySet[TeamMember]:
    return project.team.select_related("person", "person__institution")


def project_deliverables(project: Project) -> QuerySet[Deliverable]:
    return project.deliverables.prefetch_related("authors")


def project_related_history(project: Project) -> list[QuerySet]:
    return [
        TeamMember.history.filter(project_id=project.pk),
        Milestone.history.filter(project_id=project.pk),
        Deliverable.history.filter(project_id=project.pk),
    ]


def goal_projects(goal: Goal) -> QuerySet[Project]:
    return (
        goal.projects.select_related("leader")
        .annotate(
            team_size=Count("team", distinct=True),
            deliverables_total=Count("deliverables", distinct=True),
        )
        .order_by("status", "-start_date")
    )


def goal_project_counts(cluster: Cluster) -> dict[int, int]:
    rows = (
        Project.goals.through.objects.filter(goal__cluster=cluster)
        .exclude(project__status=Project.Status.CANCELLED)
        .values("goal_id")
        .annotate(n=Count("project_id"))
    )
    return {r["goal_id"]: r["n"] for r in rows}


# --- Students in research ---------------------------------------------------------------------


@dataclass(frozen=True)
class ShareRow:
    """Students of one programme, level and year of study, and how many were in research."""

    programme: str
    level: str
    year: int | None
    students: int
    involved: int

    @property
    def level_label(self) -> str:
        return str(Person.StudyLevel(self.level).label) if self.level else ""

    @property
    def share(self) -> Decimal | None:
        return percent(self.involved, self.students)


@dataclass(frozen=True)
class StudentShare:
    start: date
    end: date
    rows: list[ShareRow]

    @property
    def students(self) -> int:
        return sum(r.students for r in self.rows)

    @property
    def involved(self) -> int:
        return sum(r.involved for r in self.rows)

    @property
    def share(self) -> Decimal | None:
        return percent(self.involved, self.students)


def department_students(cluster: Cluster) -> QuerySet[Person]:
    """Bachelor's and master's students of the lead institution (and of its units)."""
    lead = cluster.lead_institution_id
    return Person.objects.filter(
        Q(institution_id=lead) | Q(institution__parent_id=lead),
        kind=Person.Kind.STUDENT,
        study_level__in=[Person.StudyLevel.BACHELOR, Person.StudyLevel.MASTER],
    )


def research_memberships(cluster: Cluster, start: date, end: date) -> QuerySet[TeamMember]:
    """Team places on the cluster's approved, running or completed projects that overlap the
    period from ``start`` to ``end``: the person was on the team while the project ran."""
    return TeamMember.objects.filter(
        project__cluster=cluster,
        project__status__in=Project.RESEARCH_STATUSES,
        project__start_date__lte=end,
        project__end_date__gte=start,
        joined_on__lte=end,
    ).filter(Q(left_on__isnull=True) | Q(left_on__gte=start))


def student_research_share(cluster: Cluster, *, on: date | None = None) -> StudentShare:
    """The share of the lead department's bachelor's and master's students who were on a team
    of an approved, running or completed cluster project during the academic year holding
    ``on``, per programme, study level and year of study (from the person records).

    share = involved students / all students × 100, one decimal. Example: 40 students, of whom
    9 were on a team this year → 22.5 %.
    """
    start, end = academic_year(on)
    involved = research_memberships(cluster, start, end).filter(person_id=OuterRef("pk"))
    rows = (
        department_students(cluster)
        .values("programme", "study_level", "study_year")
        .annotate(students=Count("id"), involved=Count("id", filter=Exists(involved)))
        .order_by("study_level", "programme", "study_year")
    )
    return StudentShare(
        start=start,
        end=end,
        rows=[
            ShareRow(
                programme=r["programme"],
                level=r["study_level"],
                year=r["study_year"],
                students=r["students"],
                involved=r["involved"],
            )
            for r in rows
        ],
    )


def student_share_value(cluster: Cluster, on: date) -> Decimal | None:
    return student_research_share(cluster, on=on).share


def student_involvement(cluster: Cluster, students: QuerySet[Person]) -> QuerySet[Person]:
    """Students with their places on the cluster's project teams and their deliverables."""
    return (
        students.select_related("institution")
        .prefetch_related(
            Prefetch(
                "project_memberships",
                queryset=TeamMember.objects.filter(project__cluster=cluster)
                .select_related("project")
                .order_by("-project__start_date"),
                to_attr="cluster_memberships",
            ),
            Prefetch(
                "deliverables",
                queryset=Deliverable.objects.filter(project__cluster=cluster)
                .select_related("project")
                .order_by("-delivered_on"),
                to_attr="cluster_deliverables",
            ),
        )
        .order_by("study_level", "study_year", "full_name")
    )


def involved_students(cluster: Cluster) -> QuerySet[Person]:
    """The lead department's students and any other student on a cluster project team."""
    on_teams = TeamMember.objects.filter(project__cluster=cluster).values("person_id")
    return Person.objects.filter(
        Q(pk__in=department_students(cluster).values("pk"))
        | Q(pk__in=on_teams, kind=Person.Kind.STUDENT)
    )
