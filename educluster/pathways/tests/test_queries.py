"""Pathway pages run a constant number of SQL queries whatever the data size."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from educluster.pathways.models import Learner, Stage
from educluster.registry.models import Institution

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(cluster, n: int) -> None:
    school = Institution.objects.get(code="PAR-SCH-12")
    for i in range(n):
        learner = Learner.objects.create(
            cluster=cluster,
            pupil_code=f"GROW-{i}",
            consent_by="parent",
            consent_on=date(2030, 1, 1),
        )
        Stage.objects.create(learner=learner, kind="school", start_year=2020, institution=school)
        Stage.objects.create(
            learner=learner, kind="competition", start_year=2024, detail="T", award="winner"
        )


@pytest.mark.parametrize("page", ["pathways:overview", "pathways:learners"])
def test_it_runs_the_same_number_of_queries_for_more_pathways(page, cluster, client_as):
    client = client_as("coordinator")
    url = reverse(page, args=[cluster.slug])
    before = _count(client, url)
    _grow(cluster, 30)
    assert _count(client, url) == before


def test_it_shows_a_pathway_with_the_same_number_of_queries(cluster, client_as):
    learner = Learner.objects.filter(cluster=cluster, person__isnull=False).first()
    client = client_as("coordinator")
    url = reverse("pathways:learner", args=[learner.pk])
    before = _count(client, url)
    for year in range(2000, 2010):
        Stage.objects.create(
            learner=learner,
            kind="school",
            start_year=year,
            institution=Institution.objects.get(code="QIB-SCH-2"),
        )
    assert _count(client, url) == before
