"""The demo cluster's career guidance: an open day at the institute three years ago (one of the
pupils who came is now a student of the department — the pathway shows the admission), a
master class by students at the Parkent School-Lab school and a regional art competition this
autumn, and "teacher for a day" coming up at School No. 3 of Chirchiq. Seven schools with their
pupil counts (128 pupils) and three pathways linked with consent. Dates count from today."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from educluster.accounts.models import User
from educluster.guidance import services
from educluster.guidance.models import GuidanceEvent
from educluster.pathways.models import Learner, Stage
from educluster.registry.models import Cluster, Institution

K = GuidanceEvent.Kind

# organiser, kind, title, date offset in days (or a fixed date), place, description,
# schools with (pupils, grade)
EVENTS: list[tuple[Any, ...]] = [
    (
        "CHDPI-TSA",
        K.OPEN_DAY,
        "Institutda ochiq eshiklar kuni: tasviriy sanʼat kafedrasi",
        "three_years_ago",
        "ChDPI, 2-bino, koʻrgazmalar zali",
        "Kafedra ustaxonalari, talabalar ishlari koʻrgazmasi va abituriyentlar bilan suhbat.",
        [("CHR-SCH-3", 24, 11), ("PAR-SCH-12", 18, 11)],
    ),
    (
        "PAR-SCH-1",
        K.STUDENT_MASTER_CLASS,
        "Talabalar mahorat darsi: milliy naqsh chizish",
        -40,
        "Parkent tumani 1-maktab, tasviriy sanʼat xonasi",
        "Amaliyotchi talabalar oʻquvchilarga naqsh kompozitsiyasini chizishni oʻrgatadi.",
        [("PAR-SCH-1", 30, 9), ("PAR-SCH-21", 12, 9)],
    ),
    (
        "CHDPI-TSA",
        K.ART_COMPETITION,
        "«Yosh rassom» viloyat tanlovi",
        -75,
        "ChDPI, 2-bino, koʻrgazmalar zali",
        "Toshkent viloyati maktab va bolalar sanʼat maktablari oʻquvchilari uchun tanlov.",
        [("BOK-SCH-4", 15, 10), ("QIB-SCH-2", 9, 10), ("CHR-DMSM-1", 20, None)],
    ),
    (
        "CHR-SCH-3",
        K.TEACHER_FOR_A_DAY,
        "Bir kunlik oʻqituvchi: yuqori sinf oʻquvchilari dars oʻtadi",
        14,
        "Chirchiq shahar 3-maktab",
        "Yuqori sinf oʻquvchilari kafedra talabalari yordamida quyi sinflarda dars oʻtadi.",
        [],
    ),
]


def load(*, cluster: Cluster) -> None:
    coordinator = User.objects.get(username="coordinator")
    today = timezone.localdate()
    inst = {i.code: i for i in Institution.objects.filter(memberships__cluster=cluster)}
    made = []
    for organiser, kind, title, when, place, description, schools in EVENTS:
        day = (
            date(today.year - 3, 4, 20)
            if when == "three_years_ago"
            else today + timedelta(days=int(when))
        )
        event = services.event_create(
            cluster=cluster,
            actor=coordinator,
            organiser=inst[organiser],
            kind=kind,
            title=title,
            date=day,
            place=place,
            description=description,
            is_demo=True,
        )
        for code, pupils, grade in schools:
            services.participation_record(
                event=event, school=inst[code], pupils_count=pupils, grade=grade, actor=coordinator
            )
        made.append(event)

    # A student admitted to the department who came to the open day as a pupil.
    admitted = (
        Learner.objects.filter(
            cluster=cluster,
            person__isnull=False,
            stages__kind=Stage.Kind.ADMISSION,
            stages__institution__code="CHDPI-TSA",
            stages__start_year__gte=made[0].date.year,
        )
        .order_by("pk")
        .first()
    )
    pupils = list(
        Learner.objects.filter(cluster=cluster, person__isnull=True).order_by("pupil_code")
    )
    links = [(made[0], admitted), (made[2], pupils[0] if pupils else None)]
    links.append((made[1], pupils[-1] if len(pupils) > 1 else None))
    for event, learner in links:
        if learner is not None:
            services.pupil_link(event=event, learner=learner, consent=True, actor=coordinator)
