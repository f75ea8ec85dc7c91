import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from educluster.accounts.models import Person
from educluster.conftest import CAST
from educluster.projects.tests.support import pdf_upload, person_of
from educluster.recognition import services
from educluster.recognition.models import MentoringMeeting, Recognition
from educluster.recognition.tests.support import demo_pair, foreign_objects

pytestmark = pytest.mark.django_db

IN_CLUSTER = {"coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"}


@pytest.fixture(autouse=True)
def english(cast):
    """These tests read the pages' English messages; the cast reads Uzbek by default."""
    for user in cast.values():
        user.preferred_language = "en"
        user.save(update_fields=["preferred_language"])


def _status(client_as, name: str, url: str) -> int:
    return client_as(name).get(url).status_code


@pytest.fixture
def with_evidence(cluster, media):
    return services.recognition_record(
        actor=None,
        cluster=cluster,
        person=person_of("mentor"),
        kind=Recognition.Kind.HONOUR,
        title="Faxriy yorliq",
        date=datetime.date(2026, 3, 8),
        awarded_by="Vazirlik",
        evidence=pdf_upload("yorliq.pdf"),
    )


def test_it_shows_the_cluster_pages_to_its_members_only(client_as, cluster):
    for url in (
        reverse("recognition:list", args=[cluster.slug]),
        reverse("recognition:pairs", args=[cluster.slug]),
    ):
        for name in CAST:
            expected = 200 if name in IN_CLUSTER else 404
            assert _status(client_as, name, url) == expected, (name, url)


def test_it_lets_coordinators_and_heads_record_recognitions(client_as, cluster):
    url = reverse("recognition:create", args=[cluster.slug])
    expected = {"coordinator": 200, "head": 200, "admin": 200, "outsider": 404}
    for name in CAST:
        assert _status(client_as, name, url) == expected.get(name, 403), name
    assert (
        _status(client_as, "coordinator", reverse("recognition:pair_create", args=[cluster.slug]))
        == 200
    )
    assert (
        _status(client_as, "mentor", reverse("recognition:pair_create", args=[cluster.slug])) == 403
    )


def test_it_filters_recognitions_by_kind_and_year(client_as, cluster):
    url = reverse("recognition:list", args=[cluster.slug])
    page = client_as("coordinator").get(url, {"kind": "mentor_recognition"}).content.decode()
    assert "Eng yaxshi murabbiy" in page and "Tasviriy sanʼat haftaligi" not in page
    page = client_as("coordinator").get(url, {"year": "2019"}).content.decode()
    assert "Eng yaxshi murabbiy" not in page
    bad = client_as("coordinator").get(url, {"year": "abc"})
    assert bad.status_code == 200


def test_it_records_a_recognition_with_evidence_from_the_form(client_as, cluster, media):
    teacher = Person.objects.filter(kind="teacher", institution=person_of("head").institution)[0]
    url = reverse("recognition:create", args=[cluster.slug])
    data = {
        "person": teacher.pk,
        "kind": "award",
        "title": "Yil oʻqituvchisi",
        "date": "2026-05-01",
        "awarded_by": "Tuman boʻlimi",
        "evidence": pdf_upload("diplom.pdf"),
    }
    response = client_as("head").post(url, data)
    assert response.status_code == 302
    r = Recognition.objects.get(title="Yil oʻqituvchisi")
    assert r.evidence_name == "diplom.pdf"
    response = client_as("head").post(url, data | {"awarded_by": "", "evidence": ""})
    assert response.status_code == 200
    assert "Name the body" in response.content.decode()


def test_it_serves_the_evidence_in_scope_only(client_as, with_evidence):
    url = reverse("recognition:evidence", args=[with_evidence.pk])
    for name in CAST:
        expected = 200 if name in IN_CLUSTER else 404
        response = client_as(name).get(url)
        assert response.status_code == expected, name
        if expected == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_it_shows_a_pair_to_its_mentor_coordinators_and_analysts_only(client_as):
    pair = demo_pair()
    seen = {"coordinator", "mentor", "analyst", "admin"}
    for url in (
        reverse("recognition:pair", args=[pair.pk]),
        reverse("recognition:pair_history", args=[pair.pk]),
    ):
        for name in CAST:
            expected = 200 if name in seen else 404
            assert _status(client_as, name, url) == expected, (name, url)


