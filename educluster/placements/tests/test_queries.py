"""Placement pages run a constant number of SQL queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from educluster.accounts.models import Person
from educluster.placements import services
from educluster.placements.models import GraduateOutcome, PlacementRound, TargetedContract
from educluster.placements.tests._support import applicants, hosts, new_round, run
from educluster.registry.models import District, Institution

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def _more_people(n: int) -> list[Person]:
    department = Institution.objects.get(code="CHDPI-TSA")
    people = [
        Person(
            full_name=f"Sinov Talaba {i}",
            kind="student",
            institution=department,
            study_level="bachelor",
            study_year=2,
        )
        for i in range(n)
    ]
    return Person.objects.bulk_create(people)


def _grow_round(rnd, actor, n: int) -> None:
    services.applicants_add(actor=actor, round=rnd, people=_more_people(n))


@pytest.fixture
def practice(cluster):
    return PlacementRound.objects.get(cluster=cluster, kind="practice", is_demo=True)


def _listed_round(cluster, coordinator, *, people: int, extra: int = 0):
    rnd = new_round(cluster, coordinator, seats=(2, 2, 2), people=people)
    if extra:
        _grow_round(rnd, coordinator, extra)
    services.round_open(actor=coordinator, round=rnd)
    for a in applicants(rnd):
        services.preferences_set(
            actor=coordinator, applicant=a, host_ids=[h.pk for h in hosts(rnd)]
        )
    return rnd


@pytest.mark.parametrize("page", ["placements:applicants", "placements:hosts"])
def test_it_lists_a_rounds_inputs_with_the_same_number_of_queries(page, cluster, cast, client_as):
    rnd = _listed_round(cluster, cast["coordinator"], people=2)
    client = client_as("coordinator")
    url = reverse(page, args=[rnd.pk])
    before = _count(client, url)
    _grow_round(rnd, cast["coordinator"], 30)
    assert _count(client, url) == before


def test_it_lists_results_with_the_same_number_of_queries(cluster, cast, client_as):
    coordinator = cast["coordinator"]
    client = client_as("coordinator")
    small = run(_listed_round(cluster, coordinator, people=2), coordinator)
    big = run(_listed_round(cluster, coordinator, people=3, extra=30), coordinator)
    before = _count(client, reverse("placements:results", args=[small.pk]))
    assert _count(client, reverse("placements:results", args=[big.pk])) == before


def test_it_lists_rounds_with_the_same_number_of_queries(cluster, cast, client_as):
    client = client_as("coordinator")
    url = reverse("placements:rounds", args=[cluster.slug])
    before = _count(client, url)
    for _i in range(5):
        new_round(cluster, cast["coordinator"])
    assert _count(client, url) == before


def test_it_shows_a_host_and_a_list_with_the_same_number_of_queries(practice, client_as):
    host = practice.hosts.get(institution__code="CHR-SCH-3")
    for name, url in [
        ("head", reverse("placements:host", args=[practice.pk, host.pk])),
        ("student", reverse("placements:my_preferences", args=[practice.pk])),
        ("student", reverse("placements:my_result", args=[practice.pk])),
        ("coordinator", reverse("placements:round", args=[practice.pk])),
    ]:
        client = client_as(name)
        before = _count(client, url)
        # More applicants placed at the same host do not add queries.
        _grow_round_rows(practice, host)
        assert _count(client, url) == before, url


def _grow_round_rows(practice, host) -> None:
    from educluster.placements.models import Applicant, Assignment

    people = _more_people(10)
    new = Applicant.objects.bulk_create(Applicant(round=practice, person=p) for p in people)
    Assignment.objects.bulk_create(
        Assignment(round=practice, applicant=a, host=host, choice_position=1, host_rank=99)
        for a in new
    )


def test_it_lists_graduates_and_contracts_with_the_same_number_of_queries(cluster, cast, client_as):
    client = client_as("coordinator")
    urls = [
        reverse("placements:outcomes", args=[cluster.slug]),
        reverse("placements:contracts", args=[cluster.slug]),
        reverse("placements:employment", args=[cluster.slug]),
    ]
    before = [_count(client, url) for url in urls]
    school = Institution.objects.get(code="BOK-SCH-4")
    district = District.objects.get(code="boka")
    for i, person in enumerate(_more_people(12)):
        GraduateOutcome.objects.create(
            cluster=cluster,
            person=person,
            graduation_year=2020 + i % 3,
            programme=f"Dastur {i % 2}",
            status="teaching_cluster",
            source="coordinator",
            institution=school,
        )
        TargetedContract.objects.create(
            cluster=cluster,
            person=person,
            district=district,
            admission_year=2018,
            work_institution=school,
        )
    assert [_count(client, url) for url in urls] == before
