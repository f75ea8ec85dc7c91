"""The registry part of the demo cluster: the Fine Arts innovation cluster led by the
Department of Fine Arts of Chirchiq State Pedagogical Institute, with partner schools, art
schools, preschools and district departments in Chirchiq, Parkent, Boʻka and Qibray, its goals,
people, and one demo account per role. Used by ``manage.py seed_demo``.

Deterministic: the same data every time. Every row is marked as demo data.
"""

import random
from datetime import date
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from educluster.accounts.models import Person, Role, RoleAssignment, User
from educluster.registry import services
from educluster.registry.demo_names import person_name
from educluster.registry.models import Cluster, District, Goal, Indicator, Language, Region

DEMO_PASSWORD = "demo-parol-2026"
# Domain apps' demo modules, each with ``load(*, cluster)``, run in this order.
DOMAIN_DEMOS = [
    "educluster.agreements.demo",
    "educluster.schoollabs.demo",
    "educluster.projects.demo",
    "educluster.materials.demo",
    "educluster.workforce.demo",
    "educluster.placements.demo",
    "educluster.pathways.demo",
    "educluster.council.demo",
    "educluster.development.demo",
    "educluster.guidance.demo",
    "educluster.recognition.demo",
    "educluster.surveys.demo",
    "educluster.market.demo",
    "educluster.feedback.demo",
    "educluster.effectiveness.demo",
    "educluster.accounts.demo",
]
SLUG = "tasviriy-sanat-chirchiq"

# (account, role, person name, person kind, position)
ACCOUNTS: list[tuple[str, Role | None, str, str, str]] = [
    ("admin", Role.ADMINISTRATOR, "Rustamov Jasur Baxtiyorovich", "staff", "tizim maʼmuri"),
    (
        "coordinator",
        Role.COORDINATOR,
        "Nazarova Dilfuza Rahimovna",
        "faculty",
        "tasviriy sanʼat kafedrasi mudiri, klaster koordinatori",
    ),
    ("head", Role.MEMBER_HEAD, "Xolmatov Anvar Toʻlqinovich", "staff", "maktab direktori"),
    ("faculty", Role.FACULTY, "Yoʻldosheva Malika Shavkatovna", "faculty", "dotsent"),
    ("student", Role.STUDENT, "Ergashev Sardor Olimjonovich", "student", ""),
    (
        "mentor",
        Role.MENTOR,
        "Qodirova Nilufar Ergashevna",
        "teacher",
        "tasviriy sanʼat oʻqituvchisi",
    ),
    (
        "analyst",
        Role.ANALYST,
        "Abdullayev Bekzod Murodovich",
        "official",
        "viloyat xalq taʼlimi boshqarmasi tahlilchisi",
    ),
    ("outsider", None, "", "", ""),
]


