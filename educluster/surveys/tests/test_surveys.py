"""Surveys: response validation, one response per user, anonymity, alpha, access per role,
outsider 404, XLSX export and constant queries on the results page."""

from io import BytesIO

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from educluster.surveys import selectors, services
from educluster.surveys.models import Question, Response, Survey

ALL = ["coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"]


@pytest.fixture(autouse=True)
def english(cast):
    """These tests match English messages; the cast and the default language are Uzbek."""
    for user in cast.values():
        user.preferred_language = "en"
        user.save(update_fields=["preferred_language"])
    with translation.override("en"):
        yield


@pytest.fixture
def survey(cluster, cast):
    s = services.survey_create(
        cluster=cluster, by=cast["coordinator"], title="Test", audience="teachers"
    )
    services.question_add(survey=s, text="Single", kind="single", choices=["a", "b"])
    services.question_add(survey=s, text="L1", kind="likert", scale="S")
    services.question_add(survey=s, text="L2", kind="likert", scale="S")
    services.question_add(survey=s, text="Free", kind="text", required=False)
    services.survey_open(survey=s)
    return s


def _answers(s, single="0", l1="3", l2="4", free="my secret opinion"):
    q = list(s.questions.all())
    return {q[0].pk: [single], q[1].pk: [l1], q[2].pk: [l2], q[3].pk: [free]}


def test_it_reports_every_bad_question_and_writes_nothing(survey, cast):
    q = list(survey.questions.all())
    with pytest.raises(ValidationError) as exc:
        services.response_submit(
            survey=survey, user=cast["faculty"], answers={q[0].pk: ["5"], q[1].pk: ["9"]}
        )
    errors = exc.value.message_dict
    assert "not a valid choice" in errors[f"q{q[0].pk}"][0]
    assert "from 1 to 5" in errors[f"q{q[1].pk}"][0]
    assert "required" in errors[f"q{q[2].pk}"][0]
    assert f"q{q[3].pk}" not in errors
    assert not Response.objects.filter(survey=survey).exists()


def test_it_keeps_one_response_per_user_even_when_anonymous(survey, cast):
    r = services.response_submit(survey=survey, user=cast["faculty"], answers=_answers(survey))
    assert r.respondent is None and r.respondent_hash
    with pytest.raises(ValidationError, match="already answered"):
        services.response_submit(survey=survey, user=cast["faculty"], answers=_answers(survey))
    assert survey.responses.count() == 1


def test_it_never_shows_who_answered_an_anonymous_survey(survey, cast, client_as):
    services.response_submit(survey=survey, user=cast["faculty"], answers=_answers(survey))
    page = client_as("coordinator").get(
        reverse("surveys:results", args=[survey.cluster.slug, survey.pk])
    )
    html = page.content.decode()
    assert "my secret opinion" in html
    faculty = cast["faculty"]
    for name in {faculty.username, faculty.get_full_name()} - {""}:
        assert name not in html


def test_it_computes_alpha_on_a_worked_example(cluster, cast):
    s = services.survey_create(cluster=cluster, by=None, title="A", audience="teachers")
    for i in range(3):
        services.question_add(survey=s, text=f"L{i}", kind="likert", scale="S")
    services.survey_open(survey=s)
    rows = [[3, 4, 3], [2, 3, 4], [4, 4, 5], [3, 2, 3], [4, 4, 4]]
    users = list(cast.values())
    q = list(s.questions.all())
    for user, row in zip(users, rows, strict=False):
        services.response_submit(
            survey=s, user=user, answers={qq.pk: [str(v)] for qq, v in zip(q, row, strict=True)}
        )
    scale = selectors.results(s)["scales"][0]
    assert (scale.k, scale.n) == (3, 5)
    assert scale.alpha == pytest.approx(0.7326, abs=1e-4)


def test_it_says_not_enough_responses_below_three(survey, cast, client_as):
    services.response_submit(survey=survey, user=cast["faculty"], answers=_answers(survey))
    assert selectors.results(survey)["scales"][0].alpha is None
    page = client_as("coordinator").get(
        reverse("surveys:results", args=[survey.cluster.slug, survey.pk])
    )
    assert "not enough responses" in page.content.decode()


@pytest.mark.parametrize("name", ALL)
def test_it_lets_each_role_see_and_answer_open_surveys(name, survey, client_as):
    client = client_as(name)
    slug = survey.cluster.slug
    assert client.get(reverse("surveys:list", args=[slug])).status_code == 200
    assert client.get(reverse("surveys:fill", args=[slug, survey.pk])).status_code == 200
    manage = client.get(reverse("surveys:results", args=[slug, survey.pk])).status_code
    assert manage == (200 if name in {"coordinator", "admin"} else 404)


def test_it_hides_everything_from_an_outsider(survey, client_as):
    client = client_as("outsider")
    slug = survey.cluster.slug
    for url in [
        reverse("surveys:list", args=[slug]),
        reverse("surveys:fill", args=[slug, survey.pk]),
        reverse("surveys:edit", args=[slug, survey.pk]),
        reverse("surveys:results", args=[slug, survey.pk]),
        reverse("surveys:export", args=[slug, survey.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("surveys:from_template", args=[slug])).status_code == 404


def test_it_submits_through_the_page_and_shows_errors(survey, client_as):
    client = client_as("faculty")
    url = reverse("surveys:fill", args=[survey.cluster.slug, survey.pk])
    q = list(survey.questions.all())
    bad = client.post(url, {f"q{q[0].pk}": "0"})
    assert bad.status_code == 400 and "an answer is required" in bad.content.decode()
    ok = client.post(url, {f"q{x}": v[0] for x, v in _answers(survey).items()})
    assert ok.status_code == 302 and survey.responses.count() == 1


def test_it_exports_results_as_xlsx(survey, cast, client_as):
    services.response_submit(survey=survey, user=cast["faculty"], answers=_answers(survey))
    page = client_as("coordinator").get(
        reverse("surveys:export", args=[survey.cluster.slug, survey.pk])
    )
    ws = openpyxl.load_workbook(BytesIO(page.content)).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row]
    assert "Single" in values and "my secret opinion" in values


def test_it_builds_the_template_in_three_languages(cluster):
    for lang in ("uz", "ru", "en"):
        s = services.survey_from_template(cluster=cluster, language=lang)
        kinds = [q.kind for q in s.questions.all()]
        assert kinds.count(Question.Kind.LIKERT) == 10 and len(kinds) == 12
        assert len({q.scale for q in s.questions.all() if q.scale}) == 2
    uz = Survey.objects.filter(cluster=cluster, title__startswith="O\u02bbqituvchi")
    assert uz.exists()


def test_it_shows_demo_alpha_and_runs_constant_queries(
    cluster, client_as, django_assert_max_num_queries
):
    demo = Survey.objects.filter(cluster=cluster, status="open").first()
    assert demo is not None and demo.responses.count() == 30
    scales = selectors.results(demo)["scales"]
    assert all(s.alpha is not None and s.k == 5 for s in scales)
    client = client_as("coordinator")
    url = reverse("surveys:results", args=[cluster.slug, demo.pk])
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200
