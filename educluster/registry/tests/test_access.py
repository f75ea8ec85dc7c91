"""Every page as every member of the cast, the outsider and an anonymous visitor.

Object pages outside a user's scope answer 404; actions outside a role answer 403.
"""

import pytest
from django.urls import reverse

from educluster.accounts.models import Person
from educluster.conftest import CAST
from educluster.registry.models import Institution

READERS = {"coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"}
MANAGERS = {"coordinator", "admin"}
PEOPLE_MANAGERS = {"coordinator", "admin", "head"}


def expect(allowed: set[str], *, others: int = 403) -> dict[str, int]:
    return {
        name: 200 if name in allowed else (404 if name == "outsider" else others) for name in CAST
    }


@pytest.fixture
def pages(cluster):
    school = Institution.objects.get(code="CHR-SCH-3")  # the head's own school
    other_school = Institution.objects.get(code="PAR-SCH-12")
    teacher = Person.objects.filter(institution=school, kind="teacher").first()
    goal = cluster.goals.first()
    indicator = goal.indicators.first()
    slug = cluster.slug
    return [
        (reverse("registry:cluster", args=[slug]), expect(READERS)),
        (reverse("registry:cluster_history", args=[slug]), expect(READERS)),
        (reverse("registry:institutions", args=[slug]), expect(READERS)),
        (reverse("registry:institutions", args=[slug]) + "?export=xlsx", expect(READERS)),
        (reverse("registry:institution", args=[school.pk]), expect(READERS)),
        (reverse("registry:institution_history", args=[school.pk]), expect(READERS)),
        (reverse("registry:institution_edit", args=[school.pk]), expect(MANAGERS | {"head"})),
        (reverse("registry:institution_edit", args=[other_school.pk]), expect(MANAGERS)),
        (reverse("registry:cluster_edit", args=[slug]), expect(MANAGERS)),
        (reverse("registry:members", args=[slug]), expect(MANAGERS)),
        (reverse("registry:members", args=[slug]) + "?export=xlsx", expect(MANAGERS)),
        (
            reverse("registry:membership_edit", args=[slug, school.memberships.get().pk]),
            expect(MANAGERS),
        ),
        (reverse("registry:institution_create", args=[slug]), expect(MANAGERS)),
        (reverse("registry:goal_create", args=[slug]), expect(MANAGERS)),
        (reverse("registry:goal_edit", args=[slug, goal.pk]), expect(MANAGERS)),
        (reverse("registry:indicator_create", args=[slug, goal.pk]), expect(MANAGERS)),
        (reverse("registry:indicator_edit", args=[slug, goal.pk, indicator.pk]), expect(MANAGERS)),
        (reverse("accounts:people", args=[slug]), expect(PEOPLE_MANAGERS)),
        (reverse("accounts:people", args=[slug]) + "?export=xlsx", expect(PEOPLE_MANAGERS)),
        (reverse("accounts:person_create", args=[slug]), expect(PEOPLE_MANAGERS)),
        # People are personal data: outside the managers, a person page is simply not found.
        (reverse("accounts:person", args=[teacher.pk]), expect(PEOPLE_MANAGERS, others=404)),
        (reverse("accounts:person_edit", args=[teacher.pk]), expect(PEOPLE_MANAGERS, others=404)),
        (
            reverse("accounts:person_history", args=[teacher.pk]),
            expect(PEOPLE_MANAGERS, others=404),
        ),
        (reverse("imports:start", args=[slug, "institutions"]), expect(MANAGERS)),
        (reverse("imports:template", args=[slug, "institutions", "xlsx"]), expect(MANAGERS)),
        (reverse("imports:template", args=[slug, "institutions", "csv"]), expect(MANAGERS)),
        (reverse("imports:start", args=[slug, "people"]), expect(PEOPLE_MANAGERS)),
        (reverse("imports:template", args=[slug, "people", "xlsx"]), expect(PEOPLE_MANAGERS)),
        (reverse("registry:cluster_create"), {n: 200 if n == "admin" else 403 for n in CAST}),
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


def test_it_shows_the_outsider_no_cluster(client_as, cluster):
    response = client_as("outsider").get(reverse("home"))
    assert response.status_code == 200
    assert cluster.name not in response.content.decode()


def test_it_hides_a_person_of_another_institution_from_a_member_head(client_as):
    stranger = Person.objects.filter(institution__code="PAR-SCH-12", kind="teacher").first()
    assert client_as("head").get(reverse("accounts:person", args=[stranger.pk])).status_code == 404


def test_it_refuses_posts_outside_the_role(client_as, cluster):
    goal = cluster.goals.first()
    membership = cluster.memberships.exclude(role="integrator").first()
    posts = [
        reverse("registry:goal_delete", args=[cluster.slug, goal.pk]),
        reverse("registry:membership_end", args=[cluster.slug, membership.pk]),
        reverse("registry:membership_add", args=[cluster.slug]),
    ]
    for url in posts:
        assert client_as("faculty").post(url).status_code == 403
        assert client_as("outsider").post(url).status_code == 404
    assert cluster.goals.filter(pk=goal.pk).exists()
