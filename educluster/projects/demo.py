"""Demo projects: a dozen goal-oriented projects of the Fine Arts department across the four
areas, with student teams, milestones and deliverables.

Deterministic for a given day: dates are counted from today, so the current academic year
always has running projects and students in research; everything else comes from a fixed seed.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from educluster.accounts.models import Person
from educluster.projects import measures, services
from educluster.projects.models import Deliverable, Milestone, Project
from educluster.registry.models import Cluster, Indicator, Institution
from educluster.schoollabs.models import SchoolLab

A = Project.Area
S = Project.Status

# (title, area, goal numbers, status, start and end in days from today, School-Lab codes,
#  partner codes, number of students, summary)
PROJECTS: list[tuple[str, str, list[int], str, int, int, list[str], list[str], int, str]] = [
    (
        "Tasviriy sanʼat oʻqituvchilariga boʻlgan ehtiyojni tumanlar kesimida oʻrganish",
        A.INFORMATION_ANALYTICAL,
        [1],
        S.COMPLETED,
        -620,
        -120,
        [],
        ["CHR-MMTB", "PAR-MMTB", "BOK-MMTB", "QIB-MMTB"],
        3,
        "Toʻrt tumandagi maktablarda tasviriy sanʼat va chizmachilik oʻqituvchilari "
        "yuklamasi, boʻsh oʻrinlar va kadrlar tarkibini tahlil qilish.",
    ),
    (
        "Maktab-laboratoriyalarda tajriba darslarining samaradorligini baholash",
        A.RESEARCH,
        [2, 4],
        S.RUNNING,
        -240,
        300,
        ["CHR-SCH-3", "PAR-SCH-1"],
        [],
        3,
        "Tajriba va nazorat sinflarida oʻquvchilarning ijodiy koʻnikmalarini oldin va "
        "keyin oʻlchash; rubrikalar ishlab chiqish.",
    ),
    (
        "Milliy naqsh sanʼatini boshlangʻich sinflarda oʻqitish texnologiyasi",
        A.EXPERIMENTAL_INNOVATIVE,
        [3, 2],
        S.RUNNING,
        -300,
        150,
        ["CHR-SCH-3", "BOK-SCH-4"],
        ["BA-TV"],
        3,
        "Naqsh elementlarini 1–4-sinflarda oʻyin va loyiha usulida oʻrgatish "
        "texnologiyasini sinovdan oʻtkazish.",
    ),
    (
        "Maktabgacha taʼlimda rang idrokini rivojlantirish boʻyicha metodik tavsiyalar",
        A.SCIENTIFIC_METHODOLOGICAL,
        [3, 5],
        S.COMPLETED,
        -540,
        -60,
        [],
        ["CHR-MTT-13", "PAR-MTT-12"],
        3,
        "Maktabgacha taʼlim tashkilotlari tarbiyachilari uchun rang bilan ishlash "
        "mashgʻulotlari toʻplami.",
    ),
    (
        "Isteʼdodli oʻquvchilarni erta aniqlash: sanʼat maktablari bilan uzluksizlik",
        A.RESEARCH,
        [5],
        S.RUNNING,
        -150,
        420,
        ["QIB-SCH-2"],
        ["CHR-DMSM-1", "PAR-DMSM-1"],
        2,
        "Bolalar musiqa va sanʼat maktablari bitiruvchilarining oliy taʼlimga "
        "kirish yoʻlini kuzatish.",
    ),
    (
        "Klaster aʼzolarining innovatsion faoliyati boʻyicha axborot-tahliliy byulleten",
        A.INFORMATION_ANALYTICAL,
        [3],
        S.RUNNING,
        -200,
        160,
        [],
        ["TV-PMQTM"],
        1,
        "Har chorakda klaster aʼzolari joriy etgan texnologiyalar va natijalar "
        "boʻyicha byulleten tayyorlash.",
    ),
    (
        "Raqamli grafika vositalarini tasviriy sanʼat darslariga joriy etish",
        A.EXPERIMENTAL_INNOVATIVE,
        [3],
        S.APPROVED,
        20,
        560,
        ["PAR-SCH-1"],
        ["CHR-DIZ"],
        2,
        "Planshet va bepul dasturlar yordamida 7–9-sinflarda raqamli rasm chizish "
        "darslarini tajribadan oʻtkazish.",
    ),
    (
        "Chizmachilik oʻqituvchilarining malakasini oshirish modullari",
        A.SCIENTIFIC_METHODOLOGICAL,
        [1, 3],
        S.COMPLETED,
        -700,
        -240,
        [],
        ["TV-PMQTM", "TV-XTB"],
        2,
        "Malaka oshirish kurslari uchun chizmachilik va grafik dizayn modullari.",
    ),
    (
        "Talabalar pedagogik amaliyotining sifatini monitoring qilish",
        A.INFORMATION_ANALYTICAL,
        [2, 1],
        S.APPROVED,
        -30,
        330,
        ["CHR-SCH-3", "PAR-SCH-1", "QIB-SCH-2"],
        [],
        1,
        "Amaliyot rahbarlari va mentor oʻqituvchilar baholarini yigʻish va tahlil qilish.",
    ),
    (
        "Muzey pedagogikasi: Chirchiq maktablarida sanʼat muzeyi bilan hamkorlik",
        A.EXPERIMENTAL_INNOVATIVE,
        [3, 5],
        S.RUNNING,
        -100,
        260,
        ["CHR-SCH-3"],
        ["BA-TV"],
        2,
        "Muzey ekspozitsiyasi asosida oʻquvchilar bilan integratsiyalashgan darslar.",
    ),
    (
        "Tasviriy sanʼatdan elektron oʻquv-metodik majmua",
        A.SCIENTIFIC_METHODOLOGICAL,
        [3],
        S.PROPOSED,
        60,
        420,
        [],
        [],
        0,
        "Maktab oʻqituvchilari uchun video darslar va topshiriqlar majmuasi.",
    ),
    (
        "Xalq amaliy sanʼati ustalari bilan master-klasslar turkumi",
        A.RESEARCH,
        [5],
        S.CANCELLED,
        -400,
        -30,
        [],
        ["BA-TV"],
        1,
        "Hunarmandlar bilan hamkorlikdagi master-klasslar; moliyalashtirish topilmagani "
        "uchun toʻxtatildi.",
    ),
]

TASKS = [
    "maʼlumot yigʻish",
    "soʻrovnoma oʻtkazish",
    "tajriba darslarini kuzatish",
    "natijalarni statistik tahlil qilish",
    "metodik ishlanma tayyorlash",
    "koʻrgazma tashkil etish",
]
MILESTONES = [
    "Ishchi reja va metodikani tasdiqlash",
    "Maʼlumot yigʻish va tajriba bosqichi",
    "Oraliq natijalarni muhokama qilish",
    "Yakuniy hisobot va tavsiyalar",
]
DELIVERABLES = [
    (Deliverable.Kind.PUBLICATION, "Ilmiy maqola: {}"),
    (Deliverable.Kind.RECOMMENDATION, "Metodik tavsiyanoma: {}"),
    (Deliverable.Kind.EXHIBITION, "Oʻquvchilar ijodiy ishlari koʻrgazmasi"),
    (Deliverable.Kind.DATASET, "Tadqiqot maʼlumotlari toʻplami"),
    (Deliverable.Kind.MANUAL, "Oʻquv qoʻllanma: {}"),
]


def _short(title: str) -> str:
    return title.split(":")[0][:80]


def load(*, cluster: Cluster) -> None:
    rng = random.Random(505)
    today = timezone.localdate()
    department = cluster.lead_institution
    faculty = list(
        Person.objects.filter(institution=department, kind=Person.Kind.FACULTY).order_by("pk")
    )
    students = list(
        Person.objects.filter(institution=department, kind=Person.Kind.STUDENT).order_by("pk")
    )
    account_student = next(p for p in students if p.user_id is not None)
    account_faculty = next(p for p in faculty if p.user and p.user.username == "faculty")
    coordinator = next(p for p in faculty if p.user and p.user.username == "coordinator")
    others = [p for p in faculty if p.user_id is None]
    leaders = [account_faculty, coordinator, *others]
    pool = [p for p in students if p.user_id is None]
    rng.shuffle(pool)
    codes = {i.code: i for i in Institution.objects.filter(code__isnull=False)}
    goals = {g.number: g for g in cluster.goals.all()}
    # Projects name the School-Labs at these schools.
    lab_at = {
        lab.host.code: lab
        for lab in SchoolLab.objects.filter(cluster=cluster).select_related("host").order_by("pk")
    }

    for n, (title, area, goal_numbers, status, start, end, labs, partners, k, summary) in enumerate(
        PROJECTS
    ):
        start_date, end_date = today + timedelta(days=start), today + timedelta(days=end)
        leader = leaders[n % len(leaders)] if n != 1 else account_faculty
        project = services.project_create(
            actor=None,
            cluster=cluster,
            title=title,
            area=area,
            summary=summary,
            leader=leader,
            start_date=start_date,
            end_date=end_date,
            goals=[goals[g] for g in goal_numbers if g in goals],
            partners=[codes[c] for c in partners if c in codes],
            labs=[lab_at[c] for c in labs if c in lab_at],
            is_demo=True,
        )
        researcher = others[(n + 1) % len(others)]
        team = [researcher] if researcher != leader else []
        team += [pool.pop() for _i in range(k)]
        if n in (1, 2):  # the demo student is in research this year
            team.append(account_student)
        for lab in project.labs.all():
            teacher = Person.objects.filter(institution=lab.host, kind=Person.Kind.TEACHER).first()
            if teacher is not None:
                team.append(teacher)
        for person in team:
            services.team_member_add(
                actor=None,
                project=project,
                person=person,
                task=rng.choice(TASKS),
                joined_on=start_date,
            )
        _milestones(project, today)
        if status in (S.RUNNING, S.COMPLETED):
            _deliverables(project, today, rng, [leader, *team[1:3]])
        for step in _path_to(status):
            services.project_transition(actor=None, project=project, status=step)

    indicator = Indicator.objects.filter(goal=goals.get(4), unit="%").first()
    if indicator is not None:
        measures.indicator_bind(actor=None, indicator=indicator, measure="student_research_share")


def _path_to(status: str) -> list[str]:
    if status == S.CANCELLED:
        return [S.CANCELLED]
    order: list[str] = [S.APPROVED, S.RUNNING, S.COMPLETED]
    return order[: order.index(status) + 1] if status in order else []


def _milestones(project: Project, today: date) -> None:
    span = (project.end_date - project.start_date).days
    for i, title in enumerate(MILESTONES):
        due = project.start_date + timedelta(days=round(span * (i + 1) / len(MILESTONES)))
        # Done when due, except the step before last of a running project: it is late.
        late = project.end_date > today and i == 2
        done = due <= today and not late
        services.milestone_save(
            actor=None,
            milestone=Milestone(
                project=project,
                title=title,
                due_date=due,
                completed_on=min(due, today) if done else None,
            ),
        )


def _deliverables(project: Project, today: date, rng: random.Random, authors: list) -> None:
    count = 3 if project.end_date < today else rng.randint(1, 2)
    for i, (kind, pattern) in enumerate(rng.sample(DELIVERABLES, count)):
        delivered = min(today, project.start_date + timedelta(days=120 + 90 * i))
        deliverable = Deliverable(
            project=project,
            kind=kind,
            title=pattern.format(_short(project.title)),
            link=f"https://demo.educluster.uz/projects/{project.pk}/{i + 1}",
            delivered_on=delivered,
        )
        services.deliverable_save(actor=None, deliverable=deliverable, authors=authors)
