"""Demo School-Labs: two labs (Chirchiq school No. 3 and Parkent school No. 1), a term of
activities, trainees with mentors and hours in every state, and one pre/post study of a
drawing-skills rubric with an experimental and a control class.

The study is simulated with a known effect: every criterion of the experimental class gains
0.6 points more than the control class's (3 points on the 5–25 total, about d = 0.8), so the
report shows a large, significant difference-in-differences. Deterministic (fixed seeds).
"""

import random
from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction

from educluster.accounts.models import Person
from educluster.registry.models import Cluster, Institution
from educluster.schoollabs import services
from educluster.schoollabs.models import (
    Activity,
    Instrument,
    InstrumentItem,
    Placement,
    PracticeLog,
    Study,
    StudyGroup,
    Term,
    Wave,
)

TERM = ("2026–2027 oʻquv yili, kuzgi semestr", date(2026, 9, 2), date(2026, 12, 26))
TRUE_GAIN_CONTROL = 0.25  # per criterion, pre → post
TRUE_EXTRA_GAIN = 0.6  # per criterion, experimental over control: the simulated effect

TRAINEE_RUBRIC = [
    ("Darsni rejalashtirish", "Maqsad, bosqichlar va vaqt taqsimoti"),
    ("Fan boʻyicha bilim", "Tasviriy sanʼat nazariyasi va amaliyoti"),
    ("Sinfni boshqarish", "Intizom, oʻquvchilar faolligi"),
    ("Innovatsion texnologiyalardan foydalanish", "Interfaol metodlar, raqamli vositalar"),
    ("Refleksiya va tahlil", "Oʻz darsini tahlil qila olish"),
]
DRAWING_RUBRIC = [
    ("Kompozitsiya", "Varaqda joylashtirish, muvozanat", 2.6),
    ("Nisbat va perspektiva", "Shakllarning oʻzaro nisbati, chiziqli perspektiva", 2.3),
    ("Chiziq va shakl", "Chiziq sifati, shaklni berish", 2.8),
    ("Rang va yorugʻlik-soya", "Rang uygʻunligi, hajm", 2.5),
    ("Ijodkorlik", "Gʻoyaning oʻziga xosligi", 2.2),
]
INTEREST_ITEMS = [
    ("Tasviriy sanʼat darslarini intiqlik bilan kutaman", False),
    ("Boʻsh vaqtimda rasm chizishni yoqtiraman", False),
    ("Rasm chizish men uchun zerikarli", True),
    ("Koʻrgazmalarga borishni yoqtiraman", False),
    ("Kelajakda rassom yoki oʻqituvchi boʻlishni xohlayman", False),
    ("Tasviriy sanʼat darsi keraksiz deb oʻylayman", True),
]
ACTIVITIES = [
    ("experimental_lesson", "Manzara chizishda chiziqli perspektiva qonuniyatlari"),
    ("open_lesson", "Natyurmort: yorugʻlik va soya"),
    ("master_class", "Akvarel texnikasida “xom” usulda ishlash"),
    ("club_session", "Milliy naqsh kompozitsiyasi — “Yosh rassom” toʻgaragi"),
    ("observation", "Talabalar darsini kuzatish va tahlil qilish"),
    ("teacher_seminar", "Interfaol metodlar: “Aqliy hujum”, “Klaster”, “Galereya sayri”"),
    ("practice_session", "Portret chizish asoslari: yuz nisbatlari"),
    ("exhibition", "“Mening Vatanim” bolalar rasmlari koʻrgazma-tanlovi"),
    ("experimental_lesson", "Raqamli planshetda eskiz: kompozitsiya izlanishi"),
    ("open_lesson", "Amaliy bezak sanʼati: kulolchilik naqshlari"),
]
METHODS = [
    "Loyiha usuli; “Aqliy hujum”; proyektor orqali namunalarni koʻrsatish",
    "Bosqichma-bosqich koʻrsatish (demonstratsiya), juftlikda ishlash",
    "“Galereya sayri”, oʻzaro baholash, raqamli portfolio",
    "Muammoli taʼlim, kichik guruhlarda ishlash",
]


def _teachers(code: str) -> list[Person]:
    return list(Person.objects.filter(institution__code=code, kind="teacher").order_by("pk"))


