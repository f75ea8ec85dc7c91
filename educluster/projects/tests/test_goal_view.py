"""The goal view: indicators against targets and everything that serves the goal, from every
app that registered a section."""

from django.urls import reverse

from educluster.materials.models import Material
from educluster.projects import goal_sections
from educluster.projects.models import Project


def test_it_shows_projects_materials_and_indicators_of_a_goal(client_as, cluster):
    goal = cluster.goals.get(number=3)
    response = client_as("mentor").get(reverse("projects:goal", args=[cluster.slug, goal.pk]))
    html = response.content.decode()
    keys = [s.key for s in response.context["sections"]]
    assert keys.index("projects") < keys.index("materials")
    for project in Project.objects.filter(goals=goal):
        assert f'data-project="{project.pk}"' in html
    published = Material.objects.filter(goals=goal, status="published")
    assert published.exists()
    for material in published:
        assert f'data-material="{material.pk}"' in html
    for indicator in goal.indicators.all():
        assert f'data-indicator="{indicator.pk}"' in html
    rows = {r["indicator"].pk: r for r in response.context["indicator_rows"]}
    share = goal.indicators.get(measure__measure="adopting_members_share")
    assert rows[share.pk]["computed"] is not None
    assert rows[share.pk]["form"] is None  # only coordinators tie indicators to data


def test_it_keeps_drafts_off_the_goal_view_for_other_readers(client_as, cluster):
    goal = cluster.goals.get(number=3)
    draft = Material.objects.filter(goals=goal, status="draft", authors__user__username="faculty")
    draft = draft.first()
    url = reverse("projects:goal", args=[cluster.slug, goal.pk])
    assert f'data-material="{draft.pk}"' not in client_as("head").get(url).content.decode()
    assert f'data-material="{draft.pk}"' in client_as("faculty").get(url).content.decode()


def test_it_renders_a_section_another_app_registers(client_as, cluster, monkeypatch):
    monkeypatch.setattr(goal_sections, "_SECTIONS", dict(goal_sections._SECTIONS))
    seen = []

    def render(goal, user):
        seen.append((goal.pk, user.username))
        return "projects/_goal_projects.html", {"projects": []}

    goal_sections.register_goal_section(
        "obligations",
        "Majburiyatlar",
        20,
        render,
        count=lambda c, u: {g.pk: 7 for g in c.goals.all()},
    )
    goal = cluster.goals.get(number=1)
    response = client_as("head").get(reverse("projects:goal", args=[cluster.slug, goal.pk]))
    assert [s.key for s in response.context["sections"]][:2] == ["projects", "obligations"]
    assert 'id="goal-obligations"' in response.content.decode()
    assert seen == [(goal.pk, "head")]
    overview = client_as("head").get(reverse("projects:goals", args=[cluster.slug]))
    assert ("Majburiyatlar", 7) in overview.context["rows"][0][1]


def test_it_counts_what_serves_each_goal(client_as, cluster):
    response = client_as("analyst").get(reverse("projects:goals", args=[cluster.slug]))
    rows = {goal.number: dict(counts) for goal, counts in response.context["rows"]}
    goal3 = cluster.goals.get(number=3)
    expected_projects = Project.objects.filter(goals=goal3).exclude(status="cancelled").count()
    assert rows[3][str(_title("projects"))] == expected_projects
    assert rows[3][str(_title("materials"))] > 0


def _title(key):
    return next(s.title for s in goal_sections.goal_sections() if s.key == key)
