"""Two open placement rounds per cluster: practice at its School-Labs for third-year students,
and graduate employment on its schools' open vacancies, with applicants' preference lists."""

from datetime import timedelta

from educluster.accounts.models import Person
from educluster.placements.models import Applicant, Host, PlacementRound, Preference
from educluster.registry.demo_names import person_name

from .base import Run, aware, dec
from .places import World

PRACTICE_CHOICES = 3
EMPLOYMENT_CHOICES = 5


def rounds(run: Run, world: World) -> None:
    rng, anchor = run.rng, run.plan.anchor
    rounds: list[PlacementRound] = []
    for c, cluster in enumerate(world.clusters):
        for kind, title in (
            (PlacementRound.Kind.PRACTICE, "Pedagogik amaliyot taqsimoti"),
            (PlacementRound.Kind.EMPLOYMENT, "Bitiruvchilarni ishga joylashtirish"),
        ):
            rounds.append(
                PlacementRound(
                    cluster=cluster,
                    kind=kind,
                    title=f"{title} {anchor.year}",
                    term=f"{anchor.year}–{anchor.year + 1}",
                    lab_term=world.extra["terms"][c]
                    if kind == PlacementRound.Kind.PRACTICE
                    else None,
                    status=PlacementRound.Status.OPEN,
                    opens_on=anchor,
                    preference_deadline=aware(anchor + timedelta(days=150), 18),
                    response_deadline=aware(anchor + timedelta(days=165), 18),
                    lottery_seed=rng.randint(1, 10**6),
                    created_by=world.coordinators[c],
                )
            )
    run.insert(PlacementRound, rounds, "placements_placementround")
    uz = world.languages["uz"]
    subject_name = {s.pk: s.name_uz for s in world.subjects}
    labs_of: dict[int, list] = {}
    for lab in world.extra["labs"]:
        labs_of.setdefault(lab.cluster_id, []).append(lab)
    hosts: list[Host] = []
    round_hosts: list[list[Host]] = []
    for c, cluster in enumerate(world.clusters):
        practice, employment = rounds[2 * c], rounds[2 * c + 1]
        seats = [
            Host(
                round=practice,
                institution_id=lab.host_id,
                label="Tasviriy sanʼat, 5–7-sinflar",
                subject=subject_name[world.subjects[0].pk],
                language=uz,
                capacity=lab.capacity_per_term,
                mentor=world.lab_teachers[lab.host_id],
                lab=lab,
                term=world.extra["terms"][c],
            )
            for lab in labs_of[cluster.pk]
        ]
        jobs = [
            Host(
                round=employment,
                institution_id=institution_id,
                label="Boʻsh ish oʻrni",
                subject=subject_name[subject_id],
                language_id=vacancy.language_id,
                capacity=1,
                vacancy=vacancy,
            )
            for vacancy, institution_id, subject_id in world.extra["vacancies"][c]
        ]
        round_hosts += [seats, jobs]
        hosts += seats + jobs
    run.insert(Host, hosts, "placements_host")
    people: list[Person] = []
    plans: list[tuple[PlacementRound, list[Host], int, int]] = []
    for r, seats in zip(rounds, round_hosts, strict=True):
        capacity = sum(h.capacity for h in seats)
        is_practice = r.kind == PlacementRound.Kind.PRACTICE
        count = round(capacity * (1.2 if is_practice else 0.6))
        plans.append((r, seats, count, PRACTICE_CHOICES if is_practice else EMPLOYMENT_CHOICES))
    university = {cl.pk: world.universities[i] for i, cl in enumerate(world.clusters)}
    for r, _seats, count, _choices in plans:
        year = 3 if r.kind == PlacementRound.Kind.PRACTICE else 4
        people += [
            Person(
                full_name=person_name(rng),
                kind=Person.Kind.STUDENT,
                institution=university[r.cluster_id],
                study_level=Person.StudyLevel.BACHELOR,
                study_year=year,
                programme="Tasviriy sanʼat va muhandislik grafikasi",
            )
            for _ in range(count)
        ]
    run.insert(Person, people, "accounts_person (students)")
    district_ids = [d.pk for d, *_rest in world.districts]
    applicants: list[Applicant] = []
    wishes: list[tuple[Applicant, list[Host]]] = []
    it = iter(people)
    for r, seats, count, choices in plans:
        for _ in range(count):
            applicant = Applicant(
                round=r,
                person=next(it),
                specialty="Tasviriy sanʼat",
                district_id=rng.choice(district_ids),
                grade_average=dec(rng.uniform(60, 98), 2),
                preferences_updated_at=aware(anchor + timedelta(days=rng.randint(1, 60)), 9),
            )
            applicants.append(applicant)
            wishes.append((applicant, rng.sample(seats, min(choices, len(seats)))))
    run.insert(Applicant, applicants, "placements_applicant")
    through = Applicant.languages.through
    run.insert(
        through,
        [through(applicant_id=a.pk, language_id=uz.pk) for a in applicants],
        "placements_applicant_languages",
    )
    prefs = run.writer(Preference)
    for applicant, chosen in wishes:
        for position, host in enumerate(chosen, start=1):
            prefs.add(Preference(applicant=applicant, host=host, position=position))
    prefs.done()
