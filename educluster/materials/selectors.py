"""Queries over many material rows: the scoped library, where a material is used, and how
fast materials spread across the cluster's members."""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, IntegerField, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from educluster.accounts.models import User
from educluster.accounts.scoping import scope_for
from educluster.materials.models import Adoption, Material, MaterialFile
from educluster.projects.models import Project
from educluster.projects.selectors import academic_year, percent
from educluster.registry.models import Cluster, Goal, Institution, Membership

# --- Scoped lookups ---------------------------------------------------------------------------


def materials_for(user: User | object) -> QuerySet[Material]:
    """Published materials are read by every member of their cluster; drafts by their authors,
    whoever created them, and the cluster's coordinators."""
    scope = scope_for(user)
    qs = Material.objects.select_related("cluster", "language", "project", "source_study")
    if scope.is_admin:
        return qs
    published = Q(status=Material.Status.PUBLISHED)
    if scope.global_analyst:
        return qs.filter(published)
    own = Q(pk__in=[])
    if scope.user_id is not None:
        authored = Material.authors.through.objects.filter(person__user_id=scope.user_id)
        own = Q(created_by_id=scope.user_id) | Q(pk__in=authored.values("material_id"))
    return qs.filter(
        Q(cluster_id__in=scope.cluster_ids)
        & (published | Q(cluster_id__in=scope.coordinated_cluster_ids) | own)
    )


def material_for_user(user: User | object, pk: int) -> Material:
    try:
        return materials_for(user).get(pk=pk)
    except Material.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class StudyEffect:
    """The effect the source study found, read from its analysis (aggregates only)."""

    effect_size: float | None
    magnitude: str
    significant: bool
    sentences: list[str]
    problem: str


def study_effect(material: Material) -> StudyEffect | None:
    """The effect size of the study the material came from, by the studies' own analysis.

    A constant handful of queries (the study's results in one), whatever the study's size.
    """
    study = material.source_study if material.source_study_id else None
    if study is None:
        return None
    from educluster.schoollabs import stats_text
    from educluster.schoollabs.services.analysis import report_sentences, study_analyse

    report = study_analyse(study)
    if report.analysis is None:
        return StudyEffect(None, "", False, [], report.problem)
    primary = report.analysis.interpretation.primary
    magnitude = stats_text.MAGNITUDES.get(primary.magnitude or "", "")
    return StudyEffect(
        effect_size=primary.effect_size,
        magnitude=str(magnitude),
        significant=primary.significant,
        sentences=report_sentences(report)["headline"],
        problem="",
    )


def file_of(material: Material, pk: int) -> MaterialFile:
    try:
        return material.files.get(pk=pk)
    except MaterialFile.DoesNotExist:
        raise Http404 from None


def adoption_of(material: Material, pk: int) -> Adoption:
    try:
        return material.adoptions.select_related("material").get(pk=pk)
    except Adoption.DoesNotExist:
        raise Http404 from None


# --- Lists ------------------------------------------------------------------------------------


def _adoption_stats(qs: QuerySet[Material]) -> QuerySet[Material]:
    # Subqueries rather than joins: the list stays one row per material whatever the filters
    # (and the PostgreSQL search rank needs no GROUP BY).
    adoptions = Adoption.objects.filter(material=OuterRef("pk")).values("material")
    return qs.annotate(
        adoption_count=Coalesce(
            Subquery(adoptions.annotate(n=Count("id")).values("n")[:1]),
            0,
            output_field=IntegerField(),
        ),
        rating_avg=Subquery(adoptions.annotate(r=Avg("rating")).values("r")[:1]),
    )


def library(user: User | object, cluster: Cluster) -> QuerySet[Material]:
    """The materials of ``cluster`` that ``user`` may read, with authors and adoption counts."""
    return _adoption_stats(materials_for(user).filter(cluster=cluster).prefetch_related("authors"))


def subjects(cluster: Cluster) -> list[str]:
    return list(
        Material.objects.filter(cluster=cluster)
        .order_by("subject")
        .values_list("subject", flat=True)
        .distinct()
    )


def where_used(material: Material) -> QuerySet[Adoption]:
    return material.adoptions.select_related(
        "institution", "institution__district", "teacher"
    ).order_by("-adopted_on")


def material_related_history(material: Material) -> list[QuerySet]:
    return [
        MaterialFile.history.filter(material_id=material.pk),
        Adoption.history.filter(material_id=material.pk),
    ]


def adopting_institutions(user: User | object, cluster: Cluster) -> QuerySet[Institution]:
    """The member institutions ``user`` may record an adoption for: any active member except
    the lead for a coordinator, their own institution for a member head."""
    scope = scope_for(user)
    members = Membership.objects.active().filter(cluster=cluster)
    if not scope.coordinates(cluster.pk):
        members = members.filter(institution_id__in=scope.headed_institution_ids)
    return Institution.objects.filter(pk__in=members.values("institution_id")).exclude(
        pk=cluster.lead_institution_id
    )


def goal_materials(goal: Goal, user: Any) -> QuerySet[Material]:
    """Materials serving ``goal`` directly or through the project that produced them."""
    direct = Material.goals.through.objects.filter(goal=goal).values("material_id")
    through_projects = Project.goals.through.objects.filter(goal=goal).values("project_id")
    return _adoption_stats(
        materials_for(user)
        .filter(cluster_id=goal.cluster_id)
        .filter(Q(pk__in=direct) | Q(project_id__in=through_projects))
        .prefetch_related("authors")
    )


