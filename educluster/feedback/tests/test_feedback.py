import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from educluster.accounts.models import Role, RoleAssignment
from educluster.feedback import services
from educluster.feedback.models import COMPETENCES, CompetenceRating, GraduateFeedback
from educluster.placements.models import GraduateOutcome

pytestmark = pytest.mark.django_db

GOOD = {code: 4 for code, _name in COMPETENCES}


@pytest.fixture
def head_school(cast):
    return RoleAssignment.objects.get(user=cast["head"], role=Role.MEMBER_HEAD).institution


@pytest.fixture
def outcome(cluster, head_school):
    """A graduate employed at the demo head's school, without feedback yet."""
    o = (
        GraduateOutcome.objects.filter(cluster=cluster)
        .exclude(feedback__isnull=False)
        .order_by("pk")
        .first()
    )
    o.institution = head_school
    o.status = GraduateOutcome.Status.TEACHING_CLUSTER
    o.confirmation = GraduateOutcome.Confirmation.UNCONFIRMED
    o.save()
    return o


def test_it_seeds_six_competences_once(cluster):
    first = services.competences_seed(cluster=cluster)
    again = services.competences_seed(cluster=cluster)
    assert [c.code for c in first] == [c.code for c in again] == [c for c, _n in COMPETENCES]


def test_it_saves_feedback_with_one_rating_per_competence(cast, outcome):
    fb = services.feedback_give(actor=cast["head"], outcome=outcome, ratings=GOOD, comment="ok")
    assert fb.employer_id == outcome.institution_id
    assert fb.cohort_year == outcome.graduation_year
    assert fb.programme == (outcome.person.programme or outcome.programme)
    assert fb.ratings.count() == len(COMPETENCES)
    with pytest.raises(ValidationError):
        services.feedback_give(actor=cast["head"], outcome=outcome, ratings=GOOD)


@pytest.mark.parametrize("bad", [0, 6, None, "x"])
def test_it_refuses_a_rating_out_of_range_and_writes_nothing(cast, outcome, bad):
    ratings = GOOD | {"digital": bad}
    before = CompetenceRating.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.feedback_give(actor=cast["head"], outcome=outcome, ratings=ratings)
    assert "digital" in exc.value.error_dict
    assert not GraduateFeedback.objects.filter(outcome=outcome).exists()
    assert CompetenceRating.objects.count() == before


@pytest.mark.parametrize("name", ["coordinator", "student", "mentor", "analyst", "outsider"])
def test_it_refuses_anyone_but_the_employer(cast, outcome, name):
    with pytest.raises(PermissionDenied):
        services.feedback_give(actor=cast[name], outcome=outcome, ratings=GOOD)


def test_it_refuses_a_disputed_employment(cast, outcome):
    outcome.confirmation = GraduateOutcome.Confirmation.DISPUTED
    outcome.save()
    with pytest.raises(ValidationError):
        services.feedback_give(actor=cast["head"], outcome=outcome, ratings=GOOD)


def test_it_lets_the_head_give_feedback_through_the_form(client_as, cluster, outcome):
    client = client_as("head")
    page = client.get(reverse("feedback:index", args=[cluster.slug]))
    assert page.status_code == 200
    give = reverse("feedback:give", args=[cluster.slug, outcome.pk])
    assert give in page.content.decode()
    bad = client.post(give, {code: "9" for code, _n in COMPETENCES})
    assert bad.status_code == 200
    assert b'class="error"' in bad.content
    assert not GraduateFeedback.objects.filter(outcome=outcome).exists()
    ok = client.post(give, {code: "3" for code, _n in COMPETENCES} | {"comment": "Yaxshi"})
    assert ok.status_code == 302
    assert GraduateFeedback.objects.get(outcome=outcome).comment == "Yaxshi"
    assert client.get(give).status_code == 404


def test_it_shows_waiting_graduates_on_the_heads_home(client_as, outcome):
    page = client_as("head").get(reverse("home"))
    assert page.status_code == 200
    assert 'id="home-feedback"' in page.content.decode()


EXPECTED = {
    "coordinator": (200, True),
    "admin": (200, True),
    "faculty": (200, True),
    "head": (200, False),
    "student": (404, False),
    "mentor": (404, False),
    "analyst": (404, False),
    "outsider": (404, False),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_it_scopes_every_page_per_role(client_as, cluster, outcome, name):
    status, summary = EXPECTED[name]
    client = client_as(name)
    index = client.get(reverse("feedback:index", args=[cluster.slug]))
    assert index.status_code == status
    export = client.get(reverse("feedback:export", args=[cluster.slug]))
    assert export.status_code == (200 if summary else 404)
    if status == 200:
        assert ('id="feedback-summary"' in index.content.decode()) is summary
    give = client.get(reverse("feedback:give", args=[cluster.slug, outcome.pk]))
    assert give.status_code == (200 if name == "head" else 404)


def test_it_exports_the_summary_as_xlsx(client_as, cluster):
    response = client_as("coordinator").get(reverse("feedback:export", args=[cluster.slug]))
    import io

    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb.active.iter_rows(values_only=True))
    assert len(rows[0]) == 3 + len(COMPETENCES) + 1
    assert len(rows) - 1 == len(
        set(
            GraduateFeedback.objects.filter(cluster=cluster).values_list("programme", "cohort_year")
        )
    )


def test_it_has_demo_feedback_with_a_weakest_competence(client_as, cluster):
    assert GraduateFeedback.objects.filter(cluster=cluster, is_demo=True).exists()
    page = client_as("coordinator").get(reverse("feedback:index", args=[cluster.slug]))
    assert page.context["rows"] and all(r.weakest for r in page.context["rows"])


def test_it_runs_a_constant_number_of_queries(
    client_as, cluster, cast, outcome, django_assert_max_num_queries
):
    client = client_as("coordinator")
    url = reverse("feedback:index", args=[cluster.slug])
    client.get(url)
    with django_assert_max_num_queries(12):
        client.get(url)
    services.feedback_give(actor=cast["head"], outcome=outcome, ratings=GOOD)
    with django_assert_max_num_queries(12):
        client.get(url)
