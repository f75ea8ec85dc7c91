"""School-Labs with terms and activities; instruments; comparative studies with their classes,
pseudonymous pupils and results (the bulk of the dataset: ``pupil_results`` rows)."""

from datetime import timedelta
from math import ceil

from educluster.schoollabs.models import (
    Activity,
    ActivityClassCount,
    Instrument,
    InstrumentItem,
    Pupil,
    PupilResult,
    SchoolLab,
    Study,
    StudyGroup,
    Term,
    Wave,
)

from .base import Run
from .places import World

ACTIVITIES_PER_LAB = 20
CLASS_SIZE = 25
CRITERIA = ["Kompozitsiya", "Nisbat", "Chiziq", "Rang", "Ijodkorlik"]
TRAINEE_CRITERIA = ["Dars rejasi", "Metodika", "Sinfni boshqarish", "Refleksiya"]
TOPICS = [
    "Manzara rasmida perspektiva",
    "Natyurmort: yorugʻlik va soya",
    "Milliy naqsh elementlari",
    "Portret chizish asoslari",
    "Rang uygʻunligi",
    "Xalq amaliy sanʼati",
]
LETTERS = "ABCDEFGH"


def labs(run: Run, world: World) -> None:
    rng, anchor = run.rng, run.plan.anchor
    instruments: list[Instrument] = []
    for cluster in world.clusters:
        instruments.append(
            Instrument(cluster=cluster, name="Tasviriy koʻnikmalar rubrikasi", kind="rubric")
        )
        instruments.append(
            Instrument(
                cluster=cluster,
                name="Talaba amaliyotini baholash",
                kind="rubric",
                use=Instrument.Use.TRAINEE_EVALUATION,
            )
        )
    run.insert(Instrument, instruments, "schoollabs_instrument")
    items = []
    for k, instrument in enumerate(instruments):
        criteria = CRITERIA if k % 2 == 0 else TRAINEE_CRITERIA
        items += [
            InstrumentItem(instrument=instrument, number=n, title=title, scale_min=1, scale_max=5)
            for n, title in enumerate(criteria, start=1)
        ]
    run.insert(InstrumentItem, items, "schoollabs_instrumentitem")
    world.extra["pupil_rubric"] = instruments[0::2]
    terms = []
    for cluster in world.clusters:
        year = anchor.year
        terms.append(
            Term(
                cluster=cluster,
                name=f"{year}–{year + 1} kuzgi semestr",
                start_date=anchor,
                end_date=anchor.replace(month=12, day=31),
            )
        )
        terms.append(
            Term(
                cluster=cluster,
                name=f"{year}–{year + 1} bahorgi semestr",
                start_date=anchor.replace(year=year + 1, month=1, day=15),
                end_date=anchor.replace(year=year + 1, month=5, day=31),
            )
        )
    run.insert(Term, terms, "schoollabs_term")
    world.extra["terms"] = terms[0::2]
    agreement_of_host = world.extra["agreement_of_host"]
    made: list[SchoolLab] = []
    for c, cluster in enumerate(world.clusters):
        for host in world.lab_hosts[c]:
            made.append(
                SchoolLab(
                    cluster=cluster,
                    host=host,
                    name=f"{host.short_name} — tasviriy sanʼat laboratoriyasi",
                    agreement_id=agreement_of_host.get(host.pk),
                    established_on=anchor.replace(year=anchor.year - 2),
                    supervisor=rng.choice(world.faculty[c]),
                    school_coordinator=world.lab_teachers[host.pk],
                    focus_topics="Tasviriy sanʼat darslarida innovatsion metodlar",
                    capacity_per_term=rng.choice([4, 6, 8]),
                    evaluation_rubric=instruments[2 * c + 1],
                )
            )
    run.insert(SchoolLab, made, "schoollabs_schoollab")
    world.extra["labs"] = made
    activities: list[Activity] = []
    kinds = list(Activity.Kind.values)
    for lab in made:
        c = next(i for i, cl in enumerate(world.clusters) if cl.pk == lab.cluster_id)
        for _ in range(ACTIVITIES_PER_LAB):
            activities.append(
                Activity(
                    cluster_id=lab.cluster_id,
                    lab=lab,
                    institution_id=lab.host_id,
                    kind=rng.choice(kinds),
                    topic=rng.choice(TOPICS),
                    date=anchor + timedelta(days=rng.randint(-300, 200)),
                    goal=world.goals[c][2],
                    outcomes="Oʻquvchilar faol ishtirok etdi.",
                )
            )
    run.insert(Activity, activities, "schoollabs_activity")
    faculty_of = {cl.pk: world.faculty[i] for i, cl in enumerate(world.clusters)}
    through = Activity.faculty.through
    run.insert(
        through,
        [
            through(activity_id=a.pk, person_id=rng.choice(faculty_of[a.cluster_id]).pk)
            for a in activities
        ],
        "schoollabs_activity_faculty",
    )
    counts = []
    for activity in activities:
        for k in range(rng.randint(1, 2)):
            counts.append(
                ActivityClassCount(
                    activity=activity,
                    class_label=f"{rng.randint(5, 7) + 3 * k}-{rng.choice(LETTERS[:4])}",
                    pupils=rng.randint(18, 32),
                )
            )
    run.insert(ActivityClassCount, counts, "schoollabs_activityclasscount")


