"""Forecast runs and results: the same readers as the run pages, cut to the reader's area."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from educluster.conftest import CAST
from educluster.workforce import results, selectors
from educluster.workforce.models import ForecastRun


@pytest.fixture
def run(cluster):
    return ForecastRun.objects.filter(cluster=cluster, status="done").first()


@pytest.mark.parametrize("role", CAST)
def test_it_serves_runs_and_results_as_the_pages(role, api_as, client_as, cast, cluster, run):
    assert run is not None, "the demo has a finished forecast run"
    page = client_as(role).get(f"/clusters/{cluster.slug}/workforce/forecast/runs/{run.pk}/")
    api = api_as(role)
    listed = api.get(f"/api/v1/clusters/{cluster.slug}/forecast-runs/")
    cells = api.get(
        f"/api/v1/clusters/{cluster.slug}/forecast-runs/{run.pk}/results/", {"page_size": 200}
    )
    expected_status = 200 if page.status_code == 200 else page.status_code
    assert listed.status_code == expected_status, role
    assert cells.status_code == expected_status, role
    if role == "outsider":
        assert cells.status_code == 404
    if cells.status_code == 200:
        area = selectors.workforce_area(cast[role], cluster)
        expected = results.run_cells(run, area)
        assert cells.json()["count"] == expected.count()
        codes = {row["district"] for row in cells.json()["results"]}
        assert codes <= set(expected.values_list("district__code", flat=True))


def test_it_reads_results_in_constant_queries(api_as, cluster, run):
    client = api_as("coordinator")
    client.get("/api/v1/clusters/")
    url = f"/api/v1/clusters/{cluster.slug}/forecast-runs/{run.pk}/results/"
    counts = []
    for size in (5, 100):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"page_size": size})
        assert len(response.json()["results"]) == min(size, run.cells.count())
        counts.append(len(captured))
    assert counts[0] == counts[1]
