import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from educluster.accounts.models import Person
from educluster.development import services
from educluster.development.models import Certificate, DevelopmentEvent
from educluster.registry.models import Institution

pytestmark = pytest.mark.django_db

READERS = ["coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"]


@pytest.fixture(autouse=True)
def english(cast):
    """These tests read the pages' English messages; the cast reads Uzbek by default."""
    for user in cast.values():
        user.preferred_language = "en"
        user.save(update_fields=["preferred_language"])


def _mentor_certificate():
    return Certificate.objects.get(registration__person__user__username="mentor")


def test_it_shows_the_list_and_event_to_cluster_roles_and_404_to_outsiders(
    client_as, cluster, seminar
):
    urls = [
        reverse("development:list", args=[cluster.slug]),
        reverse("development:event", args=[seminar.pk]),
        reverse("development:history", args=[seminar.pk]),
    ]
    for name in READERS:
        for url in urls:
            assert client_as(name).get(url).status_code == 200, (name, url)
    for url in urls:
        assert client_as("outsider").get(url).status_code == 404
        assert client_as("anonymous").get(url).status_code == 302


def test_it_hides_another_clusters_event(client_as, cluster, seminar):
    from educluster.registry.models import Cluster

    other = Cluster.objects.create(
        name="Other",
        slug="other-cluster",
        lead_institution=cluster.lead_institution,
        region=cluster.region,
    )
    event = DevelopmentEvent.objects.create(
        cluster=other,
        organiser=seminar.organiser,
        kind="seminar",
        title="Hidden",
        starts_at=seminar.starts_at,
        ends_at=seminar.ends_at,
        hours=1,
    )
    assert client_as("mentor").get(event.get_absolute_url()).status_code == 404
    assert client_as("head").get(event.get_absolute_url()).status_code == 404


def test_it_shows_the_organiser_attendance_and_qr_only_to_organisers(client_as, open_event):
    url = open_event.get_absolute_url()
    for name in ("coordinator", "admin"):
        page = client_as(name).get(url).content.decode()
        assert 'id="registrations"' in page and "<svg" in page, name
    for name in ("mentor", "student", "analyst", "faculty"):
        page = client_as(name).get(url).content.decode()
        assert 'id="registrations"' not in page and "<svg" not in page, name


def test_it_lets_the_mentor_register_check_in_and_the_organiser_close(client_as, cast, open_event):
    mentor = client_as("mentor")
    response = mentor.post(reverse("development:register", args=[open_event.pk]))
    assert response.status_code == 302
    reg = open_event.registrations.get(person__user=cast["mentor"])
    token = services.checkin_token(open_event)
    page = mentor.get(reverse("development:checkin", args=[token]))
    assert page.status_code == 200 and 'id="checkin-done"' in page.content.decode()
    reg.refresh_from_db()
    assert reg.attended is True
    bad = mentor.get(reverse("development:checkin", args=[token[:-2] + "zz"]))
    assert bad.status_code == 400 and "not valid" in bad.content.decode()
    # A student may not organise.
    assert (
        client_as("mentor").post(reverse("development:close", args=[open_event.pk])).status_code
        == 403
    )
    assert (
        client_as("outsider").post(reverse("development:close", args=[open_event.pk])).status_code
        == 404
    )
    client_as("coordinator").post(reverse("development:close", args=[open_event.pk]))
    assert Certificate.objects.filter(registration=reg).exists()


def test_it_refuses_registration_by_a_student(client_as, open_event):
    response = client_as("student").post(reverse("development:register", args=[open_event.pk]))
    assert response.status_code == 403
    assert not open_event.registrations.exists()


def test_the_attendance_form_marks_who_attended(client_as, cast, open_event):
    reg = services.registration_create(
        event=open_event, person=Person.objects.get(user__username="mentor")
    )
    client_as("coordinator").post(
        reverse("development:attendance", args=[open_event.pk]), {"attended": [reg.pk]}
    )
    reg.refresh_from_db()
    assert reg.attended is True and reg.marked_by == cast["coordinator"]


def test_it_creates_an_event_with_clear_errors(client_as, cluster):
    url = reverse("development:create", args=[cluster.slug])
    assert client_as("student").get(url).status_code == 403
    head_school = Institution.objects.get(code="CHR-SCH-3")
    data = {
        "kind": "seminar",
        "title": "Head's seminar",
        "organiser": head_school.pk,
        "starts_at": "2027-01-10T10:00",
        "ends_at": "2027-01-10T09:00",
        "hours": "2",
    }
    page = client_as("head").post(url, data)
    assert page.status_code == 200 and "must end after it starts" in page.content.decode()
    data["ends_at"] = "2027-01-10T12:00"
    assert client_as("head").post(url, data).status_code == 302
    assert DevelopmentEvent.objects.filter(title="Head's seminar", organiser=head_school).exists()


