"""Demo workforce of the Fine Arts cluster: positions and staff at the member schools (an
ageing fine-arts teaching staff, a few vacancies), five school years of pupils in Chirchiq,
Parkent, Boʻka and Qibray, the cluster's norms and graduates, a base scenario and two
alternatives, and a completed forecast of each so the forecast pages show results at once.

Pupil numbers are those of the cluster's member schools in each district (three schools per
district), the same coverage as the positions, so demand and supply compare like with like.
Deterministic: ``random.Random(606)``.
"""

import math
import random
from datetime import date
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from educluster.registry.models import Cluster, District, Institution, Language
from educluster.workforce import reference, services
from educluster.workforce.models import (
    AgeBand,
    PupilCount,
    QualificationCategory,
    Scenario,
    ScenarioOverride,
    Subject,
)

DISTRICTS = ("chirchiq", "parkent", "boka", "qibray")
YEARS = range(2022, 2027)
# District: (grade-1 entrants in 2022 across the member schools, yearly growth, Russian share)
INTAKE = {
    "chirchiq": (300, 0.015, 0.15),
    "parkent": (285, 0.02, 0.0),
    "boka": (262, 0.0, 0.0),
    "qibray": (318, 0.03, 0.12),
}
# Apparent survival from grade g to g+1; after grade 9 many leave for colleges (technikums).
SURVIVAL = [0.995, 0.995, 0.99, 0.995, 0.99, 0.99, 0.985, 0.98, 0.74, 0.97]
GRADUATE_SHARE = {"chirchiq": "0.012", "parkent": "0.010", "boka": "0.008", "qibray": "0.010"}
# Specialty: (graduates a year, employment rate in the specialty)
GRADUATES = {
    "fine_arts": (48, 0.58),
    "technical_drawing": (11, 0.52),
    "music": (37, 0.61),
    "technology": (42, 0.49),
}
# Per general school: (code, subject, weekly hours, load)
SCHOOL_POSTS = [
    ("TSA-1", "fine_arts", "18", "1.00"),
    ("TSA-2", "fine_arts", "4.5", "0.25"),
    ("MUS-1", "music", "18", "1.00"),
    ("MUS-2", "music", "4.5", "0.25"),
    ("CHZ-1", "technical_drawing", "6", "0.33"),
    ("TEX-1", "technology", "18", "1.00"),
    ("TEX-2", "technology", "18", "1.00"),
]
ART_SCHOOL_POSTS = [
    ("TSA-1", "fine_arts", "18", "1.00"),
    ("TSA-2", "fine_arts", "18", "1.00"),
    ("MUS-1", "music", "18", "1.00"),
]
# Ageing fine-arts staff; the other subjects younger.
AGE_WEIGHTS = {
    "fine_arts": [1, 2, 2, 3, 4, 6, 10, 14, 10, 3],
    "other": [4, 7, 9, 10, 10, 9, 8, 7, 4, 1],
}
# (school, post): what happens there. vacant/open/interim/filled/withdrawn are vacancy stories.
STORIES = {
    ("PAR-SCH-12", "TSA-1"): "open",  # the fine-arts teacher retired in June
    ("CHR-SCH-3", "MUS-1"): "open",  # the head's school (a School-Lab) is recruiting
    ("BOK-SCH-18", "MUS-1"): "open",
    ("QIB-SCH-27", "CHZ-1"): "open",
    ("CHR-SCH-15", "TSA-2"): "interim",  # an acting teacher while the post is advertised
    ("BOK-SCH-9", "TEX-2"): "filled",  # filled last year through the board
    ("QIB-SCH-2", "TSA-2"): "withdrawn",  # hours shared out, the vacancy withdrawn
    ("PAR-SCH-21", "MUS-2"): "on_hold",
}
REQUIREMENTS = (
    "Oliy pedagogik maʼlumot (tasviriy sanʼat va muhandislik grafikasi yoki musiqa taʼlimi "
    "yoʻnalishi). Yosh mutaxassislar va klaster bitiruvchilari ustuvor. Maktab-laboratoriya "
    "ishlarida qatnashish."
)