def load_registry() -> Cluster:
    """Create the demo cluster's institutions, memberships, goals, accounts and people."""
    rng = random.Random(2026)
    region = Region.objects.get(code="toshkent-viloyati")
    d = {x.code: x for x in District.objects.all()}
    lang = {x.code: x for x in Language.objects.all()}
    uz, ru = lang["uz"], lang["ru"]

    def inst(code, name, kind, district, short="", langs=(uz,), lat=None, lon=None, **extra):
        return services.institution_create(
            actor=None,
            code=code,
            name=name,
            short_name=short,
            kind=kind,
            district=d[district],
            languages=langs,
            latitude=lat,
            longitude=lon,
            is_demo=True,
            **extra,
        )

    university = inst(
        "CHDPI",
        "Chirchiq davlat pedagogika instituti",
        "university",
        "chirchiq",
        "ChDPI",
        (uz, ru),
        Decimal("41.468900"),
        Decimal("69.582200"),
        address="Chirchiq sh., Amir Temur koʻchasi, 104",
        website="https://cspi.uz",
    )
    department = inst(
        "CHDPI-TSA",
        "Chirchiq davlat pedagogika instituti Tasviriy sanʼat kafedrasi",
        "department",
        "chirchiq",
        "Tasviriy sanʼat kafedrasi",
        (uz, ru),
        Decimal("41.468900"),
        Decimal("69.582200"),
        parent=university,
        head_name="Nazarova Dilfuza Rahimovna",
    )
    cluster = services.cluster_create(
        actor=None,
        slug=SLUG,
        name="Tasviriy sanʼat boʻyicha pedagogik taʼlim innovatsion klasteri",
        common_goal=(
            "Toshkent viloyatining raqobatbardosh tasviriy sanʼat oʻqituvchilariga boʻlgan "
            "ehtiyojini qondirish uchun oliy taʼlim, umumtaʼlim maktablari, bolalar musiqa va "
            "sanʼat maktablari, maktabgacha taʼlim tashkilotlari va ish beruvchilarning "
            "integratsiyasini taʼminlash."
        ),
        lead_institution=department,
        region=region,
        founded_on=date(2021, 9, 1),
        is_demo=True,
    )
    services.membership_add(
        actor=None,
        cluster=cluster,
        institution=university,
        role="partner",
        start_date=date(2021, 9, 1),
    )

    coords = {
        "chirchiq": (41.4689, 69.5822),
        "parkent": (41.2945, 69.6761),
        "boka": (40.8111, 69.1986),
        "qibray": (41.3897, 69.4650),
    }
    members = []
    school_numbers = {
        "chirchiq": [3, 7, 15],
        "parkent": [1, 12, 21],
        "boka": [4, 9, 18],
        "qibray": [2, 11, 27],
    }
    district_label = {
        "chirchiq": "Chirchiq shahar",
        "parkent": "Parkent tumani",
        "boka": "Boʻka tumani",
        "qibray": "Qibray tumani",
    }
    prefix = {"chirchiq": "CHR", "parkent": "PAR", "boka": "BOK", "qibray": "QIB"}
    for dc in ("chirchiq", "parkent", "boka", "qibray"):
        lat, lon = coords[dc]
        for i, n in enumerate(school_numbers[dc]):
            langs = (
                (uz, ru) if (dc == "chirchiq" and i == 0) or (dc == "qibray" and i == 1) else (uz,)
            )
            members.append(
                (
                    inst(
                        f"{prefix[dc]}-SCH-{n}",
                        f"{district_label[dc]} {n}-sonli umumiy oʻrta taʼlim maktabi",
                        "general_school",
                        dc,
                        f"{n}-maktab",
                        langs,
                        Decimal(str(round(lat + 0.004 * (i + 1), 6))),
                        Decimal(str(round(lon - 0.003 * (i + 1), 6))),
                        head_name=person_name(rng),
                    ),
                    "school_lab" if i == 0 else "partner",
                )
            )
        members.append(
            (
                inst(
                    f"{prefix[dc]}-DMSM-1",
                    f"{district_label[dc]} 1-son bolalar musiqa va sanʼat maktabi",
                    "music_art_school",
                    dc,
                    "1-son BMSM",
                    (uz,),
                    Decimal(str(round(lat - 0.002, 6))),
                    Decimal(str(round(lon + 0.002, 6))),
                    head_name=person_name(rng),
                ),
                "partner",
            )
        )
        members.append(
            (
                inst(
                    f"{prefix[dc]}-MTT-{5 + len(dc)}",
                    f"{district_label[dc]} {5 + len(dc)}-son davlat maktabgacha taʼlim tashkiloti",
                    "preschool",
                    dc,
                    f"{5 + len(dc)}-son MTT",
                    (uz,),
                    head_name=person_name(rng),
                ),
                "partner",
            )
        )
        members.append(
            (
                inst(
                    f"{prefix[dc]}-MMTB",
                    f"{district_label[dc]} maktabgacha va maktab taʼlimi boʻlimi",
                    "district_department",
                    dc,
                    "MMTB",
                    (uz, ru),
                    head_name=person_name(rng),
                ),
                "authority",
            )
        )
    members.append(
        (
            inst(
                "TV-XTB",
                "Toshkent viloyati maktabgacha va maktab taʼlimi boshqarmasi",
                "regional_authority",
                "nurafshon",
                "Viloyat boshqarmasi",
                (uz, ru),
            ),
            "authority",
        )
    )
    members.append(
        (
            inst(
                "TV-PMQTM",
                "Toshkent viloyati pedagoglarni yangi metodikalarga oʻrgatish milliy markazi",
                "training_centre",
                "nurafshon",
                "PYMOʻMM",
                (uz, ru),
            ),
            "associate",
        )
    )
    members.append(
        (
            inst(
                "BA-TV",
                "Oʻzbekiston Badiiy akademiyasi Toshkent viloyati boʻlimi",
                "museum_union",
                "chirchiq",
                "Badiiy akademiya",
                (uz,),
            ),
            "associate",
        )
    )
    members.append(
        (
            inst(
                "CHR-DIZ",
                "“Chirchiq dizayn” MChJ",
                "employer",
                "chirchiq",
                "Chirchiq dizayn",
                (uz, ru),
            ),
            "employer",
        )
    )
    for institution, role in members:
        services.membership_add(
            actor=None,
            cluster=cluster,
            institution=institution,
            role=role,
            start_date=date(2021, 9, 1) if role != "employer" else date(2023, 2, 1),
        )

    goals = [
        (
            "Viloyatning malakali tasviriy sanʼat oʻqituvchilariga ehtiyojini qondirish",
            "Maqsadli tayyorlash, oqilona tanlash va bitiruvchilarni mutaxassisligi boʻyicha "
            "ishga joylashtirish.",
            [
                (
                    "Klaster bitiruvchilari bilan toʻldirilgan boʻsh ish oʻrinlari ulushi",
                    "%",
                    42,
                    55,
                    80,
                    2027,
                ),
                (
                    "Mutaxassisligi boʻyicha ishga joylashgan bitiruvchilar ulushi",
                    "%",
                    58,
                    66,
                    85,
                    2027,
                ),
            ],
        ),
        (
            "Taʼlim jarayonini amaliyot bilan bogʻlovchi “Maktab-laboratoriya” "
            "maydonchalarini rivojlantirish",
            "Hamkor maktablarda talabalar amaliyoti, tajriba darslari va kuzatuvlar.",
            [
                ("Faol “Maktab-laboratoriya” maydonchalari soni", "ta", 2, 4, 8, 2026),
                (
                    "Maktab-laboratoriyalarda amaliyot oʻtagan talabalar",
                    "kishi",
                    40,
                    96,
                    150,
                    2026,
                ),
            ],
        ),
        (
            "Innovatsion taʼlim texnologiyalarini tezkor ommalashtirish",
            "Metodik tavsiyalar va texnologiyalarni klasterning barcha aʼzolariga yetkazish.",
            [
                ("Kamida bitta materialni joriy etgan aʼzolar ulushi", "%", 10, 38, 70, 2026),
                ("Joriy etilgan metodik materiallar soni", "ta", 3, 17, 30, 2026),
            ],
        ),
        (
            "Bakalavr va magistrantlarni ilmiy-tadqiqot ishlariga jalb etish",
            "Kafedraning maqsadli loyihalari: tadqiqot, axborot-tahliliy, ilmiy-metodik va "
            "tajriba-innovatsion.",
            [("Ilmiy ishlarga jalb etilgan talabalar ulushi", "%", 12, 21, 30, 2026)],
        ),
        (
            "Maktabgacha taʼlimdan oʻqituvchigacha uzluksizlik (vorisiylik)",
            "Isteʼdodli oʻquvchilarni erta aniqlash va maqsadli qabul.",
            [
                (
                    "Klaster maktablari va sanʼat maktablaridan qabul qilinganlar ulushi",
                    "%",
                    18,
                    27,
                    40,
                    2027,
                )
            ],
        ),
    ]
    for number, (title, description, indicators) in enumerate(goals, start=1):
        goal = services.goal_save(
            actor=None,
            goal=Goal(cluster=cluster, number=number, title=title, description=description),
        )
        for name, unit, baseline, current, target, year in indicators:
            services.indicator_save(
                actor=None,
                indicator=Indicator(
                    goal=goal,
                    name=name,
                    unit=unit,
                    baseline_value=Decimal(baseline),
                    current_value=Decimal(current),
                    target_value=Decimal(target),
                    target_year=year,
                ),
            )

    by_code = {m.code: m for m, _role in members}
    head_school = by_code["CHR-SCH-3"]  # a School-Laboratory base
    mentor_school = by_code["PAR-SCH-1"]  # a School-Laboratory base
    for username, account_role, name, kind, position in ACCOUNTS:
        user = User(
            username=username,
            email=f"{username}@demo.educluster.uz",
            is_staff=account_role == Role.ADMINISTRATOR,
            is_superuser=account_role == Role.ADMINISTRATOR,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        if account_role is None:
            continue
        homes = {
            Role.MEMBER_HEAD: head_school,
            Role.MENTOR: mentor_school,
            Role.ANALYST: by_code["TV-XTB"],
        }
        institution = homes.get(account_role, department)
        Person.objects.create(
            full_name=name,
            kind=kind,
            institution=institution,
            position=position,
            email=user.email,
            user=user,
            is_demo=True,
            study_level="bachelor" if kind == "student" else "",
            study_year=3 if kind == "student" else None,
            programme="60110800 – Tasviriy sanʼat va muhandislik grafikasi"
            if kind == "student"
            else "",
        )
        RoleAssignment.objects.create(
            user=user,
            role=account_role,
            cluster=cluster if account_role in (Role.COORDINATOR, Role.ANALYST) else None,
            institution=institution
            if account_role in (Role.MEMBER_HEAD, Role.FACULTY, Role.STUDENT, Role.MENTOR)
            else None,
        )

    people = []
    for _i in range(8):
        people.append(
            Person(
                full_name=person_name(rng),
                kind="faculty",
                institution=department,
                position=rng.choice(["dotsent", "katta oʻqituvchi", "professor", "assistent"]),
                is_demo=True,
            )
        )
    for i in range(40):
        level = "master" if i % 8 == 0 else "bachelor"
        people.append(
            Person(
                full_name=person_name(rng),
                kind="student",
                institution=department,
                study_level=level,
                study_year=rng.randint(1, 2 if level == "master" else 4),
                programme="70110801 – Tasviriy sanʼat (magistratura)"
                if level == "master"
                else "60110800 – Tasviriy sanʼat va muhandislik grafikasi",
                is_demo=True,
            )
        )
    schools = [m for m, account_role in members if m.kind in ("general_school", "music_art_school")]
    for school in schools:
        for _i in range(2):
            people.append(
                Person(
                    full_name=person_name(rng),
                    kind="teacher",
                    institution=school,
                    position="tasviriy sanʼat oʻqituvchisi",
                    is_demo=True,
                )
            )
    bulk_create_with_history(people, Person)
    return cluster
