"""Demo agreements: the Department of Fine Arts and its partner schools, with a realistic mix
of confirmed, pending, disputed and overdue obligations."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from educluster.accounts.models import Person, User
from educluster.agreements import services
from educluster.agreements.models import Agreement, FulfilmentReport, Occurrence
from educluster.registry.models import Cluster, Institution


def _party(agreement: Agreement, code: str):
    return agreement.parties.get(institution__code=code)


def load(*, cluster: Cluster) -> None:
    today = timezone.localdate()
    coordinator = User.objects.get(username="coordinator")
    head = User.objects.get(username="head")
    faculty = Person.objects.get(user__username="faculty")
    inst = {i.code: i for i in Institution.objects.filter(code__isnull=False)}
    goals = list(cluster.goals.order_by("number"))
    start = date(today.year - 1 if today.month >= 9 else today.year - 2, 9, 1)

    # 1. Department ↔ Chirchiq school No. 3 (a School-Laboratory base): active, well kept.
    a1 = services.agreement_create(
        actor=coordinator,
        cluster=cluster,
        parties=[inst["CHDPI-TSA"], inst["CHR-SCH-3"]],
        goals=goals[:3],
        number=f"01/{start.year}",
        title="“Maktab-laboratoriya” maydonchasini tashkil etish va hamkorlik toʻgʻrisida",
        valid_from=start,
        valid_to=date(start.year + 3, 8, 31),
        is_demo=True,
        signatories={
            inst["CHDPI-TSA"].pk: "D. R. Nazarova",
            inst["CHR-SCH-3"].pk: "A. T. Xolmatov",
        },
    )
    teacher3 = Person.objects.filter(institution=inst["CHR-SCH-3"], kind="teacher").first()
    o_lessons = services.obligation_create(
        actor=coordinator,
        agreement=a1,
        party=_party(a1, "CHDPI-TSA"),
        counterpart=_party(a1, "CHR-SCH-3"),
        area="educational_methodological",
        description="Maktab-laboratoriyada tasviriy sanʼatdan ochiq va tajriba darslarini oʻtkazish",
        recurrence="term",
        target_value=Decimal(4),
        target_unit="ochiq dars",
        evidence_required="dars ishlanmalari, fotosuratlar",
        responsible=faculty,
    )
    o_trainees = services.obligation_create(
        actor=coordinator,
        agreement=a1,
        party=_party(a1, "CHR-SCH-3"),
        counterpart=_party(a1, "CHDPI-TSA"),
        area="practice_employment",
        description="Pedagogik amaliyot uchun talabalarni qabul qilish va ustoz-murabbiy biriktirish",
        recurrence="term",
        target_value=Decimal(8),
        target_unit="talaba",
        evidence_required="buyruq nusxasi",
        responsible=teacher3,
    )
    services.obligation_create(
        actor=coordinator,
        agreement=a1,
        party=_party(a1, "CHR-SCH-3"),
        counterpart=_party(a1, "CHDPI-TSA"),
        area="spiritual_educational",
        description="Oʻquvchilarning tasviriy sanʼat koʻrgazmasini tashkil etish",
        recurrence="yearly",
        target_value=Decimal(1),
        target_unit="koʻrgazma",
        evidence_required="koʻrgazma fotosuratlari",
    )
    services.agreement_transition(
        actor=coordinator, agreement=a1, to="signed", signed_on=start - timedelta(days=10)
    )
    services.agreement_transition(actor=coordinator, agreement=a1, to="active")

    def report(occ: Occurrence, actor: User, value: int, text: str) -> FulfilmentReport:
        return services.report_submit(
            actor=actor, occurrence=occ, value_achieved=Decimal(value), text=text
        )

    past = [o for o in o_lessons.occurrences.order_by("due_date") if o.due_date < today]
    for occ in past[:-1]:  # the department reported and the school confirmed
        r = report(
            occ,
            coordinator,
            4,
            "4 ta ochiq dars oʻtkazildi: natyurmort, manzara, portret, xalq amaliy sanʼati.",
        )
        services.report_decide(actor=head, report=r, confirm=True)
    if past:  # the latest one waits for the school's confirmation
        report(
            past[-1],
            coordinator,
            3,
            "3 ta ochiq dars oʻtkazildi; toʻrtinchisi karantin sababli koʻchirildi.",
        )
    school_past = [o for o in o_trainees.occurrences.order_by("due_date") if o.due_date < today]
    for i, occ in enumerate(school_past):
        if i == len(school_past) - 1:
            # Disputed by the department: fewer trainees than agreed, awaiting the school's answer.
            r = report(occ, head, 5, "5 nafar talaba qabul qilindi.")
            services.report_decide(
                actor=coordinator,
                report=r,
                confirm=False,
                comment="Shartnoma boʻyicha 8 nafar talaba qabul qilinishi kerak edi.",
            )
        else:
            r = report(
                occ, head, 8, "8 nafar talaba amaliyotga qabul qilindi, ustozlar biriktirildi."
            )
            services.report_decide(actor=coordinator, report=r, confirm=True)

    # 2. Department ↔ Parkent school No. 1: the school has not reported — overdue.
    a2 = services.agreement_create(
        actor=coordinator,
        cluster=cluster,
        parties=[inst["CHDPI-TSA"], inst["PAR-SCH-1"]],
        goals=goals[:2],
        number=f"02/{start.year}",
        title="Pedagogik amaliyot va uzluksiz taʼlim boʻyicha hamkorlik toʻgʻrisida",
        valid_from=start,
        valid_to=date(start.year + 2, 8, 31),
        is_demo=True,
    )
    services.obligation_create(
        actor=coordinator,
        agreement=a2,
        party=_party(a2, "PAR-SCH-1"),
        counterpart=_party(a2, "CHDPI-TSA"),
        area="practice_employment",
        description="Amaliyotchi talabalar uchun 2 ta sinf va ustoz-murabbiy ajratish",
        recurrence="once",
        due_date=start + timedelta(days=60),
        target_value=Decimal(2),
        target_unit="sinf",
        evidence_required="direktor buyrugʻi",
    )
    services.obligation_create(
        actor=coordinator,
        agreement=a2,
        party=_party(a2, "CHDPI-TSA"),
        counterpart=_party(a2, "PAR-SCH-1"),
        area="research",
        description="Maktab oʻqituvchilari uchun tasviriy sanʼat metodikasi boʻyicha seminar",
        recurrence="yearly",
        target_value=Decimal(1),
        target_unit="seminar",
        responsible=faculty,
    )
    services.agreement_transition(
        actor=coordinator, agreement=a2, to="signed", signed_on=start - timedelta(days=5)
    )
    services.agreement_transition(actor=coordinator, agreement=a2, to="active")

    # 3. A multilateral agreement with Boʻka and Qibray schools and the Chirchiq art school.
    a3 = services.agreement_create(
        actor=coordinator,
        cluster=cluster,
        parties=[inst["CHDPI-TSA"], inst["BOK-SCH-4"], inst["QIB-SCH-2"], inst["CHR-DMSM-1"]],
        goals=goals[2:5],
        number=f"03/{start.year + 1}",
        title="Innovatsion taʼlim texnologiyalarini ommalashtirish toʻgʻrisida",
        valid_from=date(start.year + 1, 1, 10),
        valid_to=date(start.year + 3, 12, 31),
        is_demo=True,
    )
    for code in ("BOK-SCH-4", "QIB-SCH-2", "CHR-DMSM-1"):
        services.obligation_create(
            actor=coordinator,
            agreement=a3,
            party=_party(a3, code),
            counterpart=_party(a3, "CHDPI-TSA"),
            area="educational_methodological",
            description="Kafedra tavsiya etgan metodik materiallarni darslarda qoʻllash va natijalarni xabar qilish",
            recurrence="term",
            target_value=Decimal(2),
            target_unit="material",
        )
    services.agreement_transition(
        actor=coordinator, agreement=a3, to="signed", signed_on=date(start.year + 1, 1, 5)
    )
    services.agreement_transition(actor=coordinator, agreement=a3, to="active")

    # 4. A draft with the Qibray district education department, not yet signed.
    a4 = services.agreement_create(
        actor=coordinator,
        cluster=cluster,
        parties=[inst["CHDPI-TSA"], inst["QIB-MMTB"]],
        goals=goals[:1],
        number=f"04/{today.year}",
        title="Bitiruvchilarni maqsadli ishga joylashtirish toʻgʻrisida",
        valid_from=today + timedelta(days=30),
        valid_to=today + timedelta(days=30 + 3 * 365),
        is_demo=True,
    )
    services.obligation_create(
        actor=coordinator,
        agreement=a4,
        party=_party(a4, "QIB-MMTB"),
        counterpart=_party(a4, "CHDPI-TSA"),
        area="practice_employment",
        description="Tasviriy sanʼat oʻqituvchisi boʻsh ish oʻrinlari haqida har oy maʼlumot berish",
        recurrence="monthly",
        target_value=Decimal(1),
        target_unit="hisobot",
    )