def _pupil_rows(cluster: Cluster, rng: random.Random) -> list[PupilCount]:
    lang = {x.code: x for x in Language.objects.filter(code__in=["uz", "ru"])}
    rows = []
    for code in DISTRICTS:
        district = District.objects.get(code=code)
        intake, growth, ru_share = INTAKE[code]
        # Back-cast the first year's grades from the intake and the survival rates.
        grades = [intake / (1 + growth) ** g for g in range(11)]
        for g in range(1, 11):
            grades[g] = grades[g] * math.prod(SURVIVAL[:g])
        for year in YEARS:
            if year > YEARS[0]:
                grades = [
                    intake * (1 + growth) ** (year - YEARS[0]) * rng.uniform(0.985, 1.015)
                ] + [
                    grades[g - 1] * SURVIVAL[g - 1] * rng.uniform(0.99, 1.01) for g in range(1, 11)
                ]
            for g, count in enumerate(grades, start=1):
                parts = [("uz", 1 - ru_share), ("ru", ru_share)] if ru_share else [("uz", 1.0)]
                for language, share in parts:
                    pupils = round(count * share)
                    rows.append(
                        PupilCount(
                            cluster=cluster,
                            district=district,
                            year=year,
                            grade=g,
                            language=lang[language],
                            pupils=pupils,
                            classes=max(1, math.ceil(pupils / 28)),
                        )
                    )
    return rows


def _age_band(subject: str, rng: random.Random) -> str:
    weights = AGE_WEIGHTS["fine_arts" if subject == "fine_arts" else "other"]
    return rng.choices(AgeBand.values, weights=weights)[0]


def _staff_fields(subject: Subject, band: str, rng: random.Random) -> dict:
    start_year = 2025 - rng.randint(0, max(0, int(band[:2]) - 23))
    category = rng.choice(
        [QualificationCategory.HIGHEST, QualificationCategory.FIRST, QualificationCategory.SECOND]
        if int(band[:2]) >= 35
        else [QualificationCategory.SECOND, QualificationCategory.SPECIALIST]
    )
    return {
        "qualification_category": category,
        "specialty": subject,
        "age_band": band,
        "start_date": date(start_year, 9, 2),
    }


def _positions(cluster: Cluster, rng: random.Random) -> None:
    subjects = {s.code: s for s in Subject.objects.all()}
    members = Institution.objects.filter(memberships__cluster=cluster).order_by("code")
    for school in members.filter(kind__in=["general_school", "music_art_school"]):
        posts = SCHOOL_POSTS if school.kind == "general_school" else ART_SCHOOL_POSTS
        language = school.languages.order_by("id").first()
        for code, subject_code, hours, load in posts:
            subject = subjects[subject_code]
            story = STORIES.get((school.code or "", code), "held")
            position = services.position_create(
                actor=None,
                institution=school,
                code=code,
                subject=subject,
                language=language,
                weekly_hours=Decimal(hours),
                load_fraction=Decimal(load),
                status="on_hold" if story == "on_hold" else "vacant",
                is_demo=True,
            )
            if story == "withdrawn":
                # Advertised in January, then the hours were shared out and the post frozen.
                vacancy = services.vacancy_open(
                    actor=None, position=position, opened_on=date(2026, 1, 10), is_demo=True
                )
                services.vacancy_withdraw(actor=None, vacancy=vacancy, on=date(2026, 2, 20))
                services.position_update(actor=None, position=position, status="on_hold")
            if story in ("held", "filled", "interim"):
                fields = _staff_fields(subject, _age_band(subject_code, rng), rng)
                if story == "filled":
                    vacancy = services.vacancy_open(
                        actor=None,
                        position=position,
                        requirements=REQUIREMENTS,
                        opened_on=date(2025, 7, 15),
                        is_demo=True,
                    )
                    fields.update(start_date=date(2025, 8, 31), age_band=AgeBand.A20)
                    services.vacancy_fill(actor=None, vacancy=vacancy, **fields)
                    continue
                if story == "interim":
                    fields.update(start_date=date(2026, 9, 2), age_band=AgeBand.A60)
                services.staff_add(
                    actor=None, position=position, interim=story == "interim", **fields
                )
            if story in ("open", "interim"):
                services.vacancy_open(
                    actor=None,
                    position=position,
                    requirements=REQUIREMENTS,
                    opened_on=date(2026, 8, 20) if story == "open" else date(2026, 9, 5),
                    apply_by=date(2027, 6, 30),
                    is_demo=True,
                )


