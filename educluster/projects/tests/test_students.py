"""Students in research: the share of the lead department's students, by programme and year of
study, against a hand-worked example; and the indicator updated from it."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from educluster.accounts.models import Person
from educluster.core.history import history_entries
from educluster.projects import services
from educluster.projects.selectors import ShareRow, academic_year, student_research_share
from educluster.projects.tests.support import other_cluster
from educluster.registry.models import Indicator


def test_it_knows_the_academic_year():
    assert academic_year(date(2026, 8, 31)) == (date(2025, 9, 1), date(2026, 8, 31))
    assert academic_year(date(2026, 9, 1)) == (date(2026, 9, 1), date(2027, 8, 31))
    assert academic_year(date(2027, 1, 15)) == (date(2026, 9, 1), date(2027, 8, 31))


@pytest.fixture
def department_example(db):
    """Six students (and other_cluster()'s seventh) of a fresh department and four projects;
    see the test for the tally."""
    cluster, goal, _ = other_cluster()
    dept = cluster.lead_institution

    def student(name, level, year, programme):
        return Person.objects.create(
            full_name=name,
            kind="student",
            institution=dept,
            study_level=level,
            study_year=year,
            programme=programme,
        )

    p1, p2 = "P1 – Tasviriy sanʼat", "P2 – Magistratura"
    a = student("A", "bachelor", 1, p1)
    b = student("B", "bachelor", 1, p1)
    c = student("C", "bachelor", 3, p1)
    f = student("F", "bachelor", 3, p1)
    d = student("D", "master", 1, p2)
    e = student("E", "master", 1, p2)
    leader = Person.objects.create(full_name="Rahbar", kind="faculty", institution=dept)

    def project(title, start, end, status, team):
        project = services.project_create(
            actor=None,
            cluster=cluster,
            title=title,
            area="research",
            leader=leader,
            start_date=start,
            end_date=end,
            goals=[goal],
        )
        for person, joined, left in team:
            member = services.team_member_add(
                actor=None, project=project, person=person, joined_on=joined
            )
            if left:
                member.left_on = left
                member.save()
        path = {"approved": 1, "running": 2, "completed": 3}.get(status, 0)
        for step in ["approved", "running", "completed"][:path]:
            services.project_transition(actor=None, project=project, status=step)

    project(
        "X",
        date(2025, 1, 1),
        date(2026, 12, 31),
        "running",
        [
            (a, date(2025, 10, 1), None),
            (c, date(2025, 2, 1), None),
            (f, date(2025, 2, 1), date(2025, 6, 30)),  # left before the year began
            (d, date(2026, 9, 15), None),  # joins in the next academic year
        ],
    )
    project("Y", date(2025, 9, 1), date(2026, 6, 30), "proposed", [(b, date(2025, 9, 1), None)])
    project("Z", date(2024, 1, 1), date(2025, 8, 31), "completed", [(e, date(2024, 2, 1), None)])
    project("W", date(2026, 1, 1), date(2026, 12, 31), "approved", [(e, date(2026, 1, 10), None)])
    return cluster


def test_it_computes_the_share_by_programme_and_year(department_example):
    # 2025/26: A (X), C (X) and E (W) were in research; B's project is only proposed, F left
    # before September, D joined in the next year, Z ended before the year began.
    share = student_research_share(department_example, on=date(2026, 3, 10))
    assert (share.start, share.end) == (date(2025, 9, 1), date(2026, 8, 31))
    assert share.rows == [
        ShareRow("", "bachelor", 2, students=1, involved=0),  # other_cluster()'s own student
        ShareRow("P1 – Tasviriy sanʼat", "bachelor", 1, students=2, involved=1),
        ShareRow("P1 – Tasviriy sanʼat", "bachelor", 3, students=2, involved=1),
        ShareRow("P2 – Magistratura", "master", 1, students=2, involved=1),
    ]
    assert (share.students, share.involved, share.share) == (7, 3, Decimal("42.9"))
    assert share.rows[1].share == Decimal("50.0")

    # 2026/27: D has joined X, which still runs; W still counts E.
    later = student_research_share(department_example, on=date(2026, 9, 20))
    assert (later.students, later.involved, later.share) == (7, 4, Decimal("57.1"))


def test_it_updates_the_indicator_from_the_data_and_records_who(client_as, cluster, cast):
    indicator = Indicator.objects.get(measure__measure="student_research_share")
    expected = student_research_share(cluster).share
    response = client_as("coordinator").post(
        reverse("projects:indicator_refresh", args=[cluster.slug, indicator.pk]),
        {"next": "students"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:students", args=[cluster.slug])
    indicator.refresh_from_db()
    assert indicator.current_value == expected
    entry = history_entries(indicator)[0]
    assert entry.who == cast["coordinator"].display_name


def test_it_ties_an_indicator_to_a_computed_value(client_as, cluster):
    indicator = cluster.goals.get(number=1).indicators.first()
    url = reverse("projects:indicator_measure", args=[cluster.slug, indicator.pk])
    client_as("coordinator").post(url, {f"i{indicator.pk}-measure": "adopting_members_share"})
    indicator.refresh_from_db()
    assert indicator.measure.measure == "adopting_members_share"
    client_as("coordinator").post(url, {f"i{indicator.pk}-measure": ""})
    assert not Indicator.objects.filter(pk=indicator.pk, measure__isnull=False).exists()


def test_it_shows_the_share_on_the_projects_page(client_as, cluster):
    response = client_as("analyst").get(reverse("projects:list", args=[cluster.slug]))
    share = response.context["share"]
    assert share.students >= 41 and 0 < share.involved < share.students
    assert response.context["share_indicator"].indicator.target_value == 30
