"""Two transactions colliding, for the concurrency tests of the apps.

``race`` runs callables in threads, each with its own database connection, released together
by a barrier. On PostgreSQL they really run at once: the loser waits on the winner's row lock
and then sees its commit. On SQLite the writers queue up behind each other, as
``transaction_mode`` IMMEDIATE makes them do on the WAL file in production (BEGIN IMMEDIATE
waits up to the busy timeout). The test database, though, is a shared-cache in-memory one in
which a second writer fails at once with "database table is locked" instead of waiting, so
there the threads take a process lock in turn for their call, which is the same queue. Either
way the objects the calls act on are loaded before the race, as two open browser tabs would
have them: every caller starts from what it saw before the other wrote.

``small_cluster`` builds the few rows a test needs instead of reloading the demo: in a
``transactional_db`` test the database may hold the demo (first such test of the session) or
be empty (after another transactional test flushed it), so everything is created under codes
of its own and the reference rows are created when missing.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, connections
from django.utils import translation


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None

    @property
    def won(self) -> bool:
        return self.error is None


def race(*calls: Callable[[], Any], timeout: float = 60) -> list[Outcome]:
    """Run the calls at once in threads; return each one's result or exception, in order."""
    barrier = threading.Barrier(len(calls))
    outcomes = [Outcome() for _ in calls]
    queue = threading.Lock() if connection.vendor == "sqlite" else None
    language = translation.get_language()  # the active language is per thread: pass it on

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            with translation.override(language):
                if queue is None:
                    outcomes[index].value = call()
                else:
                    with queue:
                        outcomes[index].value = call()
        except BaseException as error:  # reported to the test, which decides
            outcomes[index].error = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), "a racing transaction never finished"
    return outcomes


@dataclass
class SmallCluster:
    cluster: Any
    university: Any
    schools: list[Any]
    coordinator: Any
    language: Any
    district: Any
    people: list[Any] = field(default_factory=list)


def small_cluster(tag: str = "cc", *, schools: int = 2, students: int = 0) -> SmallCluster:
    """A cluster led by a university, with member schools, a coordinator and students."""
    from educluster.accounts.models import Person, Role, RoleAssignment, User
    from educluster.registry.models import (
        Cluster,
        District,
        Institution,
        Language,
        Membership,
        Region,
    )
    from educluster.registry.reference import load_reference

    load_reference(Region, District, Language)
    district = District.objects.order_by("code").first()
    assert district is not None
    language = Language.objects.get(code="uz")
    university = Institution.objects.create(
        code=f"{tag}-uni", name=f"{tag} university", kind="university", district=district
    )
    cluster = Cluster.objects.create(
        slug=f"{tag}-cluster",
        name=f"{tag} cluster",
        common_goal="x",
        lead_institution=university,
        region=district.region,
    )
    Membership.objects.create(cluster=cluster, institution=university, role="integrator")
    members = []
    for n in range(schools):
        school = Institution.objects.create(
            code=f"{tag}-sch-{n}",
            name=f"{tag} school {n}",
            kind="general_school",
            district=district,
        )
        Membership.objects.create(cluster=cluster, institution=school, role="partner")
        members.append(school)
    coordinator = User.objects.create_user(
        username=f"{tag}-coordinator", password="x-parol-2026", preferred_language="en"
    )
    RoleAssignment.objects.create(user=coordinator, role=Role.COORDINATOR, cluster=cluster)
    people = [
        Person.objects.create(
            full_name=f"{tag} student {n}", kind="student", institution=university
        )
        for n in range(students)
    ]
    return SmallCluster(
        cluster=cluster,
        university=university,
        schools=members,
        coordinator=coordinator,
        language=language,
        district=district,
        people=people,
    )


def open_vacancy(world: SmallCluster, code: str = "CC-1") -> Any:
    """A vacant full-time post at the world's first school, with an open vacancy."""
    from django.utils import timezone

    from educluster.workforce.models import Subject
    from educluster.workforce.services import positions

    subject = Subject.objects.order_by("order").first() or Subject.objects.create(
        code="cc-art", name_uz="Tasviriy sanʼat", name_en="Art", order=1
    )
    position = positions.position_create(
        actor=world.coordinator,
        institution=world.schools[0],
        code=code,
        subject=subject,
        language=world.language,
        weekly_hours=18,
        load_fraction=1,
    )
    return positions.vacancy_open(
        actor=world.coordinator, position=position, opened_on=timezone.localdate()
    )
