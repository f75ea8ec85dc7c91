"""Demo professional development: a closed seminar of the department with certificates (the
demo mentor and faculty member among the attendees), an open master class at the mentor's
School-Lab school, an open course at the head's school, and a norm of 36 hours for the
current academic year. Dates are counted from today; everything else is fixed."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from educluster.accounts.models import Person
from educluster.development import services
from educluster.development.models import DevelopmentEvent
from educluster.projects.selectors import academic_year
from educluster.registry.models import Cluster, Institution

K = DevelopmentEvent.Kind


def _at(days: int, hour: int):
    day = timezone.localtime() + timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def load(*, cluster: Cluster) -> None:
    department = cluster.lead_institution
    mentor_school = Institution.objects.get(code="PAR-SCH-1")
    head_school = Institution.objects.get(code="CHR-SCH-3")
    mentor = Person.objects.get(user__username="mentor")
    faculty = Person.objects.get(user__username="faculty")
    teachers = list(
        Person.objects.filter(
            kind=Person.Kind.TEACHER, institution__memberships__cluster=cluster, is_demo=True
        )
        .exclude(pk=mentor.pk)
        .distinct()
        .order_by("pk")[:6]
    )
    first, _last = academic_year()
    services.norm_set(actor=None, cluster=cluster, year=first.year, hours=Decimal(36), is_demo=True)
    # Inside the current academic year whatever today is: the seminar took place on the later
    # of (today − 20 days) and the year's first day plus one.
    past_days = max(-20, (first - timezone.localdate()).days + 1)
    if past_days >= 0:
        past_days = 0
    seminar = services.event_create(
        actor=None,
        cluster=cluster,
        organiser=department,
        kind=K.SEMINAR,
        title="Tasviriy sanʼat darslarida raqamli texnologiyalardan foydalanish",
        description="Grafik planshet va raqamli rangtasvir dasturlari bilan amaliy seminar.",
        starts_at=_at(past_days, 9),
        ends_at=_at(past_days, 17),
        place="ChDPI, 2-bino, 214-xona",
        hours=Decimal(8),
        capacity=30,
        is_demo=True,
    )
    attendees = [mentor, faculty, *teachers]
    regs = [services.registration_create(event=seminar, person=p, is_demo=True) for p in attendees]
    services.attendance_mark(
        actor=None, event=seminar, attended_ids={r.pk for r in regs[:-1]}
    )  # the last registered teacher did not come
    services.attendance_close(actor=None, event=seminar, is_demo=True)

    master_class = services.event_create(
        actor=None,
        cluster=cluster,
        organiser=mentor_school,
        kind=K.MASTER_CLASS,
        title="Milliy naqsh kompozitsiyasi: ustoz sinfi",
        description="Boshlangʻich sinflarda naqsh elementlarini chizishni oʻrgatish usullari.",
        starts_at=_at(10, 14),
        ends_at=_at(10, 17),
        place="Parkent tumani 1-maktab, tasviriy sanʼat xonasi",
        hours=Decimal(3),
        capacity=20,
        is_demo=True,
    )
    for p in (mentor, *teachers[:3]):
        services.registration_create(event=master_class, person=p, is_demo=True)

    services.event_create(
        actor=None,
        cluster=cluster,
        organiser=head_school,
        kind=K.COURSE,
        title="Rangshunoslik asoslari: oʻqituvchilar uchun qisqa kurs",
        description="Uch kunlik malaka oshirish kursi.",
        starts_at=_at(21, 9),
        ends_at=_at(23, 16),
        place="Chirchiq shahar 3-maktab",
        hours=Decimal(18),
        is_demo=True,
    )
