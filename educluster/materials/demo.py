"""Demo library: thirty methodological materials by the department's faculty and partner
teachers, and their adoption by partner schools, art schools and preschools over the last year.

Deterministic for a given day: publication and adoption dates are counted back from today,
everything else comes from a fixed seed. Runs after the projects demo (materials point at the
projects that produced them).
"""

import random
from datetime import timedelta

from django.utils import timezone

from educluster.accounts.models import Person
from educluster.materials import services
from educluster.materials.models import Material
from educluster.projects import measures
from educluster.registry.models import Cluster, Indicator, Institution, Language, Membership

K = Material.Kind
L = Material.Level
ART = "Tasviriy sanʼat"
DRAWING = "Chizmachilik"
PEDAGOGY = "Pedagogika"

# (title, kind, level, subject, language, tags, project title prefix or "", draft)
MATERIALS: list[tuple[str, str, str, str, str, str, str, bool]] = [
    (
        "Akvarel texnikasida manzara chizish: 5-sinf uchun dars ishlanmalari",
        K.LESSON_PLAN,
        L.BASIC,
        ART,
        "uz",
        "akvarel, manzara, rangtasvir",
        "",
        False,
    ),
    (
        "Milliy naqsh elementlarini boshlangʻich sinflarda oʻrgatish metodikasi",
        K.METHODOLOGICAL,
        L.PRIMARY,
        ART,
        "uz",
        "milliy naqsh, ornament, oʻyin usuli",
        "Milliy naqsh",
        False,
    ),
    (
        "Maktabgacha yoshdagi bolalarda rang idrokini rivojlantirish boʻyicha tavsiyalar",
        K.RECOMMENDATION,
        L.PRESCHOOL,
        ART,
        "uz",
        "rang, idrok, maktabgacha taʼlim",
        "Maktabgacha",
        False,
    ),
    (
        "Loyiha usulida tasviriy sanʼat darslari: “Mening mahallam”",
        K.TECHNOLOGY,
        L.BASIC,
        ART,
        "uz",
        "loyiha usuli, mahalla, kompozitsiya",
        "",
        False,
    ),
    (
        "Kompozitsiya asoslari: 6–7-sinflar uchun amaliy mashgʻulotlar",
        K.LESSON_PLAN,
        L.BASIC,
        ART,
        "uz",
        "kompozitsiya, amaliy mashgʻulot",
        "",
        False,
    ),
    (
        "Raqamli grafika (Krita) bilan ishlash: 8–9-sinflar uchun qoʻllanma",
        K.TECHNOLOGY,
        L.BASIC,
        ART,
        "uz",
        "raqamli grafika, Krita, planshet",
        "",
        False,
    ),
    (
        "Natyurmort chizishni bosqichma-bosqich oʻrgatish",
        K.METHODOLOGICAL,
        L.BASIC,
        ART,
        "uz",
        "natyurmort, qalamtasvir",
        "",
        False,
    ),
    (
        "Miniatyura sanʼati: Kamoliddin Behzod merosi asosida darslar turkumi",
        K.LESSON_PLAN,
        L.UPPER,
        ART,
        "uz",
        "miniatyura, Behzod, sanʼat tarixi",
        "",
        False,
    ),
    (
        "Bolalar musiqa va sanʼat maktablarida rangtasvir darslarini tashkil etish",
        K.RECOMMENDATION,
        L.ART_SCHOOL,
        ART,
        "uz",
        "rangtasvir, sanʼat maktabi",
        "Isteʼdodli",
        False,
    ),
    (
        "Chizmachilik darslarida aksonometrik proyeksiyalarni oʻrgatish",
        K.METHODOLOGICAL,
        L.BASIC,
        DRAWING,
        "uz",
        "aksonometriya, proyeksiya",
        "Chizmachilik oʻqituvchilarining",
        False,
    ),
    (
        "Kulolchilik va loydan haykaltaroshlik: 3–4-sinflar uchun toʻgarak dasturi",
        K.LESSON_PLAN,
        L.PRIMARY,
        ART,
        "uz",
        "kulolchilik, haykaltaroshlik, toʻgarak",
        "",
        False,
    ),
    (
        "Muzey pedagogikasi: sanʼat muzeyiga ekskursiyani darsga aylantirish",
        K.TECHNOLOGY,
        L.UPPER,
        ART,
        "uz",
        "muzey pedagogikasi, ekskursiya",
        "Muzey pedagogikasi",
        False,
    ),
    (
        "Методика обучения рисунку с натуры в 5–7 классах",
        K.METHODOLOGICAL,
        L.BASIC,
        ART,
        "ru",
        "рисунок с натуры, методика",
        "",
        False,
    ),
    (
        "Интегрированные уроки изобразительного искусства и литературы",
        K.TECHNOLOGY,
        L.BASIC,
        ART,
        "ru",
        "интеграция, литература",
        "",
        False,
    ),
    (
        "Kichik guruh tarbiyalanuvchilari uchun barmoq boʻyoqlari bilan mashgʻulotlar",
        K.LESSON_PLAN,
        L.PRESCHOOL,
        ART,
        "uz",
        "barmoq boʻyoqlari, mayda motorika",
        "Maktabgacha",
        False,
    ),
    (
        "Tasviriy sanʼat darslarida formativ baholash: rubrikalar toʻplami",
        K.RECOMMENDATION,
        L.BASIC,
        ART,
        "uz",
        "baholash, rubrika",
        "Maktab-laboratoriyalarda",
        False,
    ),
    (
        "Inklyuziv sinflarda tasviriy sanʼat: moslashtirilgan topshiriqlar",
        K.RECOMMENDATION,
        L.PRIMARY,
        ART,
        "uz",
        "inklyuziv taʼlim, moslashtirish",
        "",
        False,
    ),
    (
        "Kashtachilik naqshlari asosida dizayn loyihalari",
        K.TECHNOLOGY,
        L.UPPER,
        ART,
        "uz",
        "kashtachilik, xalq amaliy sanʼati, dizayn",
        "",
        False,
    ),
    (
        "Perspektiva qonuniyatlari: interaktiv mashqlar toʻplami",
        K.METHODOLOGICAL,
        L.BASIC,
        ART,
        "uz",
        "perspektiva, interaktiv mashq",
        "",
        False,
    ),
    (
        "Portret chizish asoslari: yuqori sinflar uchun dars ishlanmalari",
        K.LESSON_PLAN,
        L.UPPER,
        ART,
        "uz",
        "portret, qalamtasvir",
        "",
        False,
    ),
    (
        "Talabalar pedagogik amaliyoti uchun metodik koʻrsatmalar",
        K.RECOMMENDATION,
        L.UNIVERSITY,
        PEDAGOGY,
        "uz",
        "pedagogik amaliyot, maktab-laboratoriya",
        "Talabalar pedagogik",
        False,
    ),
    (
        "Rangshunoslik: rang doirasi bilan ishlash boʻyicha oʻyinli topshiriqlar",
        K.TECHNOLOGY,
        L.PRIMARY,
        ART,
        "uz",
        "rangshunoslik, rang doirasi, oʻyin usuli",
        "",
        False,
    ),
    (
        "Tasviriy sanʼatdan fan olimpiadasiga tayyorlash dasturi",
        K.METHODOLOGICAL,
        L.UPPER,
        ART,
        "uz",
        "olimpiada, isteʼdodli oʻquvchilar",
        "Isteʼdodli",
        False,
    ),
    (
        "Maktabgacha taʼlimda applikatsiya mashgʻulotlari turkumi",
        K.LESSON_PLAN,
        L.PRESCHOOL,
        ART,
        "uz",
        "applikatsiya, qogʻoz",
        "",
        False,
    ),
    (
        "Mahalliy hunarmandlar bilan master-klass oʻtkazish tavsiyalari",
        K.RECOMMENDATION,
        L.ART_SCHOOL,
        ART,
        "uz",
        "master-klass, hunarmandchilik",
        "",
        False,
    ),
    (
        "Oʻquvchilar ijodiy ishlaridan koʻrgazma tashkil etish metodikasi",
        K.METHODOLOGICAL,
        L.ART_SCHOOL,
        ART,
        "uz",
        "koʻrgazma, ijodiy ishlar",
        "",
        False,
    ),
    (
        "Grafik dizayn asoslari: plakat yaratish loyihasi",
        K.LESSON_PLAN,
        L.UPPER,
        ART,
        "uz",
        "grafik dizayn, plakat",
        "",
        True,
    ),
    (
        "Chizmachilikdan 3D modellashtirish (SketchUp) elementlari",
        K.TECHNOLOGY,
        L.UPPER,
        DRAWING,
        "uz",
        "3D modellashtirish, SketchUp",
        "Raqamli grafika",
        True,
    ),
    (
        "Eskiz daftarini yuritish boʻyicha yoʻriqnoma",
        K.RECOMMENDATION,
        L.BASIC,
        ART,
        "uz",
        "eskiz, mustaqil ish",
        "",
        True,
    ),
    (
        "Tasviriy sanʼat oʻqituvchisi uchun raqamli portfolio yaratish",
        K.TECHNOLOGY,
        L.UNIVERSITY,
        PEDAGOGY,
        "uz",
        "portfolio, raqamli savodxonlik",
        "",
        True,
    ),
]

