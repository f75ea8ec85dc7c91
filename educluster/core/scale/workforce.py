"""Teaching posts at every school, the staff records on the held ones, vacancies on the rest."""

from datetime import timedelta
from decimal import Decimal

from educluster.workforce.models import (
    AgeBand,
    Position,
    QualificationCategory,
    StaffRecord,
    Vacancy,
)

from .base import Run
from .places import World

HOURS = [Decimal(h) for h in ("9.0", "12.0", "18.0", "18.0", "18.0", "24.0")]
LOADS = {h: (h / Decimal(18)).quantize(Decimal("0.01")) for h in HOURS}
CATEGORIES = [
    QualificationCategory.HIGHEST,
    QualificationCategory.FIRST,
    QualificationCategory.FIRST,
    QualificationCategory.SECOND,
    QualificationCategory.SECOND,
    QualificationCategory.SPECIALIST,
]
AGE_BANDS = list(AgeBand.values)
AGE_WEIGHTS = [4, 9, 12, 13, 13, 12, 11, 10, 6, 2]
CHUNK_SCHOOLS = 100


def positions(run: Run, world: World) -> None:
    rng, plan = run.rng, run.plan
    mean = plan.positions_per_school
    low, high = max(1, round(mean * 0.6)), max(1, round(mean * 1.4))
    subjects = world.subjects
    subject_weights = [40, 30, 10, 20][: len(subjects)] + [10] * max(0, len(subjects) - 4)
    uz, ru = world.languages["uz"], world.languages["ru"]
    position_w = run.writer(Position)
    staff_w = run.writer(StaffRecord)
    vacancy_w = run.writer(Vacancy)
    vacancies: list[list[tuple[Vacancy, int, int]]] = [[] for _ in world.clusters]
    schools = [school for members in world.members for school in members]
    schools.sort(key=lambda s: s.code or "")
    anchor = plan.anchor
    for start in range(0, len(schools), CHUNK_SCHOOLS):
        chunk: list[Position] = []
        for school in schools[start : start + CHUNK_SCHOOLS]:
            for n in range(1, rng.randint(low, high) + 1):
                hours = rng.choice(HOURS)
                r = rng.random()
                status = (
                    Position.Status.FILLED
                    if r < 0.86
                    else Position.Status.VACANT
                    if r < 0.92
                    else Position.Status.INTERIM
                    if r < 0.97
                    else Position.Status.ON_HOLD
                )
                chunk.append(
                    Position(
                        institution_id=school.pk,
                        code=f"P{n:03d}",
                        subject=rng.choices(subjects, subject_weights)[0],
                        language=ru if rng.random() < 0.12 else uz,
                        weekly_hours=hours,
                        load_fraction=LOADS[hours],
                        status=status,
                    )
                )
        Position.objects.bulk_create(chunk, batch_size=run.batch_size)
        position_w.count += len(chunk)
        for position in chunk:
            if position.status in Position.HELD:
                specialty = position.subject if rng.random() < 0.9 else rng.choice(subjects)
                staff_w.add(
                    StaffRecord(
                        position_id=position.pk,
                        qualification_category=rng.choice(CATEGORIES),
                        specialty=specialty,
                        age_band=rng.choices(AGE_BANDS, AGE_WEIGHTS)[0],
                        start_date=anchor - timedelta(days=rng.randint(30, 12_000)),
                    )
                )
            elif position.status == Position.Status.VACANT:
                opened = anchor - timedelta(days=rng.randint(0, 150))
                vacancy = Vacancy(
                    position_id=position.pk,
                    language=position.language,
                    opened_on=opened,
                    apply_by=opened + timedelta(days=45),
                    requirements="Oliy pedagogik maʼlumot.",
                )
                vacancy_w.add(vacancy)
                vacancies[world.school_cluster[position.institution_id]].append(
                    (vacancy, position.institution_id, position.subject_id)
                )
    position_w.done()
    staff_w.done()
    vacancy_w.done()
    # Each cluster's open vacancies (with their keys, now that every batch is written) are the
    # seats of its employment round.
    world.extra["vacancies"] = vacancies
