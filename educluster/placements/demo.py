"""Demo placement data: a practice round for the current School-Lab term (120 students of the
Fine Arts department; hosts generated from the two School-Labs' free seats and the seat offers of
13 member schools; published, so the matched trainees are placed at the labs, the demo student at
the Parkent lab of the demo mentor; answers open) and an employment round for last year's
graduates (hosts generated from the open vacancies; published; one graduate accepted through the
service, which filled the vacancy, opened the employment record and wrote the pathway stages),
with employment statuses one year on, targeted-training contracts, and the statuses of the class
before.

Deterministic: one seeded generator; dates follow today's date so the demo stays current.
Driven through the services (so the history reads right), except that the demo moves its
deadlines into the past where a real round would simply wait for them.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from educluster.accounts.models import Person, User
from educluster.placements import services
from educluster.placements.demo_contracts import first_year_contracts
from educluster.placements.models import (
    Applicant,
    Assignment,
    GraduateOutcome,
    Host,
    PlacementRound,
    SeatOffer,
    TargetedContract,
)
from educluster.placements.services._common import save
from educluster.registry.demo_names import person_name
from educluster.registry.models import District, Institution, Language
from educluster.schoollabs.models import SchoolLab, Term
from educluster.workforce.models import Subject

BACHELOR = "60110800 – Tasviriy sanʼat va muhandislik grafikasi"
MASTER = "70110801 – Tasviriy sanʼat (magistratura)"
FINE_ARTS = "Tasviriy sanʼat"
DRAWING = "Chizmachilik"
DISTRICTS = ["chirchiq", "parkent", "boka", "qibray"]
PRACTICE_HOSTS = [
    # (code, seats, subject, language, ranking, School-Lab)
    ("CHR-SCH-3", 12, FINE_ARTS, "uz", "explicit", True),
    ("CHR-SCH-7", 8, FINE_ARTS, "uz", "priority", False),
    ("CHR-SCH-15", 8, DRAWING, "uz", "priority", False),
    ("PAR-SCH-1", 12, FINE_ARTS, "uz", "priority", True),
    ("PAR-SCH-12", 8, FINE_ARTS, "uz", "priority", False),
    ("PAR-SCH-21", 8, FINE_ARTS, "uz", "priority", False),
    ("BOK-SCH-4", 12, FINE_ARTS, "uz", "priority", True),
    ("BOK-SCH-9", 8, DRAWING, "uz", "priority", False),
    ("BOK-SCH-18", 8, FINE_ARTS, "uz", "priority", False),
    ("QIB-SCH-2", 12, FINE_ARTS, "uz", "priority", True),
    ("QIB-SCH-11", 8, FINE_ARTS, "ru", "priority", False),
    ("QIB-SCH-27", 8, DRAWING, "uz", "priority", False),
    ("CHR-DMSM-1", 6, FINE_ARTS, "uz", "priority", False),
    ("PAR-DMSM-1", 6, FINE_ARTS, "uz", "priority", False),
    ("QIB-DMSM-1", 6, FINE_ARTS, "uz", "priority", False),
]


def _aware(day: date, hour: int = 18) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def _term(today: date) -> str:
    start = today.year if today.month >= 8 else today.year - 1
    half = "kuzgi" if today.month >= 8 or today.month == 1 else "bahorgi"
    return f"{start}/{start + 1} oʻquv yili, {half} semestr"


def _people(department: Institution, rng: random.Random, n: int, **fields: Any) -> list[Person]:
    people = [
        Person(full_name=person_name(rng), institution=department, is_demo=True, **fields)
        for _i in range(n)
    ]
    bulk_create_with_history(people, Person)
    return list(
        Person.objects.filter(institution=department, is_demo=True, **fields).order_by("-pk")[:n]
    )[::-1]


def _weighted_sample(rng: random.Random, items: list[Any], weights: list[float], k: int) -> list:
    pool, w, out = list(items), list(weights), []
    for _i in range(min(k, len(pool))):
        pick = rng.choices(range(len(pool)), weights=w)[0]
        out.append(pool.pop(pick))
        w.pop(pick)
    return out


def _run_now(rnd: PlacementRound, actor: User) -> PlacementRound:
    # The demo has no worker yet: claim the run and execute it in this process.
    PlacementRound.objects.filter(pk=rnd.pk, status=PlacementRound.Status.CLOSED).update(
        status=PlacementRound.Status.RUNNING, run_by=actor, run_started_at=timezone.now()
    )
    return services.round_execute(round_id=rnd.pk)


def load(*, cluster: Any) -> None:
    rng = random.Random(7007)
    today = timezone.localdate()
    coordinator = User.objects.get(username="coordinator")
    head = User.objects.get(username="head")
    department = Institution.objects.get(code="CHDPI-TSA")
    inst = {i.code or "": i for i in Institution.objects.filter(memberships__cluster=cluster)}
    district = {d.code: d for d in District.objects.filter(code__in=[*DISTRICTS, "toshkent"])}
    lang = {lg.code: lg for lg in Language.objects.filter(code__in=["uz", "ru"])}
    grad_year = today.year - 1
    fine_arts = Subject.objects.get(code="fine_arts")

    # --- targeted-training contracts of current students -------------------------------------
    students = list(Person.objects.filter(institution=department, kind="student").order_by("pk"))
    students += _people(
        department,
        rng,
        120 - len(students),
        kind="student",
        study_level="bachelor",
        study_year=3,
        programme=BACHELOR,
    )
    for i, person in enumerate(students[5:45:8]):
        services.contract_save(
            actor=coordinator,
            contract=TargetedContract(
                cluster=cluster,
                person=person,
                number=f"MQ-{today.year - 2}-{101 + i}",
                district=district[["boka", "parkent", "qibray", "boka", "parkent"][i]],
                sponsor=inst.get(f"{['BOK', 'PAR', 'QIB', 'BOK', 'PAR'][i]}-MMTB"),
                programme=BACHELOR,
                subject=fine_arts,
                admission_year=today.year - 2,
                years_required=3,
                is_demo=True,
            ),
        )
    practice = _practice_round(cluster, coordinator, head, students, inst, district, lang, rng)
    _answers(practice, rng, skip_user=User.objects.get(username="student"))
    _employment(cluster, coordinator, department, inst, district, lang, rng, grad_year)
    first_year_contracts(cluster, coordinator, department, inst, district, fine_arts, today)


def _offers(cluster, head, inst, lang, term) -> None:
    """The heads of the member schools without a School-Lab offer practice seats for the term."""
    with_lab = set(SchoolLab.objects.filter(cluster=cluster).values_list("host_id", flat=True))
    for code, seats, subject, language, _ranking, _is_lab in PRACTICE_HOSTS:
        school = inst[code]
        if school.pk in with_lab:
            continue
        mentor = Person.objects.filter(institution=school, kind="teacher").order_by("pk").first()
        save(
            SeatOffer(
                cluster=cluster,
                institution=school,
                term=term,
                subject=subject,
                language=lang[language],
                seats=seats,
                mentor=mentor,
                note="5–9-sinflar"
                if school.kind == "general_school"
                else "tasviriy sanʼat boʻlimi",
                offered_by=head if code == "CHR-SCH-3" else None,
            ),
            head,
        )


def _practice_round(cluster, coordinator, head, students, inst, district, lang, rng):
    now = timezone.now()
    term = Term.objects.filter(cluster=cluster).order_by("-start_date").first()
    rnd = services.round_create(
        actor=coordinator,
        cluster=cluster,
        kind=PlacementRound.Kind.PRACTICE,
        title="Pedagogik amaliyot: maktab-laboratoriyalar va hamkor maktablar",
        term=term.name if term else _term(timezone.localdate()),
        lab_term=term,
        preference_deadline=now + timedelta(hours=1),
        max_choices=8,
        lottery_seed=20260901,
        is_demo=True,
    )
    if term is not None:
        _offers(cluster, head, inst, lang, term)
    services.round_hosts_generate(actor=coordinator, round=rnd)
    by_code = {h.institution.code: h for h in rnd.hosts.select_related("institution")}
    hosts: list[Host] = [by_code[code] for code, *_rest in PRACTICE_HOSTS if code in by_code]
    services.applicants_add(actor=coordinator, round=rnd, people=students, languages=[lang["uz"]])
    applicants = list(Applicant.objects.filter(round=rnd).select_related("person").order_by("pk"))
    ru_speakers = []
    for applicant in applicants:
        applicant.specialty = DRAWING if rng.random() < 0.15 else FINE_ARTS
        applicant.district = district[rng.choice(DISTRICTS)]
        applicant.grade_average = Decimal(str(round(rng.uniform(3.2, 5.0), 2)))
        if rng.random() < 0.3:
            ru_speakers.append(applicant)
        if applicant.person.user and applicant.person.user.username == "student":
            applicant.specialty = FINE_ARTS
            applicant.district = district["chirchiq"]
            applicant.grade_average = Decimal("4.10")
    Applicant.objects.bulk_update(applicants, ["specialty", "district", "grade_average"])
    Applicant.languages.through.objects.bulk_create(
        Applicant.languages.through(applicant_id=a.pk, language_id=lang["ru"].pk)
        for a in ru_speakers
    )
    services.round_open(actor=coordinator, round=rnd)
    popularity = [3.0 if h.lab_id else 1.0 for h in hosts]
    for applicant in applicants:
        weights = [
            w * (2.0 if h.institution.district_id == applicant.district_id else 1.0)
            for h, w in zip(hosts, popularity, strict=True)
        ]
        chosen = _weighted_sample(rng, hosts, weights, rng.randint(4, 8))
        if applicant.person.user and applicant.person.user.username == "student":
            # The demo student's first choice is the head's School-Lab, which ranks them low:
            # their result explains the host's cut-off; they get the Parkent lab, where the
            # demo mentor mentors them.
            chosen = [
                by_code[c]
                for c in ("CHR-SCH-3", "PAR-SCH-1", "CHR-SCH-7", "CHR-DMSM-1", "BOK-SCH-4")
            ]
        services.preferences_set(
            actor=applicant.person.user or coordinator,
            applicant=applicant,
            host_ids=[h.pk for h in chosen],
        )
    # The head of Chirchiq school No. 3 ranks its applicants: by grade, the demo student last;
    # the Parkent lab ranks the demo student first (they already work with its mentor).
    for lab, demo_first, ranker in (
        (by_code["CHR-SCH-3"], False, head),
        (by_code["PAR-SCH-1"], True, coordinator),
    ):
        by_grade = sorted(
            Applicant.objects.filter(preferences__host=lab).select_related("person__user"),
            key=lambda a: (-(a.grade_average or 0), a.pk),
        )
        accounts = [a.pk for a in by_grade if a.person.user is not None]
        others = [a.pk for a in by_grade if a.person.user is None]
        services.host_set_ranking(actor=ranker, host=lab, ranking=Host.Ranking.EXPLICIT)
        services.host_ranking_set(
            actor=ranker,
            host=lab,
            applicant_ids=accounts + others if demo_first else others + accounts,
        )
    opened = timezone.localdate() - timedelta(days=30)
    PlacementRound.objects.filter(pk=rnd.pk).update(
        opens_on=opened, preference_deadline=_aware(opened + timedelta(days=14))
    )
    rnd.refresh_from_db()
    services.round_close(actor=coordinator, round=rnd)
    rnd = _run_now(rnd, coordinator)
    services.round_review(actor=coordinator, round=rnd)
    return services.round_publish(
        actor=coordinator,
        round=rnd,
        response_deadline=_aware(timezone.localdate() + timedelta(days=7)),
    )


def _accept_one(rnd: PlacementRound, coordinator: User) -> None:
    """One graduate accepts through the service: the vacancy is filled, the employment record
    opened, the contract linked and the pathway stages written. A graduate with a contract for
    the host's district is preferred, so the contract shows its fulfilment."""
    placed = list(
        Assignment.objects.filter(round=rnd, host__vacancy__isnull=False)
        # The workforce demo tells of these two posts as still recruiting: leave them open.
        .exclude(host__institution__code__in=["PAR-SCH-12", "CHR-SCH-3"])
        .select_related("host__institution", "applicant__person")
        .order_by("pk")
    )
    contracts = dict(
        TargetedContract.objects.filter(
            cluster_id=rnd.cluster_id, person__in=[a.applicant.person_id for a in placed]
        ).values_list("person_id", "district_id")
    )
    fitting = [
        a
        for a in placed
        if a.host is not None
        and contracts.get(a.applicant.person_id) == a.host.institution.district_id
    ]
    chosen = (fitting or placed)[:1]
    for assignment in chosen:
        services.assignment_respond(actor=coordinator, assignment=assignment, accept=True)


