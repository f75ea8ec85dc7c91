"""Every project page, file and export as every member of the cast, the outsider and an
anonymous visitor: 200 inside the role, 403 for an action outside it, 404 outside the scope."""

import pytest
from django.urls import reverse

from educluster.conftest import CAST
from educluster.projects import services
from educluster.projects.models import Deliverable
from educluster.projects.tests.support import faculty_project, other_project, pdf_upload

READERS = {"coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"}
MANAGERS = {"coordinator", "admin"}
LEADER = MANAGERS | {"faculty"}


def expect(allowed: set[str]) -> dict[str, int]:
    return {name: 200 if name in allowed else (404 if name == "outsider" else 403) for name in CAST}


@pytest.fixture
def pages(cluster, cast, media):
    project, other = faculty_project(), other_project()
    deliverable = services.deliverable_save(
        actor=cast["faculty"],
        deliverable=Deliverable(project=project, kind="publication", title="Maqola"),
        upload=pdf_upload(),
    )
    milestone = project.milestones.first()
    goal = cluster.goals.get(number=2)
    slug = cluster.slug
    p = project.pk
    return [
        (reverse("projects:list", args=[slug]), expect(READERS)),
        (reverse("projects:list", args=[slug]) + "?export=xlsx", expect(READERS)),
        (reverse("projects:create", args=[slug]), expect(LEADER)),
        (reverse("projects:students", args=[slug]), expect(READERS)),
        (reverse("projects:students", args=[slug]) + "?export=xlsx", expect(LEADER)),
        (reverse("projects:goals", args=[slug]), expect(READERS)),
        (reverse("projects:goal", args=[slug, goal.pk]), expect(READERS)),
        (reverse("projects:project", args=[p]), expect(READERS)),
        (reverse("projects:history", args=[p]), expect(READERS)),
        (reverse("projects:pdf", args=[p]), expect(READERS)),
        (reverse("projects:deliverable_file", args=[p, deliverable.pk]), expect(READERS)),
        (reverse("projects:edit", args=[p]), expect(LEADER)),
        (reverse("projects:edit", args=[other.pk]), expect(MANAGERS)),
        (reverse("projects:team_add", args=[p]), expect(LEADER)),
        (reverse("projects:team_add", args=[other.pk]), expect(MANAGERS)),
        (reverse("projects:milestone_create", args=[p]), expect(LEADER)),
        (reverse("projects:milestone_edit", args=[p, milestone.pk]), expect(LEADER)),
        (reverse("projects:deliverable_create", args=[p]), expect(LEADER)),
        (reverse("projects:deliverable_edit", args=[p, deliverable.pk]), expect(LEADER)),
    ]


def test_it_answers_every_page_by_role(pages, client_as):
    failures = []
    for name in CAST:
        client = client_as(name)
        for url, expected in pages:
            status = client.get(url).status_code
            if status != expected[name]:
                failures.append(f"{name} {url}: {status} != {expected[name]}")
    assert not failures, "\n".join(failures)


def test_it_sends_anonymous_visitors_to_login(pages, client_as):
    client = client_as("anonymous")
    for url, _expected in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_it_refuses_posts_outside_the_role(client_as, cluster):
    project = faculty_project()
    member = project.team.first()
    milestone = project.milestones.first()
    deliverable = project.deliverables.first()
    indicator = cluster.goals.get(number=4).indicators.first()
    posts = [
        reverse("projects:status", args=[project.pk]),
        reverse("projects:team_remove", args=[project.pk, member.pk]),
        reverse("projects:milestone_complete", args=[project.pk, milestone.pk]),
        reverse("projects:milestone_delete", args=[project.pk, milestone.pk]),
        reverse("projects:deliverable_delete", args=[project.pk, deliverable.pk]),
        reverse("projects:indicator_measure", args=[cluster.slug, indicator.pk]),
        reverse("projects:indicator_refresh", args=[cluster.slug, indicator.pk]),
    ]
    for url in posts:
        assert client_as("student").post(url, {"status": "completed"}).status_code == 403, url
        assert client_as("mentor").post(url, {"status": "completed"}).status_code == 403, url
        assert client_as("outsider").post(url, {"status": "completed"}).status_code == 404, url
        assert client_as("anonymous").post(url).status_code == 302, url
    assert project.team.filter(pk=member.pk).exists()
    assert project.deliverables.filter(pk=deliverable.pk).exists()


def test_it_hides_another_clusters_project_as_not_found(client_as, cast):
    from educluster.projects.models import Project
    from educluster.projects.tests.support import other_cluster

    cluster, goal, student = other_cluster()
    foreign = services.project_create(
        actor=None,
        cluster=cluster,
        title="Begona loyiha",
        area="research",
        leader=student,
        start_date=faculty_project().start_date,
        end_date=faculty_project().end_date,
        goals=[goal],
    )
    assert Project.objects.filter(pk=foreign.pk).exists()
    for name in ("coordinator", "faculty", "head", "student", "analyst"):
        client = client_as(name)
        assert client.get(reverse("projects:project", args=[foreign.pk])).status_code == 404
        assert client.get(reverse("projects:pdf", args=[foreign.pk])).status_code == 404
    assert client_as("admin").get(reverse("projects:project", args=[foreign.pk])).status_code == 200


def test_it_shows_each_students_involvement_only_to_those_allowed(client_as, cluster):
    url = reverse("projects:students", args=[cluster.slug])
    student = client_as("student").get(url)
    rows = student.context["page"].object_list
    assert [p.user.username for p in rows] == ["student"]
    assert len(client_as("mentor").get(url).context["page"].object_list) == 0
    assert client_as("faculty").get(url).context["page"].paginator.count > 40
