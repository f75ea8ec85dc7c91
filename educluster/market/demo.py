"""The demo cluster's market of services: the Fine Arts department offers four services (a
watercolour master class, methodological consulting, the ceramics studio, a short course);
School No. 3 of Chirchiq requested the master class, which was delivered and confirmed with a
rating of 5; School No. 1 of Parkent requested consulting, which waits for the department's
answer. Every row is marked as demo data.
"""

from decimal import Decimal

from educluster.accounts.models import User
from educluster.market import services
from educluster.market.models import Service
from educluster.registry.models import Cluster, Institution

PROVIDER = "CHDPI-TSA"

# kind, title, description, audience, format, price, capacity
SERVICES = [
    (
        Service.Kind.MASTER_CLASS,
        "Akvarel texnikasi boʻyicha mahorat darsi",
        "Akvarel boʻyoqlari bilan ishlash usullari: nam qogʻozda ishlash, lessirovka, "
        "manzara chizish. Мастер-класс по акварели для учителей изобразительного искусства.",
        Service.Audience.TEACHERS,
        Service.Format.IN_PERSON,
        None,
        20,
    ),
    (
        Service.Kind.CONSULTING,
        "Metodik maslahat: tasviriy sanʼat darsini rejalashtirish",
        "Yangi oʻquv dasturi boʻyicha dars ishlanmalari va baholash mezonlari haqida "
        "metodik maslahat. Методическая консультация по планированию уроков.",
        Service.Audience.TEACHERS,
        Service.Format.MIXED,
        None,
        None,
    ),
    (
        Service.Kind.STUDIO_USE,
        "Kulolchilik ustaxonasidan foydalanish",
        "Kafedraning kulolchilik ustaxonasi va kuydirish pechi oʻquvchilar toʻgaraklari uchun. "
        "Керамическая мастерская кафедры для кружков школьников.",
        Service.Audience.PUPILS,
        Service.Format.IN_PERSON,
        Decimal("150000"),
        12,
    ),
    (
        Service.Kind.COURSE,
        "Raqamli grafika asoslari (onlayn kurs)",
        "Oʻqituvchilar uchun raqamli rasm va grafik planshetda ishlash boʻyicha qisqa kurs.",
        Service.Audience.TEACHERS,
        Service.Format.ONLINE,
        None,
        30,
    ),
]


def load(*, cluster: Cluster) -> None:
    provider = Institution.objects.get(code=PROVIDER)
    made = [
        services.service_create(
            actor=None,
            cluster=cluster,
            provider=provider,
            kind=kind,
            title=title,
            description=description,
            audience=audience,
            format=fmt,
            price=price,
            capacity=capacity,
            is_active=True,
            is_demo=True,
        )
        for kind, title, description, audience, fmt, price, capacity in SERVICES
    ]
    head = User.objects.filter(username="head").first()
    school = Institution.objects.get(code="CHR-SCH-3")
    done = services.request_create(
        actor=None,
        service=made[0],
        requester=school,
        message="Maktabimizning 4 nafar tasviriy sanʼat oʻqituvchisi qatnashmoqchi.",
        is_demo=True,
    )
    done.requested_by = head
    done.save(update_fields=["requested_by"])
    services.request_accept(actor=None, request=done)
    services.request_deliver(actor=None, request=done)
    services.request_confirm(
        actor=None,
        request=done,
        rating=5,
        comment="Juda foydali mahorat darsi, oʻqituvchilarimiz mamnun.",
    )
    services.request_create(
        actor=None,
        service=made[1],
        requester=Institution.objects.get(code="PAR-SCH-1"),
        message="Yangi dastur boʻyicha 5-sinf darslarini rejalashtirishda yordam kerak.",
        is_demo=True,
    )
