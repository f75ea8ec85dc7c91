"""The cluster-management scorecard: six areas scored by the coordinator with evidence, year on
year, with history; readable by the cluster's people, closed to outsiders."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from educluster.conftest import CAST
from educluster.effectiveness import selectors, services
from educluster.effectiveness.models import SelfAssessment


def test_it_shows_the_demo_scores_year_on_year_with_the_change(cluster):
    years, grid = selectors.self_assessment_grid(cluster)
    assert len(years) == 2 and years[0] > years[1]
    structure = next(r for r in grid if r.area == "structure")
    assert [s.score for s in structure.scores] == [3, 2] and structure.change == 1
    financing = next(r for r in grid if r.area == "financing")
    assert financing.change == 0


def test_it_replaces_a_score_and_keeps_who_changed_it(cluster, cast):
    year = selectors.self_assessment_grid(cluster)[0][0]
    row = services.self_assessment_save(
        actor=cast["coordinator"],
        cluster=cluster,
        year=year,
        area="financing",
        score=3,
        evidence="Grant of the regional authority",
    )
    assert SelfAssessment.objects.filter(cluster=cluster, year=year, area="financing").count() == 1
    latest = row.history.first()
    assert latest.score == 3 and latest.history_user == cast["coordinator"]
    before = row.history.count()
    services.self_assessment_save(
        actor=cast["coordinator"],
        cluster=cluster,
        year=year,
        area="financing",
        score=3,
        evidence="Grant of the regional authority",
    )
    assert row.history.count() == before  # nothing changed, nothing recorded


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("year", {"year": "2025-26"}),
        ("area", {"area": "marketing"}),
        ("score", {"score": 5}),
        ("evidence", {"evidence": "  "}),
    ],
)
def test_it_refuses_bad_input_naming_the_field(cluster, cast, field, change):
    data = {"year": "2025/2026", "area": "services", "score": 2, "evidence": "Reja", **change}
    with pytest.raises(ValidationError) as caught:
        services.self_assessment_save(actor=cast["coordinator"], cluster=cluster, **data)
    assert field in caught.value.error_dict


def test_it_lets_only_the_coordinator_score_and_hides_it_from_outsiders(client_as, cluster):
    url = reverse("effectiveness:self_assessment", args=[cluster.slug])
    post = {"year": "2026/2027", "area": "services", "score": 4, "evidence": "Yangi xizmatlar"}
    for name in CAST:
        client = client_as(name)
        expected = 404 if name == "outsider" else 200
        assert client.get(url).status_code == expected, name
        status = client.post(url, post).status_code
        allowed = {"coordinator": 302, "admin": 302, "outsider": 404}
        assert status == allowed.get(name, 403), name
    assert SelfAssessment.objects.get(cluster=cluster, year="2026/2027", area="services").score == 4


def test_it_shows_the_form_errors_on_the_page(client_as, cluster, cast):
    cast["coordinator"].preferred_language = "en"
    cast["coordinator"].save()
    url = reverse("effectiveness:self_assessment", args=[cluster.slug])
    response = client_as("coordinator").post(
        url, {"year": "2026", "area": "services", "score": 2, "evidence": "x"}
    )
    assert response.status_code == 200
    assert "Write the academic year as 2025/2026." in response.content.decode()


def test_it_runs_a_constant_number_of_queries(client_as, cluster):
    url = reverse("effectiveness:self_assessment", args=[cluster.slug])
    client = client_as("coordinator")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for i in range(8):
        for area in SelfAssessment.Area.values:
            SelfAssessment.objects.create(
                cluster=cluster, year=f"{2010 + i}/{2011 + i}", area=area, score=1, evidence="e"
            )
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
