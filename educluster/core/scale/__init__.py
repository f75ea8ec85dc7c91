"""National-scale data for benchmarks: 14 regions, ~200 districts, ~10,000 schools, ~500,000
teaching posts, 20 clusters with agreements, School-Labs, activities, studies with 1,000,000
pupil results, and placement rounds (``manage.py generate_scale``).

Deterministic: the same seed, scale and school year give the same rows (primary keys and
timestamps aside). Written with ``bulk_create`` only — no ``save()``, no signals, so the history
tables stay empty for generated rows. Every generated row is found again by its prefix
(:data:`PREFIX`, :data:`CODE_PREFIX`), which is how :func:`scale_clear` removes it.
"""

import hashlib
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import QuerySet

from educluster.accounts.models import Person, RoleAssignment, User
from educluster.agreements.models import (
    Agreement,
    AgreementParty,
    FulfilmentReport,
    Obligation,
    Occurrence,
)
from educluster.placements.models import (
    Applicant,
    Assignment,
    Host,
    HostRanking,
    PlacementRound,
    Preference,
)
from educluster.registry.models import Cluster, District, Goal, Indicator, Institution, Membership
from educluster.schoollabs.models import (
    Activity,
    ActivityClassCount,
    Instrument,
    InstrumentItem,
    Pupil,
    PupilResult,
    SchoolLab,
    Study,
    StudyGroup,
    Term,
)
from educluster.workforce.models import Position, StaffRecord, Vacancy

from . import agreements, places, rounds, schoollabs, workforce
from .base import CODE_PREFIX, PREFIX, Plan, Run, school_year_start

__all__ = [
    "CODE_PREFIX",
    "PREFIX",
    "Plan",
    "generate_scale",
    "scale_checksum",
    "scale_clear",
    "scale_exists",
    "school_year_start",
]

STEPS = [
    places.regions_and_districts,
    places.institutions,
    places.clusters,
    places.people,
    workforce.positions,
    agreements.agreements,
    schoollabs.labs,
    schoollabs.studies,
    rounds.rounds,
]


def scale_exists() -> bool:
    return (
        Cluster.objects.filter(slug__startswith=PREFIX).exists()
        or Institution.objects.filter(code__startswith=CODE_PREFIX).exists()
    )


