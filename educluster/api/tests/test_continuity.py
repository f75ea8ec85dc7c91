"""Pathways' aggregates: the continuity indicators, as the continuity page shows them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from educluster.conftest import CAST
from educluster.pathways import selectors


@pytest.mark.parametrize("role", CAST)
def test_it_serves_the_continuity_indicators_as_the_page(role, api_as, client_as, cluster):
    page = client_as(role).get(f"/clusters/{cluster.slug}/pathways/")
    response = api_as(role).get(f"/api/v1/clusters/{cluster.slug}/continuity/")
    assert response.status_code == page.status_code, role
    if role == "outsider":
        assert response.status_code == 404
        return
    expected = selectors.continuity_indicators(cluster).rows
    body = response.json()
    assert [r["year"] for r in body] == [r.year for r in expected]
    assert [r["admitted"] for r in body] == [r.admitted for r in expected]
    assert all("name" not in r and "person" not in r for r in body)  # aggregates only


def test_it_reads_continuity_in_constant_queries(api_as, cluster):
    from educluster.pathways.models import Learner, Stage
    from educluster.registry.models import Institution

    client = api_as("coordinator")
    url = f"/api/v1/clusters/{cluster.slug}/continuity/"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    school = Institution.objects.get(code="CHR-SCH-3")
    for i in range(12):
        learner = Learner.objects.create(cluster=cluster, pupil_code=f"API-{i}", birth_year=2010)
        Stage.objects.create(learner=learner, kind="school", institution=school, start_year=2016)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