def goal_material_counts(cluster: Cluster, user: Any) -> dict[int, int]:
    visible = materials_for(user).filter(cluster=cluster)
    pairs = set(
        Material.goals.through.objects.filter(material__in=visible).values_list(
            "goal_id", "material_id"
        )
    )
    pairs |= set(visible.filter(project__goals__isnull=False).values_list("project__goals", "pk"))
    counts: dict[int, int] = defaultdict(int)
    for goal_id, _material_id in pairs:
        counts[goal_id] += 1
    return dict(counts)


# --- How fast materials spread ----------------------------------------------------------------


def _days(values: list[int]) -> tuple[Decimal | None, Decimal | None]:
    if not values:
        return None, None
    one = Decimal("0.1")
    median = Decimal(str(statistics.median(values))).quantize(one, ROUND_HALF_UP)
    mean = (Decimal(sum(values)) / len(values)).quantize(one, ROUND_HALF_UP)
    return median, mean


@dataclass(frozen=True)
class SpreadRow:
    """One kind of member institution (or all of them, ``kind`` empty)."""

    kind: str
    label: str
    members: int  # active members of this kind, the lead institution left out
    adopters: int  # of them, those that adopted at least one material this academic year
    materials_reached: int  # published materials adopted by at least one member of this kind
    median_days: Decimal | None  # publication → first adoption by this kind, over those
    mean_days: Decimal | None

    @property
    def share(self) -> Decimal | None:
        return percent(self.adopters, self.members)


@dataclass(frozen=True)
class Spread:
    start: date
    end: date
    published: int
    rows: list[SpreadRow]
    overall: SpreadRow


def adoption_spread(cluster: Cluster, *, on: date | None = None) -> Spread:
    """How fast the cluster's published materials reach its members, as of ``on``.

    For each published material m and each kind k of member institution, the *first adoption*
    f(m, k) is the earliest adoption of m by an institution of kind k; the speed of kind k is
    the median (and mean) of f(m, k) − published_on(m) in days over the materials kind k
    adopted. The overall row takes the first adoption by any institution. The *share* of kind
    k is the number of its active members (the lead institution, which publishes, left out)
    that recorded at least one adoption during the academic year holding ``on``, over all its
    active members.

    Example: a material published on 1 March and adopted by school A on 11 March and school B
    on 1 April, and a second one published on 1 May adopted by school B on 31 May, give general
    schools a median of (10 + 30) / 2 = 20 days; with 4 schools in the cluster and A and B
    adopting this year, their share is 50 %.
    """
    on = on or timezone.localdate()
    start, end = academic_year(on)
    published = dict(
        Material.objects.filter(
            cluster=cluster, status=Material.Status.PUBLISHED, published_on__lte=on
        ).values_list("pk", "published_on")
    )
    firsts = (
        Adoption.objects.filter(material_id__in=list(published), adopted_on__lte=on)
        .values("material_id", "institution__kind")
        .annotate(first=Min("adopted_on"))
    )
    days_by_kind: dict[str, dict[int, int]] = defaultdict(dict)
    first_any: dict[int, int] = {}
    for row in firsts:
        material_id = row["material_id"]
        days = (row["first"] - published[material_id]).days
        days_by_kind[row["institution__kind"]][material_id] = days
        first_any[material_id] = min(days, first_any.get(material_id, days))

    members = dict(
        Membership.objects.active(on)
        .filter(cluster=cluster)
        .exclude(institution_id=cluster.lead_institution_id)
        .values_list("institution_id", "institution__kind")
    )
    adopters = set(
        Adoption.objects.filter(
            material__cluster=cluster,
            institution_id__in=list(members),
            adopted_on__gte=start,
            adopted_on__lte=min(end, on),
        ).values_list("institution_id", flat=True)
    )
    members_by_kind: dict[str, int] = defaultdict(int)
    adopters_by_kind: dict[str, int] = defaultdict(int)
    for institution_id, kind in members.items():
        members_by_kind[kind] += 1
        adopters_by_kind[kind] += institution_id in adopters

    rows = []
    for kind, label in Institution.Kind.choices:
        if not members_by_kind.get(kind) and kind not in days_by_kind:
            continue
        median, mean = _days(list(days_by_kind.get(kind, {}).values()))
        rows.append(
            SpreadRow(
                kind=kind,
                label=str(label),
                members=members_by_kind.get(kind, 0),
                adopters=adopters_by_kind.get(kind, 0),
                materials_reached=len(days_by_kind.get(kind, {})),
                median_days=median,
                mean_days=mean,
            )
        )
    median, mean = _days(list(first_any.values()))
    overall = SpreadRow(
        kind="",
        label=str(_("All members")),
        members=len(members),
        adopters=len(adopters),
        materials_reached=len(first_any),
        median_days=median,
        mean_days=mean,
    )
    return Spread(start=start, end=end, published=len(published), rows=rows, overall=overall)


def adopting_share_value(cluster: Cluster, on: date) -> Decimal | None:
    return adoption_spread(cluster, on=on).overall.share


def adopted_materials_value(cluster: Cluster, on: date) -> Decimal | None:
    return Decimal(adoption_spread(cluster, on=on).overall.materials_reached)


def recent_adoptions(cluster: Cluster, limit: int = 20) -> QuerySet[Adoption]:
    return (
        Adoption.objects.filter(material__cluster=cluster, material__status="published")
        .select_related("material", "institution")
        .order_by("-adopted_on", "-id")[:limit]
    )