def studies(run: Run, world: World) -> None:
    rng, plan = run.rng, run.plan
    anchor = plan.anchor
    n = plan.studies
    follow = [i % 3 == 2 for i in range(n)]
    waves_total = sum(3 if f else 2 for f in follow)
    per_study = max(2 * CLASS_SIZE // 5, round(plan.pupil_results / waves_total))
    labs_of: list[list[SchoolLab]] = [[] for _ in world.clusters]
    index = {cl.pk: i for i, cl in enumerate(world.clusters)}
    for lab in world.extra["labs"]:
        labs_of[index[lab.cluster_id]].append(lab)
    made: list[Study] = []
    for i in range(n):
        c = i % len(world.clusters)
        pre = anchor - timedelta(days=rng.randint(200, 400))
        made.append(
            Study(
                cluster=world.clusters[c],
                lab=rng.choice(labs_of[c]),
                code=f"SCALE-{c + 1:02d}-{i // len(world.clusters) + 1}",
                title=f"Innovatsion metodning samaradorligi {i + 1}",
                hypothesis="Tajriba sinflarida natijalar nazorat sinflaridagidan koʻproq oshadi.",
                instrument=world.extra["pupil_rubric"][c],
                has_follow_up=follow[i],
                pre_date=pre,
                post_date=pre + timedelta(days=120),
                follow_up_date=pre + timedelta(days=240) if follow[i] else None,
                status=Study.Status.COMPLETED,
            )
        )
    run.insert(Study, made, "schoollabs_study")
    team = Study.team.through
    run.insert(
        team,
        [
            team(study_id=s.pk, person_id=world.faculty[i % len(world.clusters)][0].pk)
            for i, s in enumerate(made)
        ],
        "schoollabs_study_team",
    )
    groups_w = run.writer(StudyGroup)
    pupils_w = run.writer(Pupil)
    results_w = run.writer(PupilResult)
    for i, study in enumerate(made):
        c = i % len(world.clusters)
        hosts = [lab.host for lab in labs_of[c]]
        lab_hosts = {h.pk for h in hosts}
        controls = [s for s in world.members[c] if s.pk not in lab_hosts] or hosts
        n_groups = max(2, ceil(per_study / CLASS_SIZE))
        used: dict[int, int] = {}
        groups: list[StudyGroup] = []
        for g in range(n_groups):
            arm = StudyGroup.Arm.EXPERIMENTAL if g % 2 == 0 else StudyGroup.Arm.CONTROL
            school = rng.choice(hosts if arm == StudyGroup.Arm.EXPERIMENTAL else controls)
            k = used.get(school.pk, 0)
            used[school.pk] = k + 1
            grade = 5 + (k // len(LETTERS)) % 7
            groups.append(
                StudyGroup(
                    study=study,
                    code=f"{'E' if arm else 'C'}{g + 1:03d}",
                    arm=arm,
                    institution=school,
                    class_label=f"{grade}-{LETTERS[k % len(LETTERS)]}{k // 56 or ''}",
                    grade=grade,
                )
            )
        StudyGroup.objects.bulk_create(groups, batch_size=run.batch_size)
        groups_w.count += len(groups)
        pupils: list[Pupil] = []
        for j in range(per_study):
            group = groups[j % n_groups]
            pupils.append(
                Pupil(
                    study=study,
                    group=group,
                    code=f"{group.code}-{j // n_groups + 1:03d}",
                    sex=rng.choice("fm"),
                    birth_year=anchor.year - (group.grade or 7) - 7,
                )
            )
        Pupil.objects.bulk_create(pupils, batch_size=run.batch_size)
        pupils_w.count += len(pupils)
        waves = [(Wave.PRE, study.pre_date, 0.0), (Wave.POST, study.post_date, 0.3)]
        if study.has_follow_up:
            waves.append((Wave.FOLLOW_UP, study.follow_up_date, 0.25))
        gauss, n_items = rng.gauss, len(CRITERIA)
        for pupil in pupils:
            ability = 3.0 + gauss(0.0, 0.8)
            experimental = pupil.group.arm == StudyGroup.Arm.EXPERIMENTAL
            for wave, day, gain in waves:
                level = ability + gain + (gain * 1.6 if experimental else 0.0)
                scores = [min(5, max(1, round(level + gauss(0.0, 0.7)))) for _ in range(n_items)]
                results_w.add(
                    PupilResult(
                        pupil_id=pupil.pk,
                        wave=wave,
                        scores=scores,
                        total=float(sum(scores)),
                        assessed_on=day,
                    )
                )
    groups_w.done()
    pupils_w.done()
    results_w.done()
