"""Activities at any member of the cluster, the university included, with no School-Lab."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from educluster.accounts.models import Person
from educluster.registry.models import District, Institution
from educluster.schoollabs import services
from educluster.schoollabs.models import Activity, CalendarToken

pytestmark = pytest.mark.django_db

TOPIC = "Kafedra koʻrgazmasi: talabalar ijodiy ishlari"
MEMBERS = ["coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"]


@pytest.fixture
def department(db):
    return Institution.objects.get(code="CHDPI-TSA")


@pytest.fixture
def seminar(cast, cluster, department):
    """A seminar for teachers at the university department, made through the service."""
    return services.activity_save(
        actor=cast["coordinator"],
        activity=Activity(
            cluster=cluster,
            institution=department,
            kind=Activity.Kind.TEACHER_SEMINAR,
            topic="Interfaol metodlar boʻyicha seminar",
            date=date(2026, 10, 21),
            start_time=time(14, 0),
            end_time=time(15, 30),
        ),
        faculty=[cast["faculty"].person],
    )


def _form_data(department, **extra):
    data = {
        "kind": "exhibition",
        "institution": department.pk,
        "topic": TOPIC,
        "date": "2026-10-14",
        "start_time": "",
        "end_time": "",
        "goal": "",
        "methods": "",
        "outcomes": "",
        "classes-TOTAL_FORMS": "1",
        "classes-INITIAL_FORMS": "0",
        "classes-MIN_NUM_FORMS": "0",
        "classes-MAX_NUM_FORMS": "30",
        "classes-0-class_label": "",
        "classes-0-pupils": "",
    }
    data.update(extra)
    return data


def test_it_creates_an_activity_at_the_university_through_its_page(client_as, cluster, department):
    url = reverse("schoollabs:activity_create_anywhere", args=[cluster.slug])
    client = client_as("coordinator")
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(department))
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get(topic=TOPIC)
    assert activity.lab is None
    assert (activity.cluster, activity.institution) == (cluster, department)
    assert activity.place == str(department)
    assert response["Location"] == activity.get_absolute_url()


def test_it_creates_one_through_the_service(seminar, cluster, department):
    seminar.refresh_from_db()
    assert seminar.lab_id is None and seminar.cluster == cluster
    assert seminar.institution == department
    assert list(seminar.faculty.values_list("user__username", flat=True)) == ["faculty"]


def test_it_refuses_a_lab_kind_without_a_lab_with_a_clear_message(cast, cluster, department):
    for kind in ("experimental_lesson", "practice_session", "observation"):
        with translation.override(None):
            with pytest.raises(ValidationError) as refused:
                services.activity_save(
                    actor=cast["coordinator"],
                    activity=Activity(
                        cluster=cluster,
                        institution=department,
                        kind=kind,
                        topic="Tajriba darsi",
                        date=date(2026, 10, 1),
                    ),
                )
            label = str(Activity.Kind(kind).label)
            assert refused.value.message_dict["lab"] == [
                f"{label} takes place at a School-Lab: choose the lab."
            ]
    assert not Activity.objects.filter(topic="Tajriba darsi").exists()


def test_it_does_not_offer_lab_kinds_on_the_page_and_refuses_them(client_as, cluster, department):
    url = reverse("schoollabs:activity_create_anywhere", args=[cluster.slug])
    client = client_as("coordinator")
    kinds = {value for value, _label in client.get(url).context["form"].fields["kind"].choices}
    assert "exhibition" in kinds and "teacher_seminar" in kinds
    assert not kinds & {"experimental_lesson", "practice_session", "observation"}
    response = client.post(url, _form_data(department, kind="experimental_lesson"))
    assert response.status_code == 200
    assert response.context["form"].errors["kind"]
    assert not Activity.objects.filter(topic=TOPIC).exists()


def test_it_refuses_a_place_outside_the_cluster(client_as, cluster):
    outside = Institution.objects.exclude(memberships__cluster=cluster).first()
    if outside is None:
        outside = Institution.objects.create(
            name="Boshqa tashkilot", kind="other", district=District.objects.first()
        )
    url = reverse("schoollabs:activity_create_anywhere", args=[cluster.slug])
    response = client_as("coordinator").post(url, _form_data(outside))
    assert response.status_code == 200
    assert response.context["form"].errors["institution"]
    assert not Activity.objects.filter(topic=TOPIC).exists()


def test_it_shows_in_the_clusters_calendar(client_as, cluster, seminar):
    page = client_as("student").get(
        reverse("schoollabs:calendar", args=[cluster.slug]), {"month": "2026-10"}
    )
    placed = [a for week in page.context["grid"].weeks for d in week for a in d.items]
    assert seminar in placed
    assert seminar.get_absolute_url() in page.content.decode()


def test_it_shows_in_the_activity_list(client_as, cluster, seminar):
    page = client_as("faculty").get(reverse("schoollabs:activities", args=[cluster.slug]))
    assert seminar.get_absolute_url() in page.content.decode()


def _events(text: str) -> list[str]:
    unfolded = text.replace("\r\n ", "")
    return unfolded.split("BEGIN:VEVENT")[1:]


def test_it_is_in_the_clusters_ical_download_and_feed(
    client, client_as, cast, cluster, seminar, department
):
    uid = f"UID:schoollab-activity-{seminar.pk}@educluster"
    download = client_as("mentor").get(reverse("schoollabs:cluster_ical", args=[cluster.slug]))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/calendar")
    event = next(e for e in _events(download.content.decode()) if uid in e)
    assert "LOCATION:" + department.name in event
    assert "DTSTART;TZID=Asia/Tashkent:20261021T140000" in event or "20261021T" in event
    token = CalendarToken.objects.create(user=cast["mentor"]).token
    feed = client.get(reverse("schoollabs:cluster_feed", args=[token, cluster.slug]))
    assert feed.status_code == 200 and uid in feed.content.decode().replace("\r\n ", "")


def test_it_keeps_the_feed_from_an_outsiders_token(client, cast, cluster, seminar):
    token = CalendarToken.objects.create(user=cast["outsider"]).token
    feed = client.get(reverse("schoollabs:cluster_feed", args=[token, cluster.slug]))
    assert feed.status_code == 404


def test_it_shows_the_activity_to_every_role_of_the_cluster(client_as, seminar):
    url = seminar.get_absolute_url()
    for name in MEMBERS:
        page = client_as(name).get(url)
        assert page.status_code == 200, name
        assert seminar.topic in page.content.decode()
    # Names of participants for people of the members; analysts read counts only.
    faculty = Person.objects.get(user__username="faculty").full_name
    assert faculty in client_as("head").get(url).content.decode()
    assert faculty not in client_as("analyst").get(url).content.decode()


def test_it_lets_only_coordinators_manage_it(client_as, cluster, seminar):
    edit = reverse("schoollabs:activity_edit", args=[seminar.pk])
    create = reverse("schoollabs:activity_create_anywhere", args=[cluster.slug])
    for name in ("coordinator", "admin"):
        assert client_as(name).get(edit).status_code == 200, name
        assert client_as(name).get(create).status_code == 200, name
    # ``head`` heads a Chirchiq school, not the department where the seminar is.
    for name in ("head", "faculty", "student", "mentor", "analyst"):
        assert client_as(name).get(edit).status_code == 403, name
        assert client_as(name).get(create).status_code == 403, name
        delete = reverse("schoollabs:activity_delete", args=[seminar.pk])
        assert client_as(name).post(delete).status_code == 403, name
    assert Activity.objects.filter(pk=seminar.pk).exists()


def test_it_lets_the_head_of_the_place_manage_it(client_as, cast, cluster):
    school = cast["head"].person.institution
    activity = services.activity_save(
        actor=cast["coordinator"],
        activity=Activity(
            cluster=cluster,
            institution=school,
            kind=Activity.Kind.CLUB_SESSION,
            topic="Toʻgarak: milliy naqsh",
            date=date(2026, 11, 4),
        ),
    )
    edit = reverse("schoollabs:activity_edit", args=[activity.pk])
    assert client_as("head").get(edit).status_code == 200


def test_it_edits_it_without_a_lab(client_as, seminar, department):
    url = reverse("schoollabs:activity_edit", args=[seminar.pk])
    response = client_as("coordinator").post(
        url,
        _form_data(
            department, kind="teacher_seminar", topic="Seminar: raqamli grafika", date="2026-10-22"
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    seminar.refresh_from_db()
    assert seminar.topic == "Seminar: raqamli grafika" and seminar.lab_id is None


def test_it_answers_an_outsider_with_404_on_its_object_urls(client_as, cluster, seminar):
    client = client_as("outsider")
    for url in (
        seminar.get_absolute_url(),
        reverse("schoollabs:activity_edit", args=[seminar.pk]),
        reverse("schoollabs:activity_history", args=[seminar.pk]),
        reverse("schoollabs:activities", args=[cluster.slug]),
        reverse("schoollabs:calendar", args=[cluster.slug]),
        reverse("schoollabs:cluster_ical", args=[cluster.slug]),
        reverse("schoollabs:activity_create_anywhere", args=[cluster.slug]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("schoollabs:activity_delete", args=[seminar.pk]),
        reverse("schoollabs:evidence_add", args=[seminar.pk]),
        reverse("schoollabs:award_add", args=[seminar.pk]),
    ):
        assert client.post(url).status_code == 404, url
    assert Activity.objects.filter(pk=seminar.pk).exists()