def _instrument(cluster, name, kind, use, items, description="") -> Instrument:
    instrument = services.instrument_save(
        actor=None,
        instrument=Instrument(
            cluster=cluster, name=name, kind=kind, use=use, description=description, is_demo=True
        ),
    )
    for number, (title, detail, low, high, reverse) in enumerate(items, start=1):
        services.item_save(
            actor=None,
            item=InstrumentItem(
                instrument=instrument,
                number=number,
                title=title,
                description=detail,
                scale_min=low,
                scale_max=high,
                reverse_scored=reverse,
            ),
        )
    return instrument


@transaction.atomic
def _agreement_with(cluster, code: str):
    """The demo agreement under which the lab at ``code`` works (agreements load first)."""
    from educluster.agreements.models import Agreement

    return (
        Agreement.objects.filter(cluster=cluster, parties__institution__code=code)
        .order_by("valid_from")
        .first()
    )


def load(*, cluster: Cluster) -> None:
    rng = random.Random(4404)
    department = Institution.objects.get(code="CHDPI-TSA")
    faculty = list(
        Person.objects.filter(institution=department, kind="faculty", user__isnull=True).order_by(
            "pk"
        )
    )
    faculty_account = Person.objects.get(user__username="faculty")
    student_account = Person.objects.get(user__username="student")
    mentor_account = Person.objects.get(user__username="mentor")  # a teacher at PAR-SCH-1
    students = list(
        Person.objects.filter(
            institution=department, kind="student", user__isnull=True, study_year__gte=2
        ).order_by("pk")[:8]
    )

    trainee_rubric = _instrument(
        cluster,
        "Pedagogik amaliyotni baholash mezonlari",
        Instrument.Kind.RUBRIC,
        Instrument.Use.TRAINEE_EVALUATION,
        [(t, d, 1, 5, False) for t, d in TRAINEE_RUBRIC],
        "Ustoz-murabbiy talabani har bir mezon boʻyicha 1–5 ballda baholaydi.",
    )
    drawing = _instrument(
        cluster,
        "Rasm chizish koʻnikmalari rubrikasi (5–7-sinflar)",
        Instrument.Kind.RUBRIC,
        Instrument.Use.PUPIL_ASSESSMENT,
        [(t, d, 1, 5, False) for t, d, _base in DRAWING_RUBRIC],
        "Oʻquvchi ishi beshta mezon boʻyicha 1–5 ballda baholanadi; jami 5–25 ball.",
    )
    _instrument(
        cluster,
        "Tasviriy sanʼatga qiziqish soʻrovnomasi",
        Instrument.Kind.QUESTIONNAIRE,
        Instrument.Use.PUPIL_ASSESSMENT,
        [(t, "", 1, 5, reverse) for t, reverse in INTEREST_ITEMS],
        "Likert shkalasi: 1 — mutlaqo qoʻshilmayman … 5 — toʻliq qoʻshilaman.",
    )

    chr_teachers, par_teachers = _teachers("CHR-SCH-3"), _teachers("PAR-SCH-1")
    par_teachers = [t for t in par_teachers if t.pk != mentor_account.pk]
    lab_chr = services.lab_create(
        actor=None,
        cluster=cluster,
        host=Institution.objects.get(code="CHR-SCH-3"),
        name="Chirchiq 3-maktab “Maktab-laboratoriya”si",
        agreement=_agreement_with(cluster, "CHR-SCH-3"),
        established_on=date(2021, 9, 1),
        supervisor=faculty_account,
        school_coordinator=chr_teachers[0],
        focus_topics="Rasm chizishni oʻqitishda innovatsion texnologiyalar; "
        "raqamli grafika; chiziqli perspektiva",
        facilities="Tasviriy sanʼat xonasi (28 oʻrin), molbertlar, proyektor, 6 ta grafik planshet",
        capacity_per_term=6,
        evaluation_rubric=trainee_rubric,
        is_demo=True,
    )
    lab_par = services.lab_create(
        actor=None,
        cluster=cluster,
        host=Institution.objects.get(code="PAR-SCH-1"),
        name="Parkent 1-maktab “Maktab-laboratoriya”si",
        agreement=_agreement_with(cluster, "PAR-SCH-1"),
        established_on=date(2021, 9, 15),
        supervisor=faculty[0],
        school_coordinator=par_teachers[0],
        focus_topics="Milliy amaliy bezak sanʼati; toʻgarak mashgʻulotlari; "
        "boshlangʻich sinflarda tasviriy faoliyat",
        facilities="Ustaxona, kulolchilik charxi, koʻrgazma zali",
        capacity_per_term=5,
        evaluation_rubric=trainee_rubric,
        is_demo=True,
    )
    term = services.term_save(
        actor=None,
        term=Term(cluster=cluster, name=TERM[0], start_date=TERM[1], end_date=TERM[2]),
    )

    labs = [
        (lab_chr, chr_teachers, [faculty_account, faculty[1]], students[:4]),
        (lab_par, [mentor_account, *par_teachers], [faculty[0], faculty[2]], students[4:7]),
    ]
    activities: dict[int, list[Activity]] = {}
    for lab_index, (lab, teachers, lab_faculty, lab_students) in enumerate(labs):
        day = TERM[1] + timedelta(days=5 + lab_index * 2)
        for index, (kind, topic) in enumerate(ACTIVITIES):
            day += timedelta(days=rng.randint(6, 12))
            if day > TERM[2]:
                break
            timed = kind != "exhibition"
            start = time(9 + rng.randint(0, 5), 0) if timed else None
            activity = services.activity_save(
                actor=None,
                activity=Activity(
                    lab=lab,
                    kind=kind,
                    topic=topic,
                    date=day,
                    start_time=start,
                    end_time=time(start.hour + 1, 20) if start else None,
                    methods=METHODS[index % len(METHODS)],
                    outcomes="Oʻquvchilar ishlaridan koʻrgazma tayyorlandi; "
                    "talabalar dars tahlilini yozdi."
                    if day < date(2026, 11, 28)
                    else "",
                    goal=cluster.goals.filter(number=2).first(),
                    is_demo=True,
                ),
                faculty=lab_faculty[: 1 + index % 2],
                students=lab_students[: 2 + index % 2],
                teachers=teachers[:2],
                class_counts=[(f"{5 + index % 3}-{'AB'[index % 2]}", rng.randint(22, 30))]
                + ([("6-A", rng.randint(20, 28))] if kind == "exhibition" else []),
            )
            activities.setdefault(lab.pk, []).append(activity)

    # Trainees: the student account at Parkent with the mentor account as mentor.
    placements: list[Placement] = []
    for student in students[:4]:
        placements.append(
            services.placement_create(
                actor=None,
                lab=lab_chr,
                term=term,
                student=student,
                mentor=chr_teachers[len(placements) % len(chr_teachers)],
            )
        )
    for student, mentor in (
        (student_account, mentor_account),
        (students[4], mentor_account),
        (students[5], par_teachers[0]),
        (students[6], par_teachers[-1]),
    ):
        placements.append(
            services.placement_create(
                actor=None, lab=lab_par, term=term, student=student, mentor=mentor
            )
        )
    _log_hours(rng, placements, activities)
    for placement in placements[:2]:
        services.evaluation_save(
            actor=placement.mentor.user,
            placement=placement,
            instrument=trainee_rubric,
            scores=[rng.randint(3, 5) for _item in TRAINEE_RUBRIC],
            comment="Darsni puxta rejalashtiradi; sinfni boshqarishda tajriba orttirmoqda.",
            evaluated_on=date(2026, 11, 25),
        )
    _study(cluster, lab_chr, drawing, [faculty_account, faculty[1]])
    _university_exhibition(cluster, department, faculty_account, student_account, students)


