"""Effectiveness pages per role of the cast, the outsider's 404 everywhere, and a constant
number of SQL queries at two data sizes."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from educluster.accounts.scoping import scope_for
from educluster.effectiveness import services
from educluster.effectiveness.demo import academic_years
from educluster.effectiveness.models import IndexRun, IndicatorDefinition
from educluster.registry.models import Institution, Membership

ALL = ["coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"]


@pytest.fixture
def run(cluster) -> IndexRun:
    year = academic_years(timezone.localdate())[-1]
    return IndexRun.objects.filter(cluster=cluster, year=year, status="done").latest("pk")


def _own_member(user, cluster) -> int | None:
    ids = scope_for(user).institution_ids
    return (
        Membership.objects.filter(cluster=cluster, institution_id__in=ids)
        .values_list("institution_id", flat=True)
        .first()
    )


def _english(cast):
    for user in cast.values():
        user.preferred_language = "en"
        user.save(update_fields=["preferred_language"])


def test_it_shows_the_cluster_page_to_every_role_with_its_index(client_as, cast, cluster, run):
    _english(cast)
    for name in ALL:
        response = client_as(name).get(reverse("effectiveness:overview", args=[cluster.slug]))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert 'id="cluster-index"' in html and "Indicators of the cluster" in html, name
        # Cluster aggregates for everybody; the recompute form only for the coordinator.
        assert ('id="recompute"' in html) == (name in ("coordinator", "admin")), name


def test_it_ranks_every_member_for_coordinators_and_analysts_only(client_as, cast, cluster, run):
    scored = run.scores.count()
    assert scored > 5
    for name in ALL:
        html = client_as(name).get(reverse("effectiveness:overview", args=[cluster.slug])).content
        rows = html.decode().count("data-member=")
        if name in ("coordinator", "analyst", "admin"):
            assert rows == scored, name
        else:
            own = _own_member(cast[name], cluster)
            assert rows == (1 if own and run.scores.filter(institution_id=own).exists() else 0), (
                name
            )


def test_it_shows_members_their_own_page_and_404_for_another(client_as, cast, cluster, run):
    head = cast["head"]
    own = _own_member(head, cluster)
    other = run.scores.exclude(institution_id=own).values_list("institution_id", flat=True)[0]
    client = client_as("head")
    assert client.get(reverse("effectiveness:member", args=[cluster.slug, own])).status_code == 200
    assert (
        client.get(reverse("effectiveness:member", args=[cluster.slug, other])).status_code == 404
    )
    trace = reverse("effectiveness:trace", args=[cluster.slug, run.pk, other])
    assert client.get(trace).status_code == 404
    for name in ("coordinator", "analyst"):
        page = client_as(name).get(reverse("effectiveness:member", args=[cluster.slug, other]))
        assert page.status_code == 200


def test_it_refuses_the_outsider_everywhere_with_404(client_as, cluster, run):
    member = run.scores.values_list("institution_id", flat=True)[0]
    urls = [
        reverse("effectiveness:overview", args=[cluster.slug]),
        reverse("effectiveness:run", args=[cluster.slug, run.pk]),
        reverse("effectiveness:run_inputs", args=[cluster.slug, run.pk]),
        reverse("effectiveness:trace", args=[cluster.slug, run.pk, "cluster"]),
        reverse("effectiveness:trace", args=[cluster.slug, run.pk, member]),
        reverse("effectiveness:member", args=[cluster.slug, member]),
        reverse("effectiveness:manual", args=[cluster.slug]),
    ]
    client = client_as("outsider")
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("effectiveness:run_start", args=[cluster.slug])).status_code == 404


def test_it_keeps_inputs_json_from_members(client_as, cluster, run):
    url = reverse("effectiveness:run_inputs", args=[cluster.slug, run.pk])
    assert client_as("head").get(url).status_code == 404
    data = client_as("analyst").get(url).json()
    assert data["engine_version"] == run.engine_version and data["inputs"]["units"]


def test_it_explains_a_figure_as_the_sum_of_its_contributions(client_as, cast, cluster, run):
    _english(cast)
    score = run.scores.filter(index__isnull=False).order_by("-index").first()
    html = (
        client_as("coordinator")
        .get(reverse("effectiveness:trace", args=[cluster.slug, run.pk, score.institution_id]))
        .content.decode()
    )
    trace = run.member(score.institution_id)["trace"]
    assert sum(t["contribution"] for t in trace) == pytest.approx(score.index)
    assert run.engine_version in html and f"{score.index:.4f}" in html
    cluster_page = client_as("head").get(
        reverse("effectiveness:trace", args=[cluster.slug, run.pk, "cluster"])
    )
    assert "members_index" in cluster_page.content.decode()


def test_it_lets_only_the_coordinator_enter_manual_values_with_evidence(client_as, cluster):
    url = reverse("effectiveness:manual", args=[cluster.slug])
    assert client_as("head").get(url).status_code == 403
    assert client_as("analyst").get(url).status_code == 403
    joint = IndicatorDefinition.objects.get(code="joint_events")
    data = {"definition": joint.pk, "year": "2025/2026", "value": "12"}
    response = client_as("coordinator").post(url, data)
    assert response.status_code == 200 and b"evidence" in response.content.lower()
    response = client_as("coordinator").post(url, {**data, "note": "Minutes no. 7"})
    assert response.status_code == 302
    value = joint.values.get(cluster=cluster, year="2025/2026", institution=None)
    assert value.value == 12 and value.entered_by.username == "coordinator"
    assert value.history.first().history_user.username == "coordinator"


def _grow(cluster, n: int) -> None:
    template = Institution.objects.filter(memberships__cluster=cluster, kind="general_school")[0]
    for i in range(n):
        school = Institution.objects.create(
            name=f"Sinov maktabi {cluster.pk}-{i}-{Institution.objects.count()}",
            kind="general_school",
            district=template.district,
        )
        Membership.objects.create(cluster=cluster, institution=school, start_date=date(2000, 1, 1))


def _recompute(cluster, year):
    new = services.index_run_start(actor=None, cluster=cluster, year=year, seed=1, enqueue=False)
    services.index_run_execute(run_id=new.pk)
    new.refresh_from_db()
    return new


def test_it_runs_a_constant_number_of_queries_at_two_data_sizes(client_as, cluster, run):
    client = client_as("coordinator")
    client.get(reverse("effectiveness:overview", args=[cluster.slug]))  # warm the caches
    counts = []
    for n in (3, 25):
        _grow(cluster, n)
        new = _recompute(cluster, run.year)
        member = new.scores.filter(index__isnull=False).values_list("institution_id", flat=True)[0]
        page = []
        for url in (
            reverse("effectiveness:overview", args=[cluster.slug]) + f"?run={new.pk}",
            reverse("effectiveness:member", args=[cluster.slug, member]) + f"?run={new.pk}",
            reverse("effectiveness:trace", args=[cluster.slug, new.pk, member]),
            reverse("effectiveness:trace", args=[cluster.slug, new.pk, "cluster"]),
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            page.append(len(queries))
        counts.append(page)
    assert counts[0] == counts[1]
