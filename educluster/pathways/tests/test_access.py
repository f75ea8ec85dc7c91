"""Every pathway page and export as every member of the cast, the outsider and anonymous."""

import pytest
from django.urls import reverse

from educluster.conftest import CAST
from educluster.pathways.models import Learner, Stage

pytestmark = pytest.mark.django_db

MANAGERS = {"coordinator", "admin"}
READERS = {"coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"}


def expect(allowed: set[str], *, others: int = 404) -> dict[str, int]:
    return {
        name: 200 if name in allowed else (404 if name == "outsider" else others) for name in CAST
    }


@pytest.fixture
def pages(cluster):
    slug = cluster.slug
    pupil = Learner.objects.filter(cluster=cluster, person__isnull=True).first()
    own = Learner.objects.get(cluster=cluster, person__user__username="student")
    stage = Stage.objects.filter(learner=pupil).first()
    return [
        (reverse("pathways:overview", args=[slug]), expect(READERS)),
        (reverse("pathways:overview", args=[slug]) + "?export=xlsx", expect(READERS)),
        (reverse("pathways:learners", args=[slug]), expect(MANAGERS, others=403)),
        (reverse("pathways:learner_create", args=[slug]), expect(MANAGERS, others=403)),
        (
            reverse("pathways:learner_create", args=[slug]) + "?as=person",
            expect(MANAGERS, others=403),
        ),
        # A pupil's pathway: coordinators only; nobody else finds it.
        (reverse("pathways:learner", args=[pupil.pk]), expect(MANAGERS)),
        (reverse("pathways:learner_history", args=[pupil.pk]), expect(MANAGERS)),
        (reverse("pathways:learner_enrol", args=[pupil.pk]), expect(MANAGERS)),
        (reverse("pathways:stage_create", args=[pupil.pk]), expect(MANAGERS)),
        (reverse("pathways:stage_edit", args=[pupil.pk, stage.pk]), expect(MANAGERS)),
        # One's own pathway is visible to oneself, not changeable.
        (reverse("pathways:learner", args=[own.pk]), expect(MANAGERS | {"student"})),
        (
            reverse("pathways:learner_history", args=[own.pk]),
            {**expect(MANAGERS), "student": 403},
        ),
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
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_it_never_shows_a_name_for_a_pupil(client_as, cluster):
    pupil = Learner.objects.filter(cluster=cluster, person__isnull=True).first()
    page = client_as("coordinator").get(reverse("pathways:learners", args=[cluster.slug]))
    assert pupil.pupil_code in page.content.decode()


def test_it_refuses_changes_outside_the_role(client_as, cluster):
    own = Learner.objects.get(cluster=cluster, person__user__username="student")
    pupil = Learner.objects.filter(cluster=cluster, person__isnull=True).first()
    stage = own.stages.first()
    assert (
        client_as("student")
        .post(reverse("pathways:stage_delete", args=[own.pk, stage.pk]))
        .status_code
        == 403
    )
    assert (
        client_as("student").post(reverse("pathways:learner_withdraw", args=[pupil.pk])).status_code
        == 404
    )
    assert (
        client_as("head").post(reverse("pathways:learner_withdraw", args=[pupil.pk])).status_code
        == 404
    )
    assert (
        Learner.objects.filter(pk=pupil.pk).exists() and Stage.objects.filter(pk=stage.pk).exists()
    )
