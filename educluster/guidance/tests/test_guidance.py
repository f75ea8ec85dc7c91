from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from educluster.accounts.scoping import scope_for
from educluster.effectiveness.indicators import Context, Period
from educluster.effectiveness.indicators.guidance import guidance_reach
from educluster.guidance import selectors, services
from educluster.guidance.models import GuidanceEvent, Participation, PupilParticipant
from educluster.pathways.models import Learner, Stage
from educluster.registry.models import Cluster, District, Institution, Membership

pytestmark = pytest.mark.django_db

ROLES = ["coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"]


def _event(cluster, kind="open_day"):
    return GuidanceEvent.objects.get(cluster=cluster, kind=kind, is_demo=True)


def _pupil(cluster):
    """A pupil's pathway not yet linked to the open day."""
    return (
        Learner.objects.filter(cluster=cluster, person__isnull=True)
        .exclude(guidance_links__event__kind="open_day")
        .order_by("pk")
        .first()
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def other_event(cluster):
    other = Cluster.objects.create(
        name="Other",
        slug="other-guidance-cluster",
        lead_institution=cluster.lead_institution,
        region=cluster.region,
    )
    return GuidanceEvent.objects.create(
        cluster=other,
        organiser=cluster.lead_institution,
        kind="other",
        title="Boshqa klaster",
        date=date(2026, 1, 1),
    )


# --- the demo ---------------------------------------------------------------------------------


def test_it_loads_the_demo_with_reach_and_an_enrolment(cluster):
    reach = selectors.reach(cluster)
    assert reach == {"events": 4, "schools": 7, "pupils": 24 + 18 + 30 + 12 + 15 + 9 + 20}
    assert PupilParticipant.objects.filter(event__cluster=cluster).count() == 3
    rows = {r["kind"]: r for r in selectors.enrolment_by_kind(cluster)}
    assert rows[str(GuidanceEvent.Kind.OPEN_DAY.label)]["enrolled"] == 1
    assert sum(r["linked"] for r in rows.values()) == 3
    assert GuidanceEvent.objects.filter(cluster=cluster, date__gte=timezone.localdate()).exists()


# --- services ---------------------------------------------------------------------------------


def test_it_records_participation_once_per_school(cluster, cast):
    event = _event(cluster)
    part = event.participations.first()
    services.participation_record(
        event=event, school=part.school, pupils_count=7, grade=None, actor=cast["coordinator"]
    )
    assert Participation.objects.get(pk=part.pk).pupils_count == 7
    assert event.participations.filter(school=part.school).count() == 1


@pytest.mark.parametrize(
    ("count", "grade", "field"),
    [(0, None, "pupils_count"), (None, None, "pupils_count"), (5, 14, "grade")],
)
def test_it_rejects_bad_counts_naming_the_field(cluster, cast, count, grade, field):
    event = _event(cluster)
    school = event.participations.first().school
    with pytest.raises(ValidationError) as error:
        services.participation_record(
            event=event, school=school, pupils_count=count, grade=grade, actor=cast["coordinator"]
        )
    assert field in error.value.message_dict


def _outside() -> Institution:
    return Institution.objects.create(
        code="OUT-SCH-1",
        name="Tashqi maktab",
        kind="general_school",
        district=District.objects.order_by("pk")[0],
    )


def test_it_rejects_a_school_outside_the_cluster(cluster, cast):
    with pytest.raises(ValidationError) as error:
        services.participation_record(
            event=_event(cluster),
            school=_outside(),
            pupils_count=3,
            grade=None,
            actor=cast["coordinator"],
        )
    assert "school" in error.value.message_dict


def test_it_lets_a_head_record_only_their_own_school(cluster, cast):
    event = _event(cluster)
    head = cast["head"]
    own = Institution.objects.get(pk=next(iter(scope_for(head).headed_institution_ids)))
    services.participation_record(event=event, school=own, pupils_count=5, grade=8, actor=head)
    other = event.participations.exclude(school=own).first().school
    with pytest.raises(PermissionDenied):
        services.participation_record(
            event=event, school=other, pupils_count=5, grade=8, actor=head
        )
    with pytest.raises(PermissionDenied):
        services.participation_record(
            event=event, school=own, pupils_count=5, grade=8, actor=cast["student"]
        )


def test_it_links_a_pupil_only_with_consent(cluster, cast):
    event = _event(cluster)
    learner = _pupil(cluster)
    before = PupilParticipant.objects.count()
    with pytest.raises(ValidationError) as error:
        services.pupil_link(event=event, learner=learner, consent=False, actor=cast["coordinator"])
    assert "consent" in error.value.message_dict
    assert PupilParticipant.objects.count() == before
    link = services.pupil_link(
        event=event, learner=learner, consent=True, actor=cast["coordinator"]
    )
    assert link.consent and link.consent_recorded_by == cast["coordinator"]
    for role in ("student", "head", "analyst"):
        with pytest.raises(PermissionDenied):
            services.pupil_link(event=event, learner=learner, consent=True, actor=cast[role])


def test_it_refuses_a_pathway_of_another_cluster(cluster, cast, other_event):
    with pytest.raises((ValidationError, PermissionDenied)):
        services.pupil_link(
            event=other_event, learner=_pupil(cluster), consent=True, actor=cast["coordinator"]
        )
    with pytest.raises(ValidationError) as error:
        services.pupil_link(
            event=_event(cluster), learner=None, consent=True, actor=cast["coordinator"]
        )
    assert "learner" in error.value.message_dict


def test_it_counts_later_enrolment_at_the_cluster_university_only(cluster, cast):
    event = _event(cluster, "student_master_class")
    learner = _pupil(cluster)
    services.pupil_link(event=event, learner=learner, consent=True, actor=cast["coordinator"])
    kind = event.get_kind_display()

    def enrolled():
        return {r["kind"]: r["enrolled"] for r in selectors.enrolment_by_kind(cluster)}.get(kind, 0)

    before = enrolled()
    Stage.objects.create(
        learner=learner,
        kind=Stage.Kind.ADMISSION,
        start_year=event.date.year + 1,
        institution_name="Boshqa universitet",
    )
    assert enrolled() == before
    Stage.objects.create(
        learner=learner,
        kind=Stage.Kind.ADMISSION,
        start_year=event.date.year + 1,
        institution=Institution.objects.get(code="CHDPI-TSA"),
    )
    assert enrolled() == before + 1


def test_it_creates_an_event_for_a_member_only(cluster, cast):
    outside = _outside()
    with pytest.raises(ValidationError) as error:
        services.event_create(
            cluster=cluster,
            actor=cast["coordinator"],
            organiser=outside,
            kind="other",
            title="X",
            date=date(2026, 5, 1),
        )
    assert "organiser" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.event_create(
            cluster=cluster,
            actor=cast["student"],
            organiser=cluster.lead_institution,
            kind="other",
            title="X",
            date=date(2026, 5, 1),
        )


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_pages_to_each_role(client_as, cluster, role):
    event = _event(cluster)
    client = client_as(role)
    assert client.get(reverse("guidance:events", args=[cluster.slug])).status_code == 200
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    history = client.get(reverse("guidance:event_history", args=[event.pk]))
    assert history.status_code == 200
    keeper = role in ("coordinator", "admin")
    assert (response.context["link_form"] is not None) == keeper
    if not keeper:
        for learner in Learner.objects.filter(cluster=cluster).exclude(pupil_code=""):
            assert learner.pupil_code.encode() not in response.content
            assert learner.pupil_code.encode() not in history.content


def test_it_returns_404_to_an_outsider_and_for_another_cluster(client_as, cluster, other_event):
    client = client_as("outsider")
    assert client.get(reverse("guidance:events", args=[cluster.slug])).status_code == 404
    assert client.get(reverse("guidance:event_create", args=[cluster.slug])).status_code == 404
    for event in GuidanceEvent.objects.filter(cluster=cluster):
        assert client.get(event.get_absolute_url()).status_code == 404
        assert client.get(reverse("guidance:event_history", args=[event.pk])).status_code == 404
    for role in ("coordinator", "head", "student"):
        member = client_as(role)
        assert member.get(other_event.get_absolute_url()).status_code == 404
        url = reverse("guidance:event_history", args=[other_event.pk])
        assert member.get(url).status_code == 404


def test_it_lets_the_coordinator_create_an_event_and_a_student_not(client_as, cluster):
    url = reverse("guidance:event_create", args=[cluster.slug])
    assert client_as("student").get(url).status_code == 403
    organiser = _event(cluster).organiser
    response = client_as("coordinator").post(
        url,
        {"organiser": organiser.pk, "kind": "other", "title": "Kasb kuni", "date": "2026-05-01"},
    )
    assert response.status_code == 302
    assert GuidanceEvent.objects.filter(title="Kasb kuni").exists()
    bad = client_as("coordinator").post(url, {"organiser": organiser.pk, "kind": "other"})
    assert bad.status_code == 200 and "title" in bad.context["form"].errors


def test_it_records_a_school_from_the_page(client_as, cluster, cast):
    event = _event(cluster, "art_competition")  # organised by the department
    head = cast["head"]
    own = next(iter(scope_for(head).headed_institution_ids))
    data = {"action": "school", "school-school": own, "school-pupils_count": 6, "school-grade": 10}
    assert client_as("head").post(event.get_absolute_url(), data).status_code == 302
    assert event.participations.get(school_id=own).pupils_count == 6
    bad = client_as("head").post(event.get_absolute_url(), {**data, "school-pupils_count": 0})
    assert bad.status_code == 200 and "pupils_count" in bad.context["form"].errors
    data["school-school"] = cluster.lead_institution.pk  # not the head's school: not a choice
    bad = client_as("head").post(event.get_absolute_url(), data)
    assert "school" in bad.context["form"].errors
    assert client_as("student").post(event.get_absolute_url(), data).status_code == 403


def test_it_links_a_pathway_from_the_page_only_with_the_consent_box(client_as, cluster):
    event = _event(cluster)
    learner = _pupil(cluster)
    url = event.get_absolute_url()
    data = {"action": "pupil", "pupil-learner": learner.pk}
    response = client_as("coordinator").post(url, data)
    assert response.status_code == 200 and "consent" in response.context["link_form"].errors
    assert not event.pupils.filter(learner=learner).exists()
    assert client_as("coordinator").post(url, {**data, "pupil-consent": "on"}).status_code == 302
    assert event.pupils.filter(learner=learner).exists()
    assert client_as("head").post(url, {**data, "pupil-consent": "on"}).status_code == 403
    history = client_as("coordinator").get(reverse("guidance:event_history", args=[event.pk]))
    assert learner.pupil_code.encode() in history.content


def test_it_runs_constant_queries(client_as, cluster, cast):
    client = client_as("coordinator")
    url = reverse("guidance:events", args=[cluster.slug])
    event = _event(cluster)
    detail = event.get_absolute_url()
    before = (_count(client, url), _count(client, detail))
    schools = [p.school for p in event.participations.all()]
    for n in range(5):
        extra = services.event_create(
            cluster=cluster,
            actor=cast["coordinator"],
            organiser=event.organiser,
            kind="other",
            title=f"E{n}",
            date=event.date,
        )
        for school in schools:
            services.participation_record(
                event=extra, school=school, pupils_count=3, grade=None, actor=cast["coordinator"]
            )
    for i in range(3):
        learner = Learner.objects.create(
            cluster=cluster,
            pupil_code=f"GUID-{i}",
            consent_by="parent",
            consent_on=date(2026, 1, 1),
        )
        services.pupil_link(event=event, learner=learner, consent=True, actor=cast["coordinator"])
    for code in ("BOK-SCH-9", "QIB-SCH-11"):
        services.participation_record(
            event=event,
            school=Institution.objects.get(code=code),
            pupils_count=4,
            grade=7,
            actor=cast["coordinator"],
        )
    assert (_count(client, url), _count(client, detail)) == before


def test_it_shows_guidance_on_the_continuity_page_with_constant_queries(client_as, cluster, cast):
    client = client_as("analyst")
    url = reverse("pathways:overview", args=[cluster.slug])
    before = _count(client, url)
    response = client.get(url)
    assert b'id="continuity-guidance"' in response.content
    event = _event(cluster, "art_competition")
    for i in range(3):
        learner = Learner.objects.create(
            cluster=cluster,
            pupil_code=f"CONT-{i}",
            consent_by="parent",
            consent_on=date(2026, 1, 1),
        )
        services.pupil_link(event=event, learner=learner, consent=True, actor=cast["coordinator"])
    assert _count(client, url) == before
    for learner in Learner.objects.filter(cluster=cluster).exclude(pupil_code=""):
        assert learner.pupil_code.encode() not in response.content


def test_it_shows_upcoming_events_on_the_home_page(client_as, cluster):
    upcoming = GuidanceEvent.objects.get(cluster=cluster, kind="teacher_for_a_day")
    for role in ("coordinator", "head"):
        body = client_as(role).get(reverse("home") + "?all=1").content.decode()
        assert 'id="home-guidance"' in body and upcoming.title in body
    body = client_as("student").get(reverse("home") + "?all=1").content.decode()
    assert 'id="home-guidance"' not in body


# --- the effectiveness indicator --------------------------------------------------------------


def test_it_computes_guidance_reach_on_a_worked_example(cluster, cast):
    """Two events in 2030/2031 (one after "today" is left out): school A 10 + 5, school B 7;
    an event before the period is left out. Reach A = 15, B = 7, others 0; cluster 22."""
    a = Institution.objects.get(code="CHR-SCH-7")
    b = Institution.objects.get(code="BOK-SCH-18")
    c = Institution.objects.get(code="QIB-SCH-27")

    def event(day):
        return services.event_create(
            cluster=cluster,
            actor=cast["coordinator"],
            organiser=cluster.lead_institution,
            kind="open_day",
            title=f"Kun {day}",
            date=day,
        )

    first, second = event(date(2030, 10, 1)), event(date(2031, 3, 1))
    before, after = event(date(2030, 8, 1)), event(date(2031, 5, 1))
    for ev, school, n in [
        (first, a, 10),
        (second, a, 5),
        (second, b, 7),
        (before, c, 50),
        (after, c, 40),
    ]:
        services.participation_record(
            event=ev, school=school, pupils_count=n, grade=None, actor=cast["coordinator"]
        )
    members = dict(
        Membership.objects.filter(cluster=cluster).values_list(
            "institution_id", "institution__kind"
        )
    )
    ctx = Context(
        cluster=cluster,
        period=Period("2030/2031", "", date(2030, 9, 1), date(2031, 8, 31), 2030),
        members=members,
        today=date(2031, 4, 1),
    )
    figures = guidance_reach(ctx)["guidance_reach"]
    assert figures[a.pk].value == 15 and figures[a.pk].detail == {"pupils_reached": 15, "events": 2}
    assert figures[b.pk].value == 7
    assert figures[c.pk].value == 0
    assert cluster.lead_institution_id not in figures  # not a school
    assert figures[None].value == 22 and figures[None].detail["schools"] == 2
