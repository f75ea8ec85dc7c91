"""Regions, districts, institutions, clusters with goals and members, accounts and people."""

from dataclasses import dataclass, field
from typing import Any

from educluster.accounts.models import Person, Role, RoleAssignment, User
from educluster.registry.demo_names import person_name
from educluster.registry.models import (
    Cluster,
    District,
    Goal,
    Indicator,
    Institution,
    Language,
    Membership,
    Region,
)
from educluster.registry.reference import load_reference
from educluster.workforce.models import Subject
from educluster.workforce.reference import load_subjects

from .base import CODE_PREFIX, NATIONAL, PREFIX, Run, dec

# The country's other thirteen first-level units (Tashkent region ships as reference data):
# (code, Uzbek, Russian, English, latitude, longitude of a central point).
REGIONS = [
    ("toshkent-shahri", "Toshkent shahri", "город Ташкент", "Tashkent city", 41.31, 69.28),
    ("andijon-viloyati", "Andijon viloyati", "Андижанская область", "Andijan region", 40.78, 72.34),
    ("buxoro-viloyati", "Buxoro viloyati", "Бухарская область", "Bukhara region", 39.77, 64.42),
    ("fargona-viloyati", "Fargʻona viloyati", "Ферганская область", "Fergana region", 40.38, 71.78),
    ("jizzax-viloyati", "Jizzax viloyati", "Джизакская область", "Jizzakh region", 40.12, 67.84),
    ("xorazm-viloyati", "Xorazm viloyati", "Хорезмская область", "Khorezm region", 41.55, 60.63),
    (
        "namangan-viloyati",
        "Namangan viloyati",
        "Наманганская область",
        "Namangan region",
        41.0,
        71.67,
    ),
    ("navoiy-viloyati", "Navoiy viloyati", "Навоийская область", "Navoiy region", 40.10, 65.38),
    (
        "qashqadaryo-viloyati",
        "Qashqadaryo viloyati",
        "Кашкадарьинская область",
        "Kashkadarya region",
        38.86,
        65.79,
    ),
    (
        "qoraqalpogiston",
        "Qoraqalpogʻiston Respublikasi",
        "Республика Каракалпакстан",
        "Republic of Karakalpakstan",
        42.46,
        59.60,
    ),
    (
        "samarqand-viloyati",
        "Samarqand viloyati",
        "Самаркандская область",
        "Samarkand region",
        39.65,
        66.96,
    ),
    (
        "sirdaryo-viloyati",
        "Sirdaryo viloyati",
        "Сырдарьинская область",
        "Syrdarya region",
        40.49,
        68.78,
    ),
    (
        "surxondaryo-viloyati",
        "Surxondaryo viloyati",
        "Сурхандарьинская область",
        "Surkhandarya region",
        37.94,
        67.57,
    ),
]
TASHKENT_REGION = ("toshkent-viloyati", 41.0, 69.6)

GOALS = [
    ("Pedagogik amaliyot sifatini oshirish", "Talabalar amaliyoti baholari oʻrtachasi", "ball"),
    ("Maktablarni malakali oʻqituvchilar bilan taʼminlash", "Boʻsh oʻrinlar ulushi", "%"),
    ("Innovatsion darslarni joriy etish", "Tajriba darslari soni", "dars"),
]


@dataclass
class World:
    """What later steps need of the generated places, by primary key."""

    languages: dict[str, Language] = field(default_factory=dict)
    subjects: list[Subject] = field(default_factory=list)
    districts: list[tuple[District, int, float, float]] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    universities: list[Institution] = field(default_factory=list)
    # Per cluster index: member schools (Institution), the ones hosting a School-Lab.
    members: list[list[Institution]] = field(default_factory=list)
    lab_hosts: list[list[Institution]] = field(default_factory=list)
    school_cluster: dict[int, int] = field(default_factory=dict)  # school pk → cluster index
    goals: list[list[Goal]] = field(default_factory=list)
    coordinators: list[User] = field(default_factory=list)
    faculty: list[list[Person]] = field(default_factory=list)
    lab_teachers: dict[int, Person] = field(default_factory=dict)  # host pk → coordinator
    extra: dict[str, Any] = field(default_factory=dict)