def generate_scale(
    plan: Plan, *, batch_size: int = 5000, say: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Generate the dataset in one transaction; returns the rows written per table."""
    run = Run(plan, batch_size=batch_size, say=say)
    world = places.World()
    with transaction.atomic():
        for step in STEPS:
            step(run, world)
    return run.counts


def _deletions() -> list[QuerySet]:
    """Every generated row, children before parents."""
    cl = Cluster.objects.filter(slug__startswith=PREFIX).values("pk")
    inst = Institution.objects.filter(code__startswith=CODE_PREFIX).values("pk")
    users = User.objects.filter(username__startswith=PREFIX).values("pk")
    activity_throughs = [
        Activity.faculty.through,
        Activity.students.through,
        Activity.teachers.through,
    ]
    return [
        PupilResult.objects.filter(pupil__study__cluster__in=cl),
        Pupil.objects.filter(study__cluster__in=cl),
        StudyGroup.objects.filter(study__cluster__in=cl),
        Study.team.through.objects.filter(study__cluster__in=cl),
        Study.objects.filter(cluster__in=cl),
        ActivityClassCount.objects.filter(activity__cluster__in=cl),
        *[t._default_manager.filter(activity__cluster__in=cl) for t in activity_throughs],
        Activity.objects.filter(cluster__in=cl),
        Preference.objects.filter(applicant__round__cluster__in=cl),
        HostRanking.objects.filter(host__round__cluster__in=cl),
        Assignment.objects.filter(round__cluster__in=cl),
        Applicant.languages.through.objects.filter(applicant__round__cluster__in=cl),
        Applicant.objects.filter(round__cluster__in=cl),
        Host.objects.filter(round__cluster__in=cl),
        PlacementRound.objects.filter(cluster__in=cl),
        SchoolLab.objects.filter(cluster__in=cl),
        Term.objects.filter(cluster__in=cl),
        InstrumentItem.objects.filter(instrument__cluster__in=cl),
        Instrument.objects.filter(cluster__in=cl),
        FulfilmentReport.objects.filter(occurrence__obligation__agreement__cluster__in=cl),
        Occurrence.objects.filter(obligation__agreement__cluster__in=cl),
        Obligation.objects.filter(agreement__cluster__in=cl),
        AgreementParty.objects.filter(agreement__cluster__in=cl),
        Agreement.goals.through.objects.filter(agreement__cluster__in=cl),
        Agreement.objects.filter(cluster__in=cl),
        Vacancy.objects.filter(position__institution__in=inst),
        StaffRecord.objects.filter(position__institution__in=inst),
        Position.objects.filter(institution__in=inst),
        RoleAssignment.objects.filter(user__in=users),
        Membership.objects.filter(cluster__in=cl),
        Indicator.objects.filter(goal__cluster__in=cl),
        Goal.objects.filter(cluster__in=cl),
    ]


def _raw_delete(qs: QuerySet) -> int:
    return qs._raw_delete(qs.db)


def scale_clear(*, say: Callable[[str], None] | None = None) -> int:
    """Remove every generated row. Bulk deletes (no signals, no history) for the generated
    tables; the clusters themselves go through the ORM so that whatever the application added
    to them since (settings, forecasts, …) goes too. Raises IntegrityError when other data
    still points at generated institutions or accounts."""
    say = say or (lambda line: None)
    total = 0
    started = time.perf_counter()
    with transaction.atomic():
        for qs in _deletions():
            n = _raw_delete(qs)
            total += n
            if n:
                say(f"deleted {qs.model._meta.db_table:<28} {n:>10,}")
        n, _ = Cluster.objects.filter(slug__startswith=PREFIX).delete()
        total += n
        inst = Institution.objects.filter(code__startswith=CODE_PREFIX)
        for qs in (
            Person.objects.filter(institution__in=inst.values("pk")),
            Institution.languages.through.objects.filter(institution__in=inst.values("pk")),
            inst,
            User.objects.filter(username__startswith=PREFIX),
            District.objects.filter(code__startswith=PREFIX),
        ):
            n = _raw_delete(qs)
            total += n
            if n:
                say(f"deleted {qs.model._meta.db_table:<28} {n:>10,}")
        # Deferred foreign keys (PostgreSQL, SQLite) are checked here, inside the atomic block.
        connection.check_constraints()
    say(f"cleared {total:,} generated rows in {time.perf_counter() - started:.1f} s")
    return total


def scale_checksum() -> str:
    """A digest of the generated rows' content (keys and timestamps left out)."""
    digest = hashlib.sha256()
    inst = Institution.objects.filter(code__startswith=CODE_PREFIX)
    queries = [
        inst.order_by("code").values_list(
            "code", "name", "kind", "district__code", "latitude", "longitude", "head_name"
        ),
        Membership.objects.filter(cluster__slug__startswith=PREFIX)
        .order_by("cluster__slug", "institution__code")
        .values_list("cluster__slug", "institution__code", "role"),
        Position.objects.filter(institution__code__startswith=CODE_PREFIX)
        .order_by("institution__code", "code")
        .values_list("institution__code", "code", "subject__code", "status", "weekly_hours"),
        StaffRecord.objects.filter(position__institution__code__startswith=CODE_PREFIX)
        .order_by("position__institution__code", "position__code")
        .values_list(
            "position__institution__code",
            "position__code",
            "qualification_category",
            "age_band",
            "start_date",
        ),
        Occurrence.objects.filter(obligation__agreement__cluster__slug__startswith=PREFIX)
        .order_by("obligation__agreement__cluster__slug", "obligation__agreement__number", "pk")
        .values_list("obligation__agreement__number", "due_date", "state"),
        PupilResult.objects.filter(pupil__study__cluster__slug__startswith=PREFIX)
        .order_by("pupil__study__code", "pupil__code", "wave")
        .values_list("pupil__study__code", "pupil__code", "wave", "total", "scores"),
        Preference.objects.filter(applicant__round__cluster__slug__startswith=PREFIX)
        .order_by("applicant__round__cluster__slug", "applicant__person__full_name", "pk")
        .values_list("applicant__person__full_name", "host__institution__code", "position"),
    ]
    for query in queries:
        for row in query.iterator(chunk_size=10_000):
            digest.update(repr(row).encode())
    return digest.hexdigest()
