"""Project pages run a constant number of SQL queries whatever the data size."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.projects import services
from educluster.projects.models import Deliverable, Milestone
from educluster.projects.tests.support import faculty_project, person_of
from educluster.registry.models import Institution
from educluster.schoollabs.models import SchoolLab


def _grow(cluster, n: int) -> None:
    """n more projects, each with goals, partners, School-Labs, a team, a milestone and a
    deliverable; and n more students of the department."""
    today = timezone.localdate()
    department = cluster.lead_institution
    goals = list(cluster.goals.all())
    lab = SchoolLab.objects.get(host__code="CHR-SCH-3")
    partner = Institution.objects.get(code="BA-TV")
    leader = person_of("faculty")
    for i in range(n):
        student = Person.objects.create(
            full_name=f"Talaba {i}",
            kind="student",
            institution=department,
            study_level="bachelor",
            study_year=1 + i % 4,
            programme="60110800 – Tasviriy sanʼat va muhandislik grafikasi",
        )
        project = services.project_create(
            actor=None,
            cluster=cluster,
            title=f"Qoʻshimcha loyiha {i}",
            area="research",
            leader=leader,
            start_date=today - timedelta(days=30),
            end_date=today + timedelta(days=300),
            goals=goals[:2],
            partners=[partner],
            labs=[lab],
        )
        services.team_member_add(actor=None, project=project, person=student)
        services.milestone_save(
            actor=None, milestone=Milestone(project=project, title="Bosqich", due_date=today)
        )
        services.deliverable_save(
            actor=None,
            deliverable=Deliverable(
                project=project, kind="dataset", title="Maʼlumotlar", link="https://example.uz"
            ),
            authors=[student],
        )
        services.project_transition(actor=None, project=project, status="approved")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "user"),
    [
        ("projects:list", "analyst"),
        ("projects:students", "coordinator"),
        ("projects:goals", "mentor"),
    ],
)
def test_it_runs_the_same_number_of_queries_for_more_data(name, user, client_as, cluster):
    client = client_as(user)
    url = reverse(name, args=[cluster.slug])
    before = _count(client, url)
    _grow(cluster, 15)
    assert _count(client, url) == before


def test_it_runs_the_same_number_of_queries_on_a_goal_page(client_as, cluster):
    client = client_as("coordinator")
    url = reverse("projects:goal", args=[cluster.slug, cluster.goals.get(number=1).pk])
    before = _count(client, url)
    _grow(cluster, 10)
    assert _count(client, url) == before


def test_it_runs_the_same_number_of_queries_on_a_project_page(client_as, cluster):
    client = client_as("faculty")
    project = faculty_project()
    url = reverse("projects:project", args=[project.pk])
    before = _count(client, url)
    today = timezone.localdate()
    for i, person in enumerate(
        Person.objects.filter(institution=cluster.lead_institution, kind="student")
        .exclude(project_memberships__project=project)
        .order_by("pk")[:10]
    ):
        services.team_member_add(actor=None, project=project, person=person)
        services.milestone_save(
            actor=None,
            milestone=Milestone(project=project, title=f"Bosqich {i}", due_date=today),
        )
        services.deliverable_save(
            actor=None,
            deliverable=Deliverable(
                project=project, kind="manual", title=f"Qoʻllanma {i}", link="https://example.uz"
            ),
            authors=[person],
        )
    assert _count(client, url) == before