FEEDBACK = [
    "Oʻquvchilar faolligi sezilarli oshdi.",
    "Topshiriqlar sinf darajasiga mos, vaqtni toʻgʻri rejalashtirish kerak.",
    "Ota-onalar ham koʻrgazmada ishtirok etishdi.",
    "Materiallar uchun qoʻshimcha boʻyoqlar kerak boʻldi.",
    "Tayyor ishlanmalar oʻqituvchi vaqtini tejaydi.",
    "Ikkinchi chorakda takror qoʻllashni rejalashtirdik.",
]
CLASSES = ["5-A", "5-B", "6-A", "7-B", "8-A", "9-V", "3-A", "4-B", "10-A", "11-B"]

# Which kinds of member put materials of each level to use.
ADOPTERS: dict[str, list[str]] = {
    L.PRESCHOOL: ["preschool"],
    L.PRIMARY: ["general_school", "music_art_school"],
    L.BASIC: ["general_school"],
    L.UPPER: ["general_school", "music_art_school"],
    L.ART_SCHOOL: ["music_art_school"],
    L.UNIVERSITY: ["training_centre", "university", "general_school"],
}


def load(*, cluster: Cluster) -> None:
    rng = random.Random(3030)
    today = timezone.localdate()
    languages = {lang.code: lang for lang in Language.objects.all()}
    department = cluster.lead_institution
    faculty = list(
        Person.objects.filter(institution=department, kind=Person.Kind.FACULTY).order_by("pk")
    )
    account_faculty = next(p for p in faculty if p.user and p.user.username == "faculty")
    mentor = Person.objects.filter(user__username="mentor").first()
    projects = {p.title: p for p in cluster.projects.all()}
    goals = {g.number: g for g in cluster.goals.all()}
    members = list(
        Institution.objects.filter(
            pk__in=Membership.objects.active()
            .filter(cluster=cluster)
            .exclude(institution=department)
            .values("institution_id")
        ).order_by("code")
    )
    teachers: dict[int, list[Person]] = {}
    for person in Person.objects.filter(institution__in=members, kind=Person.Kind.TEACHER):
        teachers.setdefault(person.institution_id, []).append(person)

    from educluster.schoollabs.models import Study

    # The School-Lab study the lab project's materials came from (its effect size is shown).
    study = Study.objects.filter(cluster=cluster).order_by("pk").first()
    count = len(MATERIALS)
    for n, (title, kind, level, subject, lang, tags, project_prefix, draft) in enumerate(MATERIALS):
        project = next((p for t, p in projects.items() if t.startswith(project_prefix)), None)
        authors = [account_faculty] if n % 3 == 0 else [faculty[n % len(faculty)]]
        if n % 4 == 1 and faculty[(n + 3) % len(faculty)] not in authors:
            authors.append(faculty[(n + 3) % len(faculty)])
        if mentor is not None and level in (L.BASIC, L.PRIMARY) and n % 5 == 0:
            authors.append(mentor)
        goal_numbers = [3] + ([2] if project_prefix.startswith(("Maktab-lab", "Talabalar")) else [])
        material = services.material_create(
            actor=None,
            cluster=cluster,
            title=title,
            kind=kind,
            level=level,
            subject=subject,
            language=languages[lang],
            tags=tags,
            summary=f"{title}. Klaster aʼzolari tajribasida sinovdan oʻtgan ishlanma.",
            project=project if project_prefix else None,
            authors=authors,
            goals=[goals[g] for g in goal_numbers if g in goals],
            source_study=study if project_prefix.startswith("Maktab-lab") else None,
            is_demo=True,
        )
        if draft:
            continue
        # Published one after another over the last fourteen months, newest last.
        published_on = today - timedelta(days=420 - round(400 * n / count))
        services.material_publish(actor=None, material=material, on=published_on)
        candidates = [m for m in members if m.kind in ADOPTERS[level]]
        rng.shuffle(candidates)
        for institution in candidates[: rng.randint(1, min(5, len(candidates)))]:
            adopted_on = published_on + timedelta(days=rng.randint(4, 150))
            if adopted_on > today:
                continue
            staff = teachers.get(institution.pk, [])
            services.adoption_record(
                actor=None,
                material=material,
                institution=institution,
                teacher=rng.choice(staff) if staff else None,
                adopted_on=adopted_on,
                classes=", ".join(rng.sample(CLASSES, 2)) if staff else "",
                pupils=rng.randint(18, 60),
                feedback=rng.choice(FEEDBACK),
                rating=rng.choice([3, 4, 4, 5, 5]),
                is_demo=True,
            )

    for indicator, measure in zip(
        Indicator.objects.filter(goal=goals.get(3)).order_by("id"),
        ["adopting_members_share", "adopted_materials_count"],
        strict=False,
    ):
        measures.indicator_bind(actor=None, indicator=indicator, measure=measure)