def _reference(cluster: Cluster) -> None:
    services.curriculum_load_example(actor=None, cluster=cluster)
    services.attrition_save(actor=None, cluster=cluster, rates=reference.DEFAULT_ATTRITION)
    for code in DISTRICTS:
        services.district_norm_save(
            actor=None,
            cluster=cluster,
            district=District.objects.get(code=code),
            graduate_share=Decimal(GRADUATE_SHARE[code]),
        )
    subjects = {s.code: s for s in Subject.objects.all()}
    rng = random.Random(607)
    for code, (count, rate) in GRADUATES.items():
        for year in YEARS:
            services.graduate_upsert(
                actor=None,
                cluster=cluster,
                specialty=subjects[code],
                year=year,
                graduates=count + rng.randint(-4, 4),
                employment_rate=Decimal(str(round(rate + rng.uniform(-0.05, 0.05), 3))),
            )


def _scenarios(cluster: Cluster) -> list[Scenario]:
    fine_arts = Subject.objects.get(code="fine_arts")
    specs = [
        (
            "Asosiy ssenariy",
            "Joriy oʻquv reja, meʼyorlar va kadrlar ketishi darajasi.",
            True,
            [],
        ),
        (
            "Tasviriy sanʼatga +1 soat (5–7-sinflar)",
            "5–7-sinflarda tasviriy sanʼat haftasiga bir soat koʻpaytiriladi.",
            False,
            [
                ScenarioOverride(
                    field="hours", op="add", value=1, subject=fine_arts, grade_from=5, grade_to=7
                )
            ],
        ),
        (
            "Kadrlar ketishi yuqori (×1,5)",
            "Oʻqituvchilarning ishdan ketishi barcha yosh guruhlarida 1,5 baravar yuqori.",
            False,
            [ScenarioOverride(field="attrition", op="scale", value=Decimal("1.5"))],
        ),
    ]
    out = []
    for name, description, is_base, overrides in specs:
        scenario = Scenario(
            cluster=cluster, name=name, description=description, is_base=is_base, is_demo=True
        )
        out.append(services.scenario_save(actor=None, scenario=scenario, overrides=overrides))
    return out


def load(*, cluster: Cluster) -> None:
    """Add the workforce demo to the demo cluster (called by ``seed_demo``)."""
    from educluster.workforce.models import Subject as SubjectModel

    reference.load_subjects(SubjectModel)  # a flushed test database has lost the migration's rows
    rng = random.Random(606)
    _reference(cluster)
    bulk_create_with_history(_pupil_rows(cluster, rng), PupilCount)
    _positions(cluster, rng)
    for seed, scenario in enumerate(_scenarios(cluster), start=2026):
        run = services.forecast_run_start(
            actor=None,
            cluster=cluster,
            scenario=scenario,
            horizon=10,
            draws=200,
            seed=seed,
            enqueue=False,
        )
        services.forecast_run_execute(run_id=run.pk)
        if scenario.is_base:
            run.refresh_from_db()
            services.forecast_run_publish(actor=None, run=run)
        type(run).objects.filter(pk=run.pk).update(is_demo=True)