def regions_and_districts(run: Run, world: World) -> None:
    load_reference(Region, District, Language)
    load_subjects(Subject)
    world.languages = {lang.code: lang for lang in Language.objects.all()}
    world.subjects = list(Subject.objects.order_by("order", "code"))
    regions: list[tuple[Region, float, float]] = []
    created = []
    for code, uz, ru, en, lat, lon in REGIONS:
        region, made = Region.objects.get_or_create(
            code=code, defaults={"name_uz": uz, "name_ru": ru, "name_en": en}
        )
        regions.append((region, lat, lon))
        if made:
            created.append(region)
    run.report("registry_region (created)", len(created), 0.0)
    tashkent = Region.objects.get(code=TASHKENT_REGION[0])
    rng = run.rng
    existing = list(District.objects.filter(region=tashkent).order_by("code"))
    for district in existing:
        world.districts.append(
            (
                district,
                0,
                TASHKENT_REGION[1] + rng.uniform(-0.5, 0.5),
                TASHKENT_REGION[2] + rng.uniform(-0.5, 0.5),
            )
        )
    others = District.objects.exclude(region=tashkent).exclude(code__startswith=PREFIX).count()
    wanted = max(0, NATIONAL["districts"] - len(existing) - others)
    new: list[District] = []
    places: list[tuple[int, float, float]] = []
    for i, (region, lat, lon) in enumerate(regions):
        share = wanted // len(regions) + (1 if i < wanted % len(regions) else 0)
        for n in range(1, share + 1):
            uz, ru, en = region.name_uz, region.name_ru, region.name_en
            new.append(
                District(
                    region=region,
                    code=f"{PREFIX}{region.code}-{n:02d}",
                    kind=District.Kind.DISTRICT,
                    name_uz=f"{uz.replace(' viloyati', '')} {n}-tumani",
                    name_ru=f"{ru}, район № {n}",
                    name_en=f"{en}, district {n}",
                )
            )
            places.append((i + 1, lat + rng.uniform(-0.6, 0.6), lon + rng.uniform(-0.6, 0.6)))
    run.insert(District, new, "registry_district")
    for district, (index, lat, lon) in zip(new, places, strict=True):
        world.districts.append((district, index, lat, lon))
    world.extra["region_count"] = len(regions) + 1


def institutions(run: Run, world: World) -> None:
    """One university per cluster and the schools, spread over the districts."""
    rng, plan = run.rng, run.plan
    uz, ru = world.languages["uz"], world.languages["ru"]
    unis = []
    n_regions = world.extra["region_count"]
    for c in range(plan.clusters):
        region_index = c % n_regions
        district, _, lat, lon = next(d for d in world.districts if d[1] == region_index)
        unis.append(
            Institution(
                code=f"{CODE_PREFIX}U{c + 1:02d}",
                name=f"{district.name_uz} davlat pedagogika instituti {c + 1}",
                short_name=f"DPI-{c + 1}",
                kind=Institution.Kind.UNIVERSITY,
                district=district,
                latitude=dec(lat),
                longitude=dec(lon),
            )
        )
    schools = []
    numbers: dict[int, int] = {}
    for i in range(plan.schools):
        # Contiguous blocks, so that a small run still spreads over every region.
        k = i * len(world.districts) // plan.schools
        district, _, lat, lon = world.districts[k]
        number = numbers[k] = numbers.get(k, 0) + 1
        schools.append(
            Institution(
                code=f"{CODE_PREFIX}{i + 1:05d}",
                name=f"{district.name_uz} {number}-son umumiy oʻrta taʼlim maktabi",
                short_name=f"{number}-maktab ({district.name_uz})",
                kind=Institution.Kind.GENERAL_SCHOOL,
                district=district,
                address=f"{district.name_uz}, {rng.randint(1, 120)}-uy",
                latitude=dec(lat + rng.uniform(-0.08, 0.08)),
                longitude=dec(lon + rng.uniform(-0.08, 0.08)),
                head_name=person_name(rng),
            )
        )
    run.insert(Institution, unis + schools, "registry_institution")
    world.universities = unis
    through = Institution.languages.through
    links = [through(institution_id=s.pk, language_id=uz.pk) for s in unis + schools]
    links += [
        through(institution_id=s.pk, language_id=ru.pk) for s in schools if rng.random() < 0.15
    ]
    run.insert(through, links, "registry_institution_languages")
    world.extra["schools"] = schools


