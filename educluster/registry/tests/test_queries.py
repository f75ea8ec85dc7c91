"""Pages run a constant number of SQL queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from educluster.accounts.models import Person
from educluster.registry import services
from educluster.registry.models import District, Institution, Language


def _grow(cluster, actor, n: int) -> None:
    uz, ru = Language.objects.filter(code__in=["uz", "ru"])
    district = District.objects.get(code="qibray")
    for i in range(n):
        school = services.institution_create(
            actor=actor,
            cluster=cluster,
            name=f"Qibray tumani {100 + i}-maktab",
            kind="general_school",
            district=district,
            languages=[uz, ru],
        )
        Person.objects.create(full_name=f"Oʻqituvchi {i}", kind="teacher", institution=school)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page",
    ["registry:cluster", "registry:institutions", "registry:members", "accounts:people"],
)
def test_it_runs_the_same_number_of_queries_for_more_data(page, client_as, cluster, cast):
    client = client_as("coordinator")
    url = reverse(page, args=[cluster.slug])
    before = _count(client, url)
    _grow(cluster, cast["coordinator"], 30)
    assert _count(client, url) == before


def test_it_runs_the_same_number_of_queries_on_an_institution_page(client_as, cast):
    client = client_as("coordinator")
    school = Institution.objects.get(code="CHR-SCH-3")
    url = reverse("registry:institution", args=[school.pk])
    before = _count(client, url)
    for language in Language.objects.all():
        school.languages.add(language)
    assert _count(client, url) == before
