"""A feedback's History tab (the feedback and its ratings; who changed what), the employer's
correction of its feedback, access to both, and constant query counts — in English."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from educluster.accounts.models import Role, RoleAssignment, User
from educluster.feedback import services
from educluster.feedback.models import COMPETENCES, GraduateFeedback
from educluster.placements.models import GraduateOutcome
from educluster.registry.models import Cluster

pytestmark = pytest.mark.django_db

GOOD = {code: 4 for code, _name in COMPETENCES}


@pytest.fixture(autouse=True)
def english(cast):
    """These tests match English messages; the cast and the default language are Uzbek."""
    for user in cast.values():
        user.preferred_language = "en"
        user.save(update_fields=["preferred_language"])
    with translation.override("en"):
        yield


@pytest.fixture
def feedback(cluster, cast):
    """The demo head's school's feedback on a graduate it employs, given through the service."""
    school = RoleAssignment.objects.get(user=cast["head"], role=Role.MEMBER_HEAD).institution
    outcome = (
        GraduateOutcome.objects.filter(cluster=cluster)
        .exclude(feedback__isnull=False)
        .order_by("pk")
        .first()
    )
    outcome.institution = school
    outcome.status = GraduateOutcome.Status.TEACHING_CLUSTER
    outcome.confirmation = GraduateOutcome.Confirmation.UNCONFIRMED
    outcome.save()
    return services.feedback_give(actor=cast["head"], outcome=outcome, ratings=GOOD, comment="ok")


def _url(name: str, fb: GraduateFeedback) -> str:
    return reverse(f"feedback:{name}", args=[fb.cluster.slug, fb.pk])


def _form(ratings: dict, comment: str) -> dict:
    return {code: str(value) for code, value in ratings.items()} | {"comment": comment}


def test_it_shows_who_corrected_the_feedback_and_what_changed(client_as, cast, feedback):
    client = client_as("head")
    edit = client.get(_url("edit", feedback))
    assert edit.status_code == 200
    assert _url("history", feedback) in edit.content.decode()
    response = client.post(_url("edit", feedback), _form(GOOD | {"digital": 2}, "Weak online"))
    assert response.status_code == 302
    assert feedback.ratings.get(competence__code="digital").rating == 2
    page = client.get(_url("history", feedback))
    assert page.status_code == 200
    entries = page.context["entries"]
    changed = [e for e in entries if e.kind == "changed"]
    assert {e.who for e in changed} == {cast["head"].display_name}
    changes = {(c.field, c.old, c.new) for e in changed for c in e.changes}
    assert changes == {("rating", "4", "2"), ("comment", "ok", "Weak online")}
    rating_change = next(e for e in changed if e.subject)
    assert "Digital skills" in rating_change.subject
    # The ratings as first given are there too, one per competence.
    created = [e for e in entries if e.kind == "created" and e.subject]
    assert len(created) == len(COMPETENCES)
    html = page.content.decode()
    assert "<del>ok</del> → <ins>Weak online</ins>" in html


def test_it_corrects_the_feedback_all_or_nothing(cast, feedback):
    with pytest.raises(ValidationError) as exc:
        services.feedback_change(
            actor=cast["head"], feedback=feedback, ratings=GOOD | {"art": 9}, comment="x"
        )
    assert "art" in exc.value.error_dict
    feedback.refresh_from_db()
    assert feedback.comment == "ok"
    assert set(feedback.ratings.values_list("rating", flat=True)) == {4}


@pytest.mark.parametrize("name", ["coordinator", "faculty", "student", "mentor", "outsider"])
def test_it_lets_only_the_employer_correct_the_feedback(cast, client_as, feedback, name):
    with pytest.raises(PermissionDenied):
        services.feedback_change(actor=cast[name], feedback=feedback, ratings=GOOD)
    assert client_as(name).get(_url("edit", feedback)).status_code == 404


EXPECTED = {
    "head": 200,
    "coordinator": 200,
    "admin": 200,
    # The department reads the summary only, not the feedback on one graduate.
    "faculty": 404,
    "student": 404,
    "mentor": 404,
    "analyst": 404,
    "outsider": 404,
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_it_scopes_the_history_per_role(client_as, feedback, name):
    assert client_as(name).get(_url("history", feedback)).status_code == EXPECTED[name]


def test_it_hides_the_history_from_another_clusters_coordinator(cluster, feedback):
    other = Cluster.objects.create(
        name="Other",
        slug="other-feedback-cluster",
        lead_institution=cluster.lead_institution,
        region=cluster.region,
    )
    user = User.objects.create_user("coordinator2", password="x", preferred_language="en")
    RoleAssignment.objects.create(user=user, role=Role.COORDINATOR, cluster=other)
    client = Client()
    client.force_login(user)
    assert client.get(_url("history", feedback)).status_code == 404
    url = reverse("feedback:history", args=[other.slug, feedback.pk])
    assert client.get(url).status_code == 404


def test_it_lists_the_given_feedback_with_its_history(client_as, cluster, feedback):
    index = reverse("feedback:index", args=[cluster.slug])
    head = client_as("head").get(index).content.decode()
    assert _url("history", feedback) in head and _url("edit", feedback) in head
    coordinator = client_as("coordinator").get(index).content.decode()
    assert _url("history", feedback) in coordinator
    assert _url("edit", feedback) not in coordinator
    faculty = client_as("faculty").get(index).content.decode()
    assert _url("history", feedback) not in faculty


def test_it_runs_constant_queries_on_the_history_page(client_as, cast, feedback):
    client = client_as("head")
    url = _url("history", feedback)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    n_few = len(few)  # now: later requests reset the connection's query log
    for i, value in enumerate([1, 2, 3, 5]):
        services.feedback_change(
            actor=cast["head"],
            feedback=feedback,
            ratings=GOOD | {"art": value, "methods": value},
            comment=f"round {i}",
        )
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(page.context["entries"]) > len(COMPETENCES) + 8
    assert len(many) == n_few
