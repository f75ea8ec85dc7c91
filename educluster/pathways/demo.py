"""Demo pathways: a handful of graduates from children's art school to teacher at a cluster
school, the demo student's own path, two teachers trained elsewhere, a student admitted from
outside the cluster, and pupils identified at competitions (by code, with consent)."""

from datetime import date
from typing import Any

from django.utils import timezone

from educluster.accounts.models import Person, User
from educluster.pathways import services
from educluster.pathways.models import Learner, Stage
from educluster.registry.models import Institution

COMPETITION = "“Yosh rassomlar” viloyat koʻrik-tanlovi"
OLYMPIAD = "Tasviriy sanʼat fanidan respublika olimpiadasi"
ELSEWHERE_UNIVERSITY = "Nizomiy nomidagi Toshkent davlat pedagogika universiteti"


def _stage(coordinator: User, learner: Learner, kind: str, start: int, **fields: Any) -> None:
    once = (Stage.Kind.GRADUATION, Stage.Kind.EMPLOYMENT, Stage.Kind.PRACTICE)
    if kind in once and learner.stages.filter(kind=kind).exists():
        return  # already written automatically from a placement or an employment record
    services.stage_save(
        actor=coordinator, stage=Stage(learner=learner, kind=kind, start_year=start, **fields)
    )


def _learner(coordinator: User, cluster: Any, person: Person, **fields: Any) -> Learner:
    """The person's pathway: the School-Lab and placement demos may have started it already."""
    learner = Learner.objects.filter(cluster=cluster, person=person).first()
    if learner is None:
        return services.learner_create(
            actor=coordinator, cluster=cluster, person=person, is_demo=True, **fields
        )
    return services.learner_update(actor=coordinator, learner=learner, is_demo=True, **fields)


def load(*, cluster: Any) -> None:
    from educluster.placements.models import GraduateOutcome

    year = timezone.localdate().year
    coordinator = User.objects.get(username="coordinator")
    inst = {i.code or "": i for i in Institution.objects.filter(memberships__cluster=cluster)}
    department = inst["CHDPI-TSA"]
    art_schools = ["PAR-DMSM-1", "CHR-DMSM-1", "BOK-DMSM-1", "QIB-DMSM-1"]
    preschools = [c for c in sorted(inst) if "-MTT-" in c]
    schools = ["PAR-SCH-12", "CHR-SCH-7", "BOK-SCH-18", "QIB-SCH-11"]

    placed = GraduateOutcome.objects.filter(
        cluster=cluster, status=GraduateOutcome.Status.TEACHING_CLUSTER
    ).select_related("person", "institution")
    # Four of last year's graduates and two of the year before, so the indicators have years.
    teachers = list(placed.filter(graduation_year=year - 1).order_by("pk")[:4]) + list(
        placed.filter(graduation_year=year - 2).order_by("pk")[:2]
    )
    for i, outcome in enumerate(teachers):
        grad = outcome.graduation_year
        born = grad - 22
        learner = _learner(
            coordinator, cluster, outcome.person, birth_year=born, sex="f" if i % 3 else "m"
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.PRESCHOOL,
            born + 3,
            end_year=born + 6,
            institution=inst[preschools[i % len(preschools)]],
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.SCHOOL,
            born + 7,
            end_year=born + 18,
            institution=inst[schools[i % len(schools)]],
            detail="1–11-sinflar",
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.ART_SCHOOL,
            born + 9,
            end_year=born + 15,
            institution=inst[art_schools[i % len(art_schools)]],
            detail="tasviriy sanʼat boʻlimi",
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.COMPETITION,
            born + 14,
            detail=COMPETITION,
            award=Stage.Award.WINNER if i % 2 == 0 else Stage.Award.PRIZE,
            level=Stage.Level.REGION,
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.ADMISSION,
            grad - 4,
            institution=department,
            detail="60110800 – Tasviriy sanʼat va muhandislik grafikasi (maqsadli qabul)"
            if i == 0
            else "60110800 – Tasviriy sanʼat va muhandislik grafikasi",
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.GRADUATION,
            grad,
            institution=department,
            detail="bakalavr",
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.EMPLOYMENT,
            grad,
            institution=outcome.institution,
            detail="tasviriy sanʼat oʻqituvchisi",
        )

    # Two new teachers of cluster schools who trained elsewhere.
    for code in ("BOK-SCH-18", "PAR-SCH-21"):
        teacher = (
            Person.objects.filter(institution=inst[code], kind="teacher").order_by("pk").last()
        )
        if teacher is None:
            continue
        learner = _learner(coordinator, cluster, teacher)
        _stage(
            coordinator,
            learner,
            Stage.Kind.GRADUATION,
            year - 1,
            institution_name=ELSEWHERE_UNIVERSITY,
            detail="bakalavr",
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.EMPLOYMENT,
            year - 1,
            institution=inst[code],
            detail="tasviriy sanʼat oʻqituvchisi",
        )

    # The demo student: art school and a prize at the olympiad, then the university.
    student = Person.objects.filter(user__username="student").first()
    if student is not None:
        learner = _learner(coordinator, cluster, student, birth_year=year - 21, sex="m")
        _stage(
            coordinator,
            learner,
            Stage.Kind.SCHOOL,
            year - 14,
            end_year=year - 3,
            institution=inst["PAR-SCH-12"],
            detail="1–11-sinflar",
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.ART_SCHOOL,
            year - 12,
            end_year=year - 5,
            institution=inst["PAR-DMSM-1"],
            detail="tasviriy sanʼat boʻlimi",
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.COMPETITION,
            year - 5,
            detail=OLYMPIAD,
            award=Stage.Award.PRIZE,
            level=Stage.Level.NATIONAL,
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.ADMISSION,
            year - 2,
            institution=department,
            detail="60110800 – Tasviriy sanʼat va muhandislik grafikasi",
        )

    # A student admitted from a school outside the cluster.
    other = (
        Person.objects.filter(
            institution=department, kind="student", is_demo=True, user__isnull=True
        )
        .order_by("pk")
        .first()
    )
    if other is not None:
        learner = _learner(coordinator, cluster, other)
        _stage(
            coordinator,
            learner,
            Stage.Kind.SCHOOL,
            year - 13,
            end_year=year - 2,
            institution_name="Toshkent shahar Yunusobod tumani 254-maktab",
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.ADMISSION,
            year - 2,
            institution=department,
            detail="60110800 – Tasviriy sanʼat va muhandislik grafikasi",
        )

    # Pupils found at competitions: codes only, with their parents' consent.
    for n, (code, born, award) in enumerate(
        [
            ("PAR-DMSM-1", year - 14, Stage.Award.WINNER),
            ("BOK-DMSM-1", year - 15, Stage.Award.PRIZE),
            ("QIB-DMSM-1", year - 13, Stage.Award.WINNER),
        ],
        start=1,
    ):
        learner = services.learner_create(
            actor=coordinator,
            cluster=cluster,
            pupil_code=f"{code}-{year - 1}-{n:03d}",
            sex="f" if n % 2 else "m",
            birth_year=born,
            consent_by=Learner.ConsentBy.PARENT,
            consent_on=date(year - 1, 9, 15),
            consent_reference=f"rozilik xati № {40 + n}",
            is_demo=True,
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.ART_SCHOOL,
            born + 9,
            institution=inst[code],
            detail="tasviriy sanʼat boʻlimi",
        )
        _stage(
            coordinator,
            learner,
            Stage.Kind.COMPETITION,
            year - 1,
            detail=COMPETITION,
            award=award,
            level=Stage.Level.REGION,
        )