def _university_exhibition(cluster, department, faculty_account, student_account, students):
    """An exhibition-competition at the department itself, with no School-Lab, where the demo
    student took a prize: the award writes the competition stage to the student's pathway."""
    from educluster.pathways.models import Learner, Stage

    exhibition = services.activity_save(
        actor=None,
        activity=Activity(
            cluster=cluster,
            institution=department,
            kind=Activity.Kind.EXHIBITION,
            topic="Talabalar ijodiy ishlari koʻrgazma-tanlovi “Ona yurtim manzaralari”",
            date=date(2026, 11, 18),
            methods="Kafedra koʻrgazma zalida 40 dan ortiq asar; hakamlar hayʼati baholadi",
            outcomes="Gʻoliblar viloyat koʻrgazmasiga tavsiya etildi.",
            goal=cluster.goals.filter(number=2).first(),
            is_demo=True,
        ),
        faculty=[faculty_account],
        students=[student_account, *students[:3]],
    )
    # The student's pathway was started by the practice placement above.
    learner = Learner.objects.get(cluster=cluster, person=student_account)
    services.activity_award_record(
        actor=None,
        activity=exhibition,
        learner=learner,
        award=Stage.Award.PRIZE,
        level=Stage.Level.REGION,
    )


def _log_hours(rng, placements, activities) -> None:
    descriptions = [
        "Tajriba darsini kuzatdim va tahlil varaqasini toʻldirdim",
        "Ustoz bilan dars ishlanmasini tayyorladim",
        "5-sinfda darsning bir qismini oʻtkazdim",
        "Toʻgarak mashgʻulotida oʻquvchilarga yordam berdim",
        "Koʻrgazma uchun ishlarni tanladim va joylashtirdim",
    ]
    for index, placement in enumerate(placements):
        lab_activities = [a for a in activities[placement.lab_id] if a.date < date(2026, 11, 28)]
        day = date(2026, 9, 9) + timedelta(days=index % 3)
        for n in range(6):
            activity = lab_activities[n % len(lab_activities)] if n % 2 == 0 else None
            log = services.hours_log(
                actor=placement.student.user,
                placement=placement,
                date=activity.date if activity else day,
                hours=Decimal(rng.choice([2, 3, 4, 4, 5])),
                description=descriptions[(index + n) % len(descriptions)],
                activity=activity,
            )
            day += timedelta(days=rng.randint(9, 13))
            mentor = placement.mentor.user
            if n < 4:
                services.hours_decide(actor=mentor, log=log, approve=True)
            elif n == 4 and index % 2 == 0:
                services.hours_decide(
                    actor=mentor,
                    log=log,
                    approve=False,
                    comment="Qaysi sinfda va qanday mavzuda ishlaganingizni aniqroq yozing.",
                )
    assert PracticeLog.objects.filter(status=PracticeLog.Status.RETURNED).exists()