def _answers(rnd: PlacementRound, rng: random.Random, *, skip_user: User | None) -> None:
    now = timezone.now()
    changed = []
    for a in (
        Assignment.objects.filter(round=rnd, host__isnull=False)
        .select_related("applicant__person")
        .order_by("pk")
    ):
        if skip_user is not None and a.applicant.person.user_id == skip_user.pk:
            continue
        if a.response != Assignment.Response.PENDING:
            continue  # answered through the service already
        draw = rng.random()
        if draw < 0.7:
            a.response = Assignment.Response.ACCEPTED
        elif draw < 0.78:
            a.response = Assignment.Response.DECLINED
        else:
            continue
        a.responded_at = now
        changed.append(a)
    Assignment.objects.bulk_update(changed, ["response", "responded_at"])


def _employment(cluster, coordinator, department, inst, district, lang, rng, grad_year):
    graduates = _people(
        department,
        rng,
        30,
        kind="other",
        position=f"{grad_year}-yil bitiruvchisi",
        programme=BACHELOR,
    )
    for person in graduates[-4:]:
        person.programme = MASTER
    Person.objects.bulk_update(graduates[-4:], ["programme"])
    contract_districts = ["boka", "boka", "parkent", "parkent", "qibray", "boka"]
    contracts = {}
    for i, person in enumerate(graduates[:6]):
        contracts[person.pk] = services.contract_save(
            actor=coordinator,
            contract=TargetedContract(
                cluster=cluster,
                person=person,
                number=f"MQ-{grad_year - 4}-{11 + i}",
                district=district[contract_districts[i]],
                programme=person.programme,
                subject=Subject.objects.get(code="fine_arts"),
                admission_year=grad_year - 4,
                graduation_year=grad_year,
                years_required=3,
                is_demo=True,
            ),
        )
    now = timezone.now()
    rnd = services.round_create(
        actor=coordinator,
        cluster=cluster,
        kind=PlacementRound.Kind.EMPLOYMENT,
        title=f"{grad_year}-yil bitiruvchilarini ishga taqsimlash",
        term=f"{grad_year}-yil bitiruvchilari",
        preference_deadline=now + timedelta(hours=1),
        max_choices=6,
        lottery_seed=grad_year * 100 + 7,
        is_demo=True,
    )
    services.round_hosts_generate(actor=coordinator, round=rnd)
    hosts = list(rnd.hosts.select_related("institution").order_by("pk"))
    services.applicants_add(actor=coordinator, round=rnd, people=graduates, languages=[lang["uz"]])
    applicants = list(Applicant.objects.filter(round=rnd).select_related("person").order_by("pk"))
    for a in applicants:
        a.specialty = DRAWING if rng.random() < 0.15 else FINE_ARTS
        a.district = district[rng.choice(DISTRICTS)]
        a.grade_average = Decimal(str(round(rng.uniform(3.4, 5.0), 2)))
    Applicant.objects.bulk_update(applicants, ["specialty", "district", "grade_average"])
    services.round_open(actor=coordinator, round=rnd)
    for a in applicants:
        weights = [2.0 if h.institution.district_id == a.district_id else 1.0 for h in hosts]
        chosen = _weighted_sample(rng, hosts, weights, rng.randint(3, 6))
        services.preferences_set(actor=coordinator, applicant=a, host_ids=[h.pk for h in chosen])
    PlacementRound.objects.filter(pk=rnd.pk).update(
        opens_on=date(grad_year, 6, 1), preference_deadline=_aware(date(grad_year, 6, 20))
    )
    rnd.refresh_from_db()
    services.round_close(actor=coordinator, round=rnd)
    rnd = _run_now(rnd, coordinator)
    services.round_review(actor=coordinator, round=rnd)
    rnd = services.round_publish(
        actor=coordinator, round=rnd, response_deadline=timezone.now() + timedelta(days=1)
    )
    _accept_one(rnd, coordinator)
    _answers(rnd, rng, skip_user=None)
    PlacementRound.objects.filter(pk=rnd.pk).update(
        response_deadline=_aware(date(grad_year, 7, 15)),
        published_at=_aware(date(grad_year, 7, 1), 10),
    )
    rnd.refresh_from_db()
    services.outcomes_from_round(actor=coordinator, round=rnd, graduation_year=grad_year)
    _outcomes(cluster, coordinator, graduates, inst, rng, grad_year, contracts)
    older = _people(
        department,
        rng,
        25,
        kind="other",
        position=f"{grad_year - 1}-yil bitiruvchisi",
        programme=BACHELOR,
    )
    _outcomes(cluster, coordinator, older, inst, rng, grad_year - 1, {})


