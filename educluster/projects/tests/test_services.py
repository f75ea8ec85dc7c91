"""Project lifecycle and the rules of alignment, team, milestones and deliverables."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from educluster.core.history import history_entries
from educluster.projects import services
from educluster.projects.models import Deliverable, Milestone, Project, TeamMember
from educluster.projects.tests.support import (
    faculty_project,
    other_cluster,
    pdf_upload,
    person_of,
)


@pytest.fixture
def proposal(cluster, cast):
    today = timezone.localdate()
    return services.project_create(
        actor=cast["faculty"],
        cluster=cluster,
        title="Bolalar rasmlarida milliy ramzlar",
        area=Project.Area.RESEARCH,
        leader=person_of("faculty"),
        start_date=today - timedelta(days=10),
        end_date=today + timedelta(days=200),
    )


def test_it_refuses_to_approve_a_project_that_serves_no_goal(proposal, cast, cluster):
    with pytest.raises(ValidationError) as error:
        services.project_transition(actor=cast["coordinator"], project=proposal, status="approved")
    assert "goals" in error.value.message_dict
    assert Project.objects.get(pk=proposal.pk).status == "proposed"

    services.project_update(
        actor=cast["faculty"], project=proposal, goals=[cluster.goals.get(number=4)]
    )
    for status in ("approved", "running", "completed"):
        services.project_transition(actor=cast["coordinator"], project=proposal, status=status)
    assert Project.objects.get(pk=proposal.pk).status == "completed"


def test_it_moves_only_along_the_lifecycle(proposal, cast, cluster):
    with pytest.raises(ValidationError) as error:
        services.project_transition(actor=cast["coordinator"], project=proposal, status="running")
    assert "status" in error.value.message_dict
    services.project_transition(actor=cast["coordinator"], project=proposal, status="cancelled")
    with pytest.raises(ValidationError):
        services.project_transition(actor=cast["coordinator"], project=proposal, status="approved")
    # A closed project takes no new team members or milestones.
    with pytest.raises(ValidationError):
        services.team_member_add(
            actor=cast["faculty"], project=proposal, person=person_of("student")
        )


def test_it_refuses_a_goal_of_another_cluster(proposal, cast):
    _cluster, foreign_goal, _student = other_cluster()
    with pytest.raises(ValidationError) as error:
        services.project_update(actor=cast["faculty"], project=proposal, goals=[foreign_goal])
    assert "goals" in error.value.message_dict
    assert not proposal.goals.exists()


def test_it_refuses_to_drop_the_last_goal_of_an_approved_project(cast):
    project = faculty_project()
    with pytest.raises(ValidationError) as error:
        services.project_update(actor=cast["coordinator"], project=project, goals=[])
    assert "goals" in error.value.message_dict
    assert project.goals.count() == 2


def test_it_refuses_a_milestone_after_the_project_end(proposal, cast):
    late = proposal.end_date + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.milestone_save(
            actor=cast["faculty"],
            milestone=Milestone(project=proposal, title="Yakuniy hisobot", due_date=late),
        )
    assert late.isoformat() in error.value.message_dict["due_date"][0]
    assert not proposal.milestones.exists()


def test_it_refuses_an_end_date_before_a_milestone(proposal, cast):
    services.milestone_save(
        actor=cast["faculty"],
        milestone=Milestone(project=proposal, title="Hisobot", due_date=proposal.end_date),
    )
    with pytest.raises(ValidationError) as error:
        services.project_update(
            actor=cast["faculty"], project=proposal, end_date=proposal.end_date - timedelta(1)
        )
    assert "end_date" in error.value.message_dict


def test_it_refuses_a_student_from_another_cluster(proposal, cast):
    _cluster, _goal, stranger = other_cluster()
    with pytest.raises(ValidationError) as error:
        services.team_member_add(actor=cast["faculty"], project=proposal, person=stranger)
    assert stranger.full_name in error.value.message_dict["person"][0]
    assert not proposal.team.exists()


def test_it_puts_a_student_on_the_team_with_a_student_role(proposal, cast):
    member = services.team_member_add(
        actor=cast["faculty"], project=proposal, person=person_of("student")
    )
    assert member.role == TeamMember.Role.STUDENT_RESEARCHER
    assert member.joined_on == timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.team_member_add(actor=cast["faculty"], project=proposal, person=member.person)
    assert "person" in error.value.message_dict


def test_it_refuses_a_deliverable_with_no_file_or_link(proposal, cast):
    with pytest.raises(ValidationError) as error:
        services.deliverable_save(
            actor=cast["faculty"],
            deliverable=Deliverable(project=proposal, kind="publication", title="Maqola"),
        )
    assert {"file", "link"} <= set(error.value.message_dict)
    assert not proposal.deliverables.exists()


def test_it_checks_a_deliverable_file_by_content(proposal, cast, media):
    fake = pdf_upload("maqola.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(ValidationError) as error:
        services.deliverable_save(
            actor=cast["faculty"],
            deliverable=Deliverable(project=proposal, kind="publication", title="Maqola"),
            upload=fake,
        )
    assert "file" in error.value.message_dict
    saved = services.deliverable_save(
        actor=cast["faculty"],
        deliverable=Deliverable(project=proposal, kind="publication", title="Maqola"),
        upload=pdf_upload("maqola.pdf"),
    )
    assert saved.file_name == "maqola.pdf" and not saved.file.name.endswith("maqola.pdf")


def test_it_refuses_deliverable_authors_outside_the_team(proposal, cast):
    with pytest.raises(ValidationError) as error:
        services.deliverable_save(
            actor=cast["faculty"],
            deliverable=Deliverable(
                project=proposal, kind="manual", title="Qoʻllanma", link="https://example.uz/q"
            ),
            authors=[person_of("student")],
        )
    assert "authors" in error.value.message_dict


def test_it_keeps_a_leaving_author_on_record(proposal, cast):
    student = person_of("student")
    member = services.team_member_add(actor=cast["faculty"], project=proposal, person=student)
    services.deliverable_save(
        actor=cast["faculty"],
        deliverable=Deliverable(
            project=proposal, kind="dataset", title="Maʼlumotlar", link="https://example.uz/d"
        ),
        authors=[student],
    )
    services.team_member_remove(actor=cast["faculty"], member=member)
    member.refresh_from_db()
    assert member.left_on == timezone.localdate()


def test_it_records_who_changed_the_project(proposal, cast):
    services.project_update(actor=cast["coordinator"], project=proposal, summary="Yangi bayon")
    entry = history_entries(proposal)[0]
    assert entry.who == cast["coordinator"].display_name
    assert entry.changes[0].new == "Yangi bayon"


def test_it_shows_the_milestone_error_at_the_field(client_as, cast):
    project = faculty_project()
    late = project.end_date + timedelta(days=3)
    response = client_as("faculty").post(
        reverse("projects:milestone_create", args=[project.pk]),
        {"title": "Kechikkan bosqich", "due_date": late.isoformat()},
    )
    assert response.status_code == 200
    assert late.isoformat() in response.context["form"].errors["due_date"][0]


def test_it_lets_the_leader_start_a_project_but_only_the_coordinator_approve(client_as, proposal):
    url = reverse("projects:status", args=[proposal.pk])
    assert client_as("faculty").post(url, {"status": "approved"}).status_code == 403
    assert client_as("student").post(url, {"status": "cancelled"}).status_code == 403
    assert client_as("outsider").post(url, {"status": "approved"}).status_code == 404
    client_as("coordinator").post(url, {"status": "approved"})
    assert Project.objects.get(pk=proposal.pk).status == "proposed"  # serves no goal yet
    proposal.goals.add(proposal.cluster.goals.first())
    client_as("coordinator").post(url, {"status": "approved"})
    client_as("faculty").post(url, {"status": "running"})
    assert Project.objects.get(pk=proposal.pk).status == "running"


def test_it_proposes_a_project_from_the_page(client_as, cluster):
    goal = cluster.goals.get(number=4)
    today = timezone.localdate()
    response = client_as("faculty").post(
        reverse("projects:create", args=[cluster.slug]),
        {
            "title": "Yangi loyiha",
            "area": "research",
            "goals": [goal.pk],
            "leader": person_of("faculty").pk,
            "start_date": today.isoformat(),
            "end_date": (today + timedelta(days=90)).isoformat(),
        },
    )
    project = Project.objects.get(title="Yangi loyiha")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert list(project.goals.all()) == [goal]
    assert project.created_by.username == "faculty"


def test_it_completes_milestones_and_takes_members_off_from_the_page(client_as):
    project = faculty_project()
    client = client_as("faculty")
    milestone = project.milestones.filter(completed_on__isnull=True).first()
    client.post(reverse("projects:milestone_complete", args=[project.pk, milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.completed_on == timezone.localdate()
    client.post(
        reverse("projects:milestone_complete", args=[project.pk, milestone.pk]), {"undo": "1"}
    )
    milestone.refresh_from_db()
    assert milestone.completed_on is None

    teacher = project.team.filter(person__kind="teacher").first()
    client.post(reverse("projects:team_remove", args=[project.pk, teacher.pk]))
    assert not project.team.filter(pk=teacher.pk).exists()


def test_it_deletes_a_deliverable_and_then_its_file(
    proposal, cast, media, django_capture_on_commit_callbacks
):
    deliverable = services.deliverable_save(
        actor=cast["faculty"],
        deliverable=Deliverable(project=proposal, kind="publication", title="Maqola"),
        upload=pdf_upload(),
    )
    stored = media / deliverable.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.deliverable_delete(actor=cast["faculty"], deliverable=deliverable)
    assert not stored.exists()
    assert not Deliverable.objects.filter(pk=deliverable.pk).exists()


def test_it_filters_the_portfolio_for_htmx(client_as, cluster):
    response = client_as("student").get(
        reverse("projects:list", args=[cluster.slug]),
        {"status": "completed"},
        headers={"HX-Request": "true"},
    )
    assert response.templates[0].name == "projects/_project_rows.html"
    assert {p.status for p in response.context["page"]} == {"completed"}


def test_it_edits_a_project_from_the_page_and_names_the_bad_field(client_as, cluster):
    project = faculty_project()
    url = reverse("projects:edit", args=[project.pk])
    form = client_as("faculty").get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data["goals"] = [g.pk for g in project.goals.all()]
    data["partners"] = []
    data["labs"] = [i.pk for i in project.labs.all()]
    data["leader"] = project.leader_id
    last_due = project.milestones.order_by("-due_date").first().due_date
    data["end_date"] = (last_due - timedelta(days=1)).isoformat()
    response = client_as("faculty").post(url, data)
    assert response.status_code == 200 and "end_date" in response.context["form"].errors

    data["end_date"] = project.end_date.isoformat()
    data["goals"] = [cluster.goals.get(number=4).pk]
    assert client_as("faculty").post(url, data).status_code == 302
    assert [g.number for g in Project.objects.get(pk=project.pk).goals.all()] == [4]
