"""The demo cluster's recognitions and mentoring pairs: the demo mentor account's person
mentors two young teachers of the same school; a few teachers of the demo head's school and
the mentor are recognised."""

import datetime

from educluster.accounts.models import Person
from educluster.recognition import services
from educluster.recognition.models import Recognition
from educluster.registry.models import Cluster, Institution


def load(*, cluster: Cluster) -> None:
    mentor = Person.objects.filter(user__username="mentor", is_demo=True).first()
    head = Person.objects.filter(user__username="head", is_demo=True).first()
    if mentor is None or head is None:
        return
    young = list(
        Person.objects.filter(institution_id=mentor.institution_id, kind=Person.Kind.TEACHER)
        .exclude(pk=mentor.pk)
        .order_by("pk")[:2]
    )
    for person, starts, meetings in zip(
        young,
        [datetime.date(2024, 9, 2), datetime.date(2025, 9, 1)],
        [
            [
                (datetime.date(2024, 9, 16), "Dars rejasini tuzish"),
                (datetime.date(2024, 11, 11), "Sinfni boshqarish"),
                (datetime.date(2025, 2, 3), "Oʻquvchilar ishlarini baholash"),
            ],
            [
                (datetime.date(2025, 9, 15), "Birinchi haftalar: tanishuv"),
                (datetime.date(2025, 10, 20), "Akvarel darsini kuzatish"),
            ],
        ],
        strict=False,
    ):
        pair = services.pair_create(
            actor=None,
            cluster=cluster,
            mentor=mentor,
            mentee=person,
            starts_on=starts,
            note="Yosh oʻqituvchining dastlabki uch yili.",
            is_demo=True,
        )
        for day, topic in meetings:
            services.meeting_record(
                actor=None,
                pair=pair,
                date=day,
                topic=topic,
                notes="Kuzatilgan dars muhokama qilindi, keyingi qadamlar kelishildi.",
                is_demo=True,
            )
    staff = list(
        Person.objects.filter(institution_id=head.institution_id, kind=Person.Kind.TEACHER)
        .exclude(pk=head.pk)
        .order_by("pk")[:2]
    )
    ministry = "Oʻzbekiston Respublikasi Maktabgacha va maktab taʼlimi vazirligi"
    school = Institution.objects.get(pk=head.institution_id)
    entries = [
        (mentor, Recognition.Kind.MENTOR_RECOGNITION, "Eng yaxshi murabbiy — 2025", ministry, None),
        *[
            (person, kind, title, "", school)
            for person, (kind, title) in zip(
                staff,
                [
                    (Recognition.Kind.LETTER_OF_THANKS, "Tasviriy sanʼat haftaligi uchun"),
                    (Recognition.Kind.AWARD, "Yil oʻqituvchisi — tuman bosqichi gʻolibi"),
                ],
                strict=False,
            )
        ],
    ]
    for i, (person, kind, title, by, institution) in enumerate(entries):
        services.recognition_record(
            actor=None,
            cluster=cluster,
            person=person,
            kind=kind,
            title=title,
            date=datetime.date(2025, 10 + i, 1),
            awarded_by=by,
            awarded_by_institution=institution,
            is_demo=True,
        )
