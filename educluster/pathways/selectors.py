"""Pathways a user may see, and the three continuity indicators of a cluster."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from educluster.accounts.scoping import scope_for
from educluster.pathways.models import SOURCE_FIELDS, Learner, Stage
from educluster.registry.models import Cluster, Institution, Membership

SCHOOL_KINDS = {
    Institution.Kind.GENERAL_SCHOOL,
    Institution.Kind.MUSIC_ART_SCHOOL,
    Institution.Kind.ART_COLLEGE,
    Institution.Kind.PRESCHOOL,
}
UNIVERSITY_KINDS = {Institution.Kind.UNIVERSITY, Institution.Kind.DEPARTMENT}


def learners_for(user: object, cluster: Cluster) -> QuerySet[Learner]:
    """Coordinators see every pathway of the cluster; anybody else only their own."""
    scope = scope_for(user)
    qs = Learner.objects.filter(cluster=cluster).select_related("person", "person__institution")
    if scope.coordinates(cluster.pk):
        return qs
    return qs.filter(person__user_id=scope.user_id) if scope.user_id else qs.none()


def learner_list(user: object, cluster: Cluster) -> QuerySet[Learner]:
    return (
        learners_for(user, cluster)
        .annotate(n_stages=Count("stages"))
        .order_by("person__full_name", "pupil_code", "pk")
    )


def learner_for_user(user: object, pk: int) -> Learner:
    scope = scope_for(user)
    qs = Learner.objects.select_related("cluster", "person", "created_by")
    if not scope.is_admin:
        condition = Q(cluster_id__in=scope.coordinated_cluster_ids)
        if scope.user_id:
            condition |= Q(person__user_id=scope.user_id)
        qs = qs.filter(condition)
    try:
        return qs.get(pk=pk)
    except Learner.DoesNotExist:
        raise Http404 from None


def learner_stages(learner: Learner) -> QuerySet[Stage]:
    """The stages in order, with the source records of the automatic ones (one query)."""
    return learner.stages.select_related(
        "institution",
        "institution__district",
        "source_placement__lab",
        "source_placement__term",
        "source_outcome",
        "source_award__activity",
    ).order_by("start_year", "pk")


def stage_of(learner: Learner, pk: int) -> Stage:
    """A manual stage of the pathway: automatic stages change only through their source."""
    try:
        return learner.stages.select_related("learner").get(
            pk=pk, **{f"{name}__isnull": True for name in SOURCE_FIELDS}
        )
    except Stage.DoesNotExist:
        raise Http404 from None


@dataclass
class YearRow:
    """The three continuity indicators of one year."""

    year: int
    new_teachers: int = 0
    new_teachers_trained_here: int = 0
    admitted: int = 0
    admitted_from_schools: int = 0
    admitted_from_art_schools: int = 0
    talents: int = 0
    talents_enrolled: int = 0

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def share_teachers_trained_here(self) -> float | None:
        return self._share(self.new_teachers_trained_here, self.new_teachers)

    @property
    def share_admitted_from_cluster(self) -> float | None:
        return self._share(self.admitted_from_schools, self.admitted)

    @property
    def share_talents_enrolled(self) -> float | None:
        return self._share(self.talents_enrolled, self.talents)


@dataclass
class Indicators:
    rows: list[YearRow] = field(default_factory=list)
    learners: int = 0
    pupils: int = 0


def continuity_indicators(cluster: Cluster) -> Indicators:
    """Per year:

    * new teachers at the cluster's schools (employment stages starting that year at a member
      school, art school or preschool) and how many of them graduated from the cluster's
      university;
    * students admitted to the cluster's university that year and how many came from a member
      school or art school (an art school counts in both the cluster share and its own column);
    * pupils first identified as talented at a competition that year (winner or prize-winner)
      and how many of them were later admitted to the cluster's university.

    Two queries whatever the number of pathways.
    """
    kinds = dict(
        Membership.objects.filter(cluster=cluster).values_list(
            "institution_id", "institution__kind"
        )
    )
    schools = {i for i, k in kinds.items() if k in SCHOOL_KINDS}
    art = {
        i
        for i, k in kinds.items()
        if k in (Institution.Kind.MUSIC_ART_SCHOOL, Institution.Kind.ART_COLLEGE)
    }
    universities = {i for i, k in kinds.items() if k in UNIVERSITY_KINDS}
    by_learner: dict[int, list[tuple[str, int | None, int, str]]] = defaultdict(list)
    pupils = 0
    learner_ids: set[int] = set()
    for learner_id, person_id, kind, institution_id, year, award in (
        Stage.objects.filter(learner__cluster=cluster)
        .values_list(
            "learner_id", "learner__person_id", "kind", "institution_id", "start_year", "award"
        )
        .order_by()
    ):
        by_learner[learner_id].append((kind, institution_id, year, award))
        if learner_id not in learner_ids:
            learner_ids.add(learner_id)
            pupils += person_id is None
    rows: dict[int, YearRow] = {}

    def row(year: int) -> YearRow:
        return rows.setdefault(year, YearRow(year=year))

    for stages in by_learner.values():
        graduated_here = any(
            k == Stage.Kind.GRADUATION and i in universities for k, i, _y, _a in stages
        )
        from_school = any(k == Stage.Kind.SCHOOL and i in schools for k, i, _y, _a in stages)
        from_art = any(k == Stage.Kind.ART_SCHOOL and i in art for k, i, _y, _a in stages)
        admissions = [
            y for k, i, y, _a in stages if k == Stage.Kind.ADMISSION and i in universities
        ]
        for stage_kind, place, start, _award in stages:
            if stage_kind == Stage.Kind.EMPLOYMENT and place in schools:
                r = row(start)
                r.new_teachers += 1
                r.new_teachers_trained_here += graduated_here
            elif stage_kind == Stage.Kind.ADMISSION and place in universities:
                r = row(start)
                r.admitted += 1
                r.admitted_from_schools += from_school or from_art
                r.admitted_from_art_schools += from_art
        talent_years = [
            y for k, _i, y, a in stages if k == Stage.Kind.COMPETITION and a in Stage.TALENT
        ]
        if talent_years:
            # A pupil counts once, in the year they were first identified.
            first = min(talent_years)
            r = row(first)
            r.talents += 1
            r.talents_enrolled += any(a >= first for a in admissions)
    return Indicators(
        rows=sorted(rows.values(), key=lambda r: -r.year),
        learners=len(learner_ids),
        pupils=pupils,
    )
