"""A survey's History tab (the survey and its questions; who changed what), its access, and the
list's audience filter — in English, with constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from educluster.accounts.models import Role, RoleAssignment, User
from educluster.registry.models import Cluster
from educluster.surveys import services
from educluster.surveys.models import Survey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(cast):
    """These tests match English messages; the cast and the default language are Uzbek."""
    for user in cast.values():
        user.preferred_language = "en"
        user.save(update_fields=["preferred_language"])
    with translation.override("en"):
        yield


@pytest.fixture
def draft(cluster, cast):
    s = services.survey_create(
        cluster=cluster, by=cast["coordinator"], title="History test", audience="mentors"
    )
    services.question_add(survey=s, text="How useful was the seminar?", kind="likert")
    return s


@pytest.fixture
def other_coordinator(cluster):
    """The coordinator of another cluster, with a survey of their own."""
    other = Cluster.objects.create(
        name="Other",
        slug="other-survey-cluster",
        lead_institution=cluster.lead_institution,
        region=cluster.region,
    )
    user = User.objects.create_user("coordinator2", password="x", preferred_language="en")
    RoleAssignment.objects.create(user=user, role=Role.COORDINATOR, cluster=other)
    services.survey_create(cluster=other, by=user, title="Their own", audience="parents")
    return user


def _history(survey: Survey) -> str:
    return reverse("surveys:history", args=[survey.cluster.slug, survey.pk])


def test_it_shows_who_opened_the_survey_and_what_changed(client_as, cast, draft):
    client = client_as("coordinator")
    edit = reverse("surveys:edit", args=[draft.cluster.slug, draft.pk])
    assert client.post(edit, {"action": "open"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "open"
    page = client.get(_history(draft))
    assert page.status_code == 200
    entries = page.context["entries"]
    opened = entries[0]
    assert opened.who == cast["coordinator"].display_name
    assert opened.kind == "changed"
    assert [(c.field, c.old, c.new) for c in opened.changes] == [("status", "Draft", "Open")]
    html = page.content.decode()
    assert cast["coordinator"].display_name in html
    assert "<del>Draft</del> → <ins>Open</ins>" in html
    # The question is part of the survey's record.
    assert any(e.subject.startswith("Question") and e.kind == "created" for e in entries)
    # The tab is reachable from the editor and the results.
    assert _history(draft) in client.get(edit).content.decode()
    results = reverse("surveys:results", args=[draft.cluster.slug, draft.pk])
    assert _history(draft) in client.get(results).content.decode()


@pytest.mark.parametrize("name", ["outsider", "head", "faculty", "student", "mentor", "analyst"])
def test_it_hides_the_history_from_anyone_who_cannot_edit_the_survey(client_as, draft, name):
    assert client_as(name).get(_history(draft)).status_code == 404


def test_it_shows_the_history_to_an_administrator(client_as, draft):
    assert client_as("admin").get(_history(draft)).status_code == 200


def test_it_hides_the_history_from_another_clusters_coordinator(draft, other_coordinator):
    from django.test import Client

    client = Client()
    client.force_login(other_coordinator)
    assert client.get(_history(draft)).status_code == 404
    # Nor under their own cluster's address.
    url = reverse("surveys:history", args=["other-survey-cluster", draft.pk])
    assert client.get(url).status_code == 404


def _page_queries(captured) -> int:
    """The page's own queries: the session's save (after the posts' flash messages are shown)
    and its savepoint are the request's bookkeeping, not the page's."""
    return sum(
        1
        for q in captured.captured_queries
        if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    )


def test_it_runs_constant_queries_on_the_history_page(client_as, draft):
    client = client_as("coordinator")
    url = _history(draft)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    n_few = _page_queries(few)  # now: later requests reset the connection's query log
    for i in range(3):
        services.question_add(survey=draft, text=f"Extra {i}", kind="text", required=False)
    edit = reverse("surveys:edit", args=[draft.cluster.slug, draft.pk])
    client.post(edit, {"action": "open"})
    client.post(edit, {"action": "close"})
    client.get(url)  # the session settles after the posts, as before the first count
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(page.context["entries"]) > 4
    assert _page_queries(many) == n_few


def test_it_filters_the_list_by_audience(client_as, cluster, cast, draft):
    services.survey_create(
        cluster=cluster, by=cast["coordinator"], title="For parents", audience="parents"
    )
    client = client_as("coordinator")
    url = reverse("surveys:list", args=[cluster.slug])
    everyone = client.get(url).context["surveys"]
    assert {"History test", "For parents"} <= {s.title for s in everyone}
    mentors = client.get(url, {"audience": "mentors"})
    assert mentors.status_code == 200
    titles = {s.title for s in mentors.context["surveys"]}
    assert "History test" in titles and "For parents" not in titles
    assert all(s.audience == "mentors" for s in mentors.context["surveys"])
    html = mentors.content.decode()
    assert 'id="survey-filter"' in html and ">Mentors</option>" in html
    # An unknown audience is ignored, not an error.
    assert len(client.get(url, {"audience": "aliens"}).context["surveys"]) == len(everyone)


def test_it_filters_the_open_surveys_a_teacher_sees(client_as, cluster, cast, draft):
    services.survey_open(survey=draft)
    url = reverse("surveys:list", args=[cluster.slug])
    page = client_as("faculty").get(url, {"audience": "parents"})
    assert "History test" not in {s.title for s in page.context["surveys"]}
    page = client_as("faculty").get(url, {"audience": "mentors"})
    assert "History test" in {s.title for s in page.context["surveys"]}


def test_it_runs_constant_queries_on_the_filtered_list(client_as, cluster, cast):
    client = client_as("coordinator")
    url = reverse("surveys:list", args=[cluster.slug])
    client.get(url, {"audience": "teachers"})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"audience": "teachers"})
    n_few = _page_queries(few)  # now: later requests reset the connection's query log
    for i in range(3):
        services.survey_create(
            cluster=cluster, by=cast["coordinator"], title=f"T{i}", audience="teachers"
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"audience": "teachers"})
    assert _page_queries(many) == n_few
