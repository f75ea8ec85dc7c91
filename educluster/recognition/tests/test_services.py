import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from educluster.accounts.models import Person
from educluster.projects.tests.support import pdf_upload, person_of
from educluster.recognition import services
from educluster.recognition.models import MentoringMeeting, MentoringPair, Recognition
from educluster.recognition.tests.support import demo_pair

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """These tests match the services' English messages; the default language is Uzbek."""
    with translation.override("en"):
        yield


def _teacher_without_pair(cluster) -> Person | None:
    taken = MentoringPair.objects.values("mentee_id")
    return (
        Person.objects.filter(kind="teacher", institution__memberships__cluster=cluster)
        .exclude(pk__in=taken)
        .exclude(user__username="mentor")
        .order_by("pk")
        .first()
    )


def test_it_records_a_recognition_with_checked_evidence(cluster, cast, media):
    person = person_of("mentor")
    r = services.recognition_record(
        actor=cast["coordinator"],
        cluster=cluster,
        person=person,
        kind=Recognition.Kind.HONOUR,
        title="  Faxriy   yorliq ",
        date=datetime.date(2026, 3, 8),
        awarded_by="Vazirlik",
        evidence=pdf_upload("yorliq.pdf"),
    )
    assert r.title == "Faxriy yorliq" and r.evidence_name == "yorliq.pdf"
    assert r.evidence.name.startswith("recognition/") and r.history.count() == 1


def test_it_refuses_evidence_that_is_not_what_its_name_says(cluster, cast, media):
    before = Recognition.objects.count()
    fake = SimpleUploadedFile("yorliq.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.recognition_record(
            actor=cast["coordinator"],
            cluster=cluster,
            person=person_of("mentor"),
            kind=Recognition.Kind.AWARD,
            title="Mukofot",
            date=datetime.date(2026, 3, 8),
            awarded_by="Vazirlik",
            evidence=fake,
        )
    assert "evidence" in error.value.message_dict
    assert Recognition.objects.count() == before


def test_it_refuses_a_recognition_without_an_awarding_body_or_for_a_student(cluster, cast):
    with pytest.raises(ValidationError) as error:
        services.recognition_record(
            actor=None,
            cluster=cluster,
            person=person_of("mentor"),
            kind=Recognition.Kind.AWARD,
            title="Mukofot",
            date=datetime.date(2026, 3, 8),
        )
    assert "awarded_by" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.recognition_record(
            actor=None,
            cluster=cluster,
            person=person_of("student"),
            kind=Recognition.Kind.AWARD,
            title="Mukofot",
            date=datetime.date(2026, 3, 8),
            awarded_by="Vazirlik",
        )
    assert "person" in error.value.message_dict


def test_it_refuses_a_mentor_paired_with_themselves(cluster):
    mentor = person_of("mentor")
    with pytest.raises(ValidationError) as error:
        services.pair_create(
            actor=None,
            cluster=cluster,
            mentor=mentor,
            mentee=mentor,
            starts_on=datetime.date(2026, 9, 1),
        )
    assert "mentee" in error.value.message_dict


def test_it_refuses_a_young_teacher_who_already_has_an_active_pair(cluster):
    pair = demo_pair()
    other_mentor = person_of("faculty")
    with pytest.raises(ValidationError) as error:
        services.pair_create(
            actor=None,
            cluster=cluster,
            mentor=other_mentor,
            mentee=pair.mentee,
            starts_on=datetime.date(2026, 10, 1),
        )
    assert "active mentor" in " ".join(error.value.message_dict["mentee"])


def test_it_pairs_a_free_young_teacher_and_allows_a_new_pair_after_the_end(cluster):
    mentee = _teacher_without_pair(cluster)
    first = services.pair_create(
        actor=None,
        cluster=cluster,
        mentor=person_of("mentor"),
        mentee=mentee,
        starts_on=datetime.date(2023, 9, 1),
        ends_on=datetime.date(2024, 6, 30),
    )
    second = services.pair_create(
        actor=None,
        cluster=cluster,
        mentor=person_of("faculty"),
        mentee=mentee,
        starts_on=datetime.date(2024, 9, 1),
    )
    assert first.institution_id == mentee.institution_id and second.pk != first.pk


def test_it_records_a_meeting_only_within_the_pairs_dates(cluster, cast):
    pair = demo_pair()
    with pytest.raises(ValidationError) as error:
        services.meeting_record(
            actor=None, pair=pair, date=pair.starts_on - datetime.timedelta(days=1), topic="X"
        )
    assert "date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.meeting_record(actor=None, pair=pair, date=pair.starts_on, topic="   ")
    assert "topic" in error.value.message_dict
    m = services.meeting_record(
        actor=cast["mentor"], pair=pair, date=pair.starts_on, topic=" Dars  tahlili "
    )
    assert MentoringMeeting.objects.get(pk=m.pk).topic == "Dars tahlili"


def test_it_seeds_two_demo_pairs_with_meetings_for_the_mentor(cluster):
    pairs = MentoringPair.objects.filter(cluster=cluster, mentor__user__username="mentor")
    assert pairs.count() == 2
    assert all(p.meetings.exists() for p in pairs)
    assert Recognition.objects.filter(cluster=cluster).count() >= 3
