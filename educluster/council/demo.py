"""The demo cluster's council: five members (the Fine Arts department in the chair and four
schools), two meetings with minutes, four decisions (one done on time, one open, one overdue,
one serving a goal) and the 2026/2027 work plan.

Deterministic for a given day: meeting and due dates are counted from today, so there is always
one overdue and one open decision.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from educluster.accounts.models import Person, User
from educluster.council.models import CouncilMember, Decision, Meeting, PlanItem, WorkPlan
from educluster.registry.models import Cluster, Goal, Institution

# institution code, role (the first one is the coordinator's department)
SEATS = [
    ("CHDPI-TSA", CouncilMember.Role.CHAIR),
    ("CHR-SCH-3", CouncilMember.Role.SECRETARY),
    ("PAR-SCH-1", CouncilMember.Role.MEMBER),
    ("BOK-SCH-4", CouncilMember.Role.MEMBER),
    ("CHR-MMTB", CouncilMember.Role.MEMBER),
]

# (title, due date, institution code, goal number or None)
PLAN = [
    (
        "Klaster kengashining yillik yigʻilishi va ish rejasini tasdiqlash",
        date(2026, 9, 15),
        "CHDPI-TSA",
        None,
    ),
    ("Maktab-laboratoriyalarda ochiq darslar haftaligi", date(2026, 11, 20), "CHR-SCH-3", 2),
    ("Tasviriy sanʼat oʻqituvchilari uchun mahorat darslari", date(2027, 1, 25), "PAR-SCH-1", 3),
    ("Oʻquvchilar ijodiy ishlari koʻrgazmasi", date(2027, 3, 18), "BOK-SCH-4", None),
    (
        "Bitiruvchilarni maqsadli ishga joylashtirish boʻyicha kengash",
        date(2027, 5, 12),
        "CHR-MMTB",
        1,
    ),
    ("Klaster samaradorligi yakunlari boʻyicha hisobot", date(2027, 6, 25), "CHDPI-TSA", None),
]


def _representative(institution: Institution) -> Person:
    person = (
        Person.objects.filter(institution=institution, kind__in=["staff", "faculty"])
        .order_by("-user_id", "pk")
        .first()
    )
    if person is not None:
        return person
    return Person.objects.create(
        full_name=institution.head_name or institution.name,
        kind=Person.Kind.STAFF,
        institution=institution,
        position="direktor",
        is_demo=True,
    )


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(15, 0)))


def load(*, cluster: Cluster) -> None:
    today = timezone.localdate()
    by_code = {i.code: i for i in Institution.objects.filter(code__in=[c for c, _r in SEATS])}
    seats = [(by_code[code], role) for code, role in SEATS if code in by_code]
    if not seats:
        return
    coordinator = User.objects.filter(username="coordinator").first()
    for institution, role in seats:
        CouncilMember.objects.create(
            cluster=cluster,
            institution=institution,
            person=_representative(institution),
            role=role,
            since=today - timedelta(days=400),
        )
    chair, head_school = seats[0][0], seats[min(1, len(seats) - 1)][0]
    other = seats[min(2, len(seats) - 1)][0]
    goal = Goal.objects.filter(cluster=cluster).order_by("number").first()

    first = Meeting.objects.create(
        cluster=cluster,
        date=today - timedelta(days=120),
        place="ChDPI, Tasviriy sanʼat kafedrasi, 204-xona",
        agenda="Oʻquv yili uchun klaster ish rejasi\nMaktab-laboratoriyalarda amaliyot\n"
        "Bitiruvchilarni ishga joylashtirish",
        minutes="Kengash ish rejasini maʼqulladi. Maktab-laboratoriyalarda amaliyot "
        "jadvali kelishildi. Bitiruvchilar roʻyxati tumanlar boʻyicha tayyorlanadi.",
        minutes_approved_at=_at(today - timedelta(days=118)),
        created_by=coordinator,
    )
    second = Meeting.objects.create(
        cluster=cluster,
        date=today - timedelta(days=30),
        place="Chirchiq shahridagi 3-maktab",
        agenda="Ochiq darslar haftaligi natijalari\nOʻquvchilar koʻrgazmasiga tayyorgarlik",
        minutes="Ochiq darslar natijalari muhokama qilindi; koʻrgazma muddatlari belgilandi.",
        minutes_approved_at=_at(today - timedelta(days=28)),
        created_by=coordinator,
    )
    done_due = today - timedelta(days=60)
    Decision.objects.create(
        meeting=first,
        text="Maktab-laboratoriyalarda pedagogik amaliyot jadvalini tasdiqlash",
        responsible=head_school,
        due_date=done_due,
        done_at=_at(done_due - timedelta(days=5)),
        done_note="Jadval maktab pedagogik kengashida tasdiqlandi va kafedraga yuborildi.",
        done_by=coordinator,
    )
    Decision.objects.create(
        meeting=first,
        text="Bitiruvchilarning tumanlar boʻyicha ishga joylashtirish roʻyxatini tayyorlash",
        responsible=other,
        due_date=today - timedelta(days=10),
    )
    Decision.objects.create(
        meeting=second,
        text="Oʻquvchilar ijodiy ishlari koʻrgazmasini tashkil etish",
        responsible=head_school,
        due_date=today + timedelta(days=45),
    )
    Decision.objects.create(
        meeting=second,
        text="Ochiq darslar tajribasini metodik tavsiyanomaga aylantirish",
        responsible=chair,
        due_date=today + timedelta(days=75),
        goal=goal,
    )

    plan = WorkPlan.objects.create(cluster=cluster, academic_year="2026/2027")
    goals = {g.number: g for g in Goal.objects.filter(cluster=cluster)}
    for title, due, code, number in PLAN:
        institution = by_code.get(code, chair)
        PlanItem.objects.create(
            plan=plan,
            title=title,
            due_date=due,
            responsible=institution,
            goal=goals.get(number) if number else None,
        )