def clusters(run: Run, world: World) -> None:
    rng, plan = run.rng, run.plan
    n_regions = world.extra["region_count"]
    made = []
    for c, uni in enumerate(world.universities):
        made.append(
            Cluster(
                slug=f"{PREFIX}{c + 1:02d}",
                name=f"Innovatsion taʼlim klasteri {c + 1} ({uni.district.name_uz})",
                common_goal="Pedagog kadrlar tayyorlash sifatini maktablar bilan birga oshirish.",
                lead_institution=uni,
                region_id=uni.district.region_id,
                founded_on=plan.anchor.replace(year=plan.anchor.year - 3),
            )
        )
    run.insert(Cluster, made, "registry_cluster")
    world.clusters = made
    by_region: dict[int, list[int]] = {}
    for c in range(len(made)):
        by_region.setdefault(c % n_regions, []).append(c)
    world.members = [[] for _ in made]
    region_of = {district.pk: index for district, index, _lat, _lon in world.districts}
    for school in world.extra.pop("schools"):
        index = region_of[school.district_id]
        candidates = by_region.get(index) or [index % len(made)]
        c = rng.choice(candidates)
        world.members[c].append(school)
        world.school_cluster[school.pk] = c
    for c, members in enumerate(world.members):  # every cluster has a few members
        while len(members) < 3:
            largest = max(world.members, key=len)
            school = largest.pop()
            members.append(school)
            world.school_cluster[school.pk] = c
    world.lab_hosts = [
        rng.sample(members, max(1, round(len(members) * 0.05))) for members in world.members
    ]
    goals, indicators, memberships = [], [], []
    start = plan.anchor.replace(year=plan.anchor.year - 2)
    for c, cluster in enumerate(made):
        world.goals.append([])
        for n, (title, _indicator, _unit) in enumerate(GOALS, start=1):
            goal = Goal(cluster=cluster, number=n, title=title)
            goals.append(goal)
            world.goals[c].append(goal)
        memberships.append(
            Membership(
                cluster=cluster,
                institution=world.universities[c],
                role=Membership.Role.INTEGRATOR,
                start_date=start,
            )
        )
        hosts = {s.pk for s in world.lab_hosts[c]}
        for school in world.members[c]:
            memberships.append(
                Membership(
                    cluster=cluster,
                    institution=school,
                    role=Membership.Role.SCHOOL_LAB
                    if school.pk in hosts
                    else Membership.Role.PARTNER,
                    start_date=start,
                )
            )
    run.insert(Goal, goals, "registry_goal")
    for goal, (_title, name, unit) in zip(goals, GOALS * len(made), strict=True):
        indicators.append(
            Indicator(
                goal=goal,
                name=name,
                unit=unit,
                baseline_value=dec(rng.uniform(10, 40), 2),
                target_value=dec(rng.uniform(50, 90), 2),
                current_value=dec(rng.uniform(30, 60), 2),
                target_year=plan.anchor.year + 2,
            )
        )
    run.insert(Indicator, indicators, "registry_indicator")
    run.insert(Membership, memberships, "registry_membership")


def people(run: Run, world: World) -> None:
    """A coordinator account per cluster, faculty at its university, a teacher per School-Lab."""
    rng = run.rng
    users = [
        User(username=f"{PREFIX}coordinator-{c + 1:02d}", password="!", first_name="Koordinator")
        for c in range(len(world.clusters))
    ]
    run.insert(User, users, "accounts_user")
    world.coordinators = users
    run.insert(
        RoleAssignment,
        [
            RoleAssignment(user=user, role=Role.COORDINATOR, cluster=cluster)
            for user, cluster in zip(users, world.clusters, strict=True)
        ],
        "accounts_roleassignment",
    )
    people: list[Person] = []
    for c, uni in enumerate(world.universities):
        faculty = [
            Person(
                full_name=person_name(rng),
                kind=Person.Kind.FACULTY,
                institution=uni,
                position="dotsent",
            )
            for _ in range(max(3, min(10, len(world.members[c]) // 20)))
        ]
        world.faculty.append(faculty)
        people += faculty
        for host in world.lab_hosts[c]:
            teacher = Person(
                full_name=person_name(rng),
                kind=Person.Kind.TEACHER,
                institution=host,
                position="tasviriy sanʼat oʻqituvchisi",
            )
            world.lab_teachers[host.pk] = teacher
            people.append(teacher)
    run.insert(Person, people, "accounts_person (faculty, teachers)")