def test_the_certificate_pdf_is_for_its_person_organiser_and_coordinator_only(client_as):
    cert = _mentor_certificate()
    url = reverse("development:certificate_pdf", args=[cert.pk])
    for name in ("mentor", "coordinator", "faculty", "admin"):  # faculty: organising department
        response = client_as(name).get(url)
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf"
    for name in ("head", "student", "analyst", "outsider"):
        assert client_as(name).get(url).status_code == 404, name


def test_the_pdf_opens_and_holds_the_name_in_cyrillic_and_latin(client_as):
    cert = _mentor_certificate()
    person = cert.registration.person
    url = reverse("development:certificate_pdf", args=[cert.pk])
    text = PdfReader(io.BytesIO(client_as("mentor").get(url).content)).pages[0].extract_text()
    assert "Qodirova" in text and cert.code in text
    person.full_name = "Қодирова Нилуфар Эргашевна"
    person.save()
    text = PdfReader(io.BytesIO(client_as("mentor").get(url).content)).pages[0].extract_text()
    assert "Қодирова" in text


def test_the_verification_page_shows_only_the_allowed_fields(client, cast):
    cert = _mentor_certificate()
    page = client.get(reverse("development:verify_code", args=[cert.code]))
    body = page.content.decode()
    assert page.status_code == 200
    assert cert.registration.person.full_name in body
    assert cert.registration.event.title in body
    person = cert.registration.person
    assert person.email not in body and str(person.institution.name) not in body
    assert (
        client.get(reverse("development:verify") + "?code=" + cert.code.lower()).status_code == 302
    )


def test_the_verification_page_refuses_a_forged_code(client):
    cert = _mentor_certificate()
    forged = cert.code[:-1] + ("A" if cert.code[-1] != "A" else "B")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # an English-reading visitor
    page = client.get(reverse("development:verify_code", args=[forged]))
    assert page.status_code == 404
    body = page.content.decode()
    assert "No certificate with this code" in body
    assert cert.registration.person.full_name not in body


def test_my_development_and_home_show_hours(client_as):
    page = client_as("mentor").get(reverse("development:mine")).content.decode()
    assert _mentor_certificate().code in page
    home = client_as("mentor").get("/").content.decode()
    assert 'id="home-development"' in home
    assert client_as("outsider").get(reverse("development:mine")).status_code == 404


def test_staff_totals_highlight_below_norm_for_the_head_only(client_as, cluster):
    url = reverse("development:staff", args=[cluster.slug])
    page = client_as("head").get(url)
    assert page.status_code == 200 and "below-norm" in page.content.decode()
    for name in ("mentor", "student", "outsider"):
        assert client_as(name).get(url).status_code == 404, name


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_run_a_constant_number_of_queries(client_as, cluster, open_event, seminar):
    urls = [
        reverse("development:list", args=[cluster.slug]),
        reverse("development:event", args=[open_event.pk]),
        reverse("development:staff", args=[cluster.slug]),
        reverse("development:mine"),
    ]
    clients = {"coordinator": client_as("coordinator"), "head": client_as("head")}
    mine = client_as("mentor")
    before = [
        _count(clients["coordinator"], urls[0]),
        _count(clients["coordinator"], urls[1]),
        _count(clients["head"], urls[2]),
        _count(mine, urls[3]),
    ]
    teachers = list(Person.objects.filter(kind="teacher")[:2])
    open_event.capacity = None
    open_event.save()
    for p in teachers:
        services.registration_create(event=open_event, person=p)
    now = timezone.now()
    for i in range(3):
        e = services.event_create(
            actor=None,
            cluster=cluster,
            organiser=seminar.organiser,
            kind="course",
            title=f"More {i}",
            starts_at=now - timedelta(days=1),
            ends_at=now,
            hours=Decimal(2),
        )
        r = services.registration_create(
            event=e, person=Person.objects.get(user__username="mentor")
        )
        services.attendance_mark(actor=None, event=e, attended_ids={r.pk})
        services.attendance_close(actor=None, event=e)
    after = [
        _count(clients["coordinator"], urls[0]),
        _count(clients["coordinator"], urls[1]),
        _count(clients["head"], urls[2]),
        _count(mine, urls[3]),
    ]
    assert before == after