def test_it_lets_the_mentor_record_a_meeting_and_refuses_the_analyst(client_as):
    pair = demo_pair()
    url = reverse("recognition:pair", args=[pair.pk])
    data = {"date": pair.starts_on.isoformat(), "topic": "Ochiq dars tahlili", "notes": "Yaxshi"}
    assert client_as("analyst").post(url, data).status_code == 403
    assert client_as("mentor").post(url, data).status_code == 302
    assert MentoringMeeting.objects.filter(pair=pair, topic="Ochiq dars tahlili").exists()
    bad = client_as("mentor").post(url, data | {"date": "2000-01-01"})
    assert bad.status_code == 200 and "outside the pair" in bad.content.decode()


def test_it_shows_a_persons_recognitions_to_those_who_see_the_person(client_as):
    person = person_of("mentor")
    url = reverse("recognition:person", args=[person.pk])
    seen = {"coordinator", "mentor", "admin"}
    for name in CAST:
        expected = 200 if name in seen else 404
        assert _status(client_as, name, url) == expected, name
    assert "Eng yaxshi murabbiy" in client_as("mentor").get(url).content.decode()


def test_it_hides_another_clusters_objects(client_as, media):
    recognition, pair = foreign_objects()
    urls = [
        reverse("recognition:history", args=[recognition.pk]),
        reverse("recognition:evidence", args=[recognition.pk]),
        reverse("recognition:pair", args=[pair.pk]),
        reverse("recognition:pair_history", args=[pair.pk]),
        reverse("recognition:person", args=[recognition.person_id]),
    ]
    for url in urls:
        for name in CAST:
            if name == "admin":
                continue
            assert _status(client_as, name, url) == 404, (name, url)


def test_it_shows_mentors_their_pairs_and_heads_their_staffs_recognitions(client_as):
    mentor_home = client_as("mentor").get("/").content.decode()
    assert "home-mentoring" in mentor_home and demo_pair().mentee.full_name in mentor_home
    head_home = client_as("head").get("/").content.decode()
    assert "home-recognitions" in head_home and "Yil oʻqituvchisi" in head_home


def test_it_shows_young_teacher_retention(client_as, cluster):
    page = client_as("coordinator").get(reverse("recognition:pairs", args=[cluster.slug]))
    rows = page.context["retention"]
    assert [r["year"] for r in rows] == [2024, 2025]
    assert rows[0]["teachers"] == 1 and rows[0]["shares"][0] == 1.0


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_runs_a_constant_number_of_queries(client_as, cluster):
    client = client_as("coordinator")
    pair = demo_pair()
    urls = [
        reverse("recognition:list", args=[cluster.slug]),
        reverse("recognition:pairs", args=[cluster.slug]),
        reverse("recognition:pair", args=[pair.pk]),
        reverse("recognition:person", args=[person_of("mentor").pk]),
    ]
    before = [_queries(client, url) for url in urls]
    teachers = list(
        Person.objects.filter(kind="teacher", institution__memberships__cluster=cluster)
        .exclude(mentor_pairs__isnull=False)
        .exclude(pk=person_of("mentor").pk)[:4]
    )
    for i, teacher in enumerate(teachers):
        p = services.pair_create(
            actor=None,
            cluster=cluster,
            mentor=person_of("mentor"),
            mentee=teacher,
            starts_on=datetime.date(2023, 9, 1 + i),
        )
        services.meeting_record(actor=None, pair=p, date=p.starts_on, topic=f"Mavzu {i}")
        services.meeting_record(actor=None, pair=pair, date=pair.starts_on, topic=f"Yana {i}")
        services.recognition_record(
            actor=None,
            cluster=cluster,
            person=person_of("mentor") if i % 2 else teacher,
            kind="award",
            title=f"Mukofot {i}",
            date=datetime.date(2026, 1, 1 + i),
            awarded_by="Vazirlik",
        )
    assert [_queries(client, url) for url in urls] == before