def _study(cluster, lab, instrument, team) -> None:
    study = services.study_save(
        actor=None,
        study=Study(
            cluster=cluster,
            lab=lab,
            code="RASM-2026",
            title="Rasm chizishni oʻqitishda interfaol texnologiyalar samaradorligi",
            hypothesis="Interfaol texnologiyalar (loyiha usuli, “Galereya sayri”, raqamli eskiz) "
            "bilan oʻqitilgan 5-sinf oʻquvchilarining rasm chizish koʻnikmalari anʼanaviy "
            "usulda oʻqitilganlarga qaraganda koʻproq oʻsadi.",
            instrument=instrument,
            cluster_level=Study.ClusterLevel.CLASS,
            pre_date=date(2026, 9, 15),
            post_date=date(2026, 11, 20),
            status=Study.Status.COLLECTING,
            is_demo=True,
        ),
        team=team,
    )
    experimental = services.group_save(
        actor=None,
        group=StudyGroup(
            study=study,
            code="E1",
            arm=StudyGroup.Arm.EXPERIMENTAL,
            institution=lab.host,
            class_label="5-A",
            grade=5,
        ),
    )
    control = services.group_save(
        actor=None,
        group=StudyGroup(
            study=study,
            code="C1",
            arm=StudyGroup.Arm.CONTROL,
            institution=Institution.objects.get(code="CHR-SCH-7"),
            class_label="5-B",
            grade=5,
        ),
    )
    rng = random.Random(202635)  # a draw whose classes start level (pre-test |g| < 0.05)
    rows = []
    for group, prefix, size, extra in (
        (experimental, "CH3A", 26, TRUE_EXTRA_GAIN),
        (control, "CH7B", 24, 0.0),
    ):
        for number in range(1, size + 1):
            code = f"{prefix}-{number:03d}"
            ability = rng.gauss(0, 1)
            sex = rng.choice("fm")
            birth_year = rng.choice([2014, 2015, 2015, 2015, 2016])
            for wave in (Wave.PRE, Wave.POST):
                if wave == Wave.POST and number == size:
                    continue  # one pupil of each class missed the post-test
                gain = (TRUE_GAIN_CONTROL + extra) if wave == Wave.POST else 0.0
                scores = [
                    min(5, max(1, round(base + 0.7 * ability + gain + rng.gauss(0, 0.6))))
                    for _title, _detail, base in DRAWING_RUBRIC
                ]
                rows.append(
                    services.ResultRow(
                        code=code,
                        group=group,
                        wave=wave,
                        scores=scores,
                        sex=sex,
                        birth_year=birth_year,
                        assessed_on=study.pre_date if wave == Wave.PRE else study.post_date,
                    )
                )
    services.results_save(actor=None, study=study, rows=rows)