OTHER_STATUSES = [
    (GraduateOutcome.Status.TEACHING_ELSEWHERE, "Toshkent shahar 110-maktab"),
    (GraduateOutcome.Status.TEACHING_ELSEWHERE, "Sirdaryo viloyati Guliston shahar 5-maktab"),
    (GraduateOutcome.Status.OTHER_SECTOR, "“Art Decor” MChJ"),
    (GraduateOutcome.Status.FURTHER_STUDY, "ChDPI magistraturasi"),
    (GraduateOutcome.Status.NOT_EMPLOYED, ""),
]


def _outcomes(cluster, coordinator, people, inst, rng, year, contracts) -> None:
    """Statuses one year after graduation; the cluster's employers confirm theirs, except the
    demo head's school, which still has to (so the head account has something to do)."""
    measured = date(year + 1, 7, 1)
    have = set(
        GraduateOutcome.objects.filter(cluster=cluster, graduation_year=year).values_list(
            "person_id", flat=True
        )
    )
    schools = [i for c, i in sorted(inst.items()) if "-SCH-" in c or "-DMSM-" in c]
    for person in people:
        if person.pk not in have:
            if rng.random() < 0.45:
                status, institution, employer = (
                    GraduateOutcome.Status.TEACHING_CLUSTER,
                    rng.choice(schools),
                    "",
                )
            else:
                status, employer = rng.choice(OTHER_STATUSES)
                institution = None
            services.outcome_save(
                actor=coordinator,
                outcome=GraduateOutcome(
                    cluster=cluster,
                    person=person,
                    graduation_year=year,
                    programme=person.programme or BACHELOR,
                    status=status,
                    institution=institution,
                    employer_name=employer,
                    source=rng.choice(
                        [GraduateOutcome.Source.SELF_REPORT, GraduateOutcome.Source.COORDINATOR]
                    ),
                    is_demo=True,
                ),
            )
    outcomes = list(
        GraduateOutcome.objects.filter(
            cluster=cluster, graduation_year=year, person__in=people
        ).select_related("institution")
    )
    for outcome in outcomes:
        outcome.measured_on = measured
        outcome.is_demo = True
        if outcome.institution is not None and outcome.institution.code != "CHR-SCH-3":
            outcome.confirmation = GraduateOutcome.Confirmation.CONFIRMED
            outcome.confirmed_at = _aware(measured, 11)
        contract = contracts.get(outcome.person_id)
        if contract is not None:
            _settle_contract(coordinator, contract, outcome, year)
    GraduateOutcome.objects.bulk_update(
        outcomes, ["measured_on", "is_demo", "confirmation", "confirmed_at"]
    )


def _settle_contract(coordinator, contract, outcome, year) -> None:
    in_district = (
        outcome.institution_id is not None
        and outcome.institution.district_id == contract.district_id
    )
    if in_district:
        contract.status = TargetedContract.Status.WORKING
        contract.work_institution = outcome.institution
        contract.work_started_on = date(year, 9, 1)
    else:
        contract.status = TargetedContract.Status.BREACHED
        contract.note = "Tuman taʼlim boʻlimi bilan kelishilmagan holda boshqa joyda ishlaydi"
    services.contract_save(actor=coordinator, contract=contract)
