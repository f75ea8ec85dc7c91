"""Materials pages run a constant number of SQL queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from educluster.materials import services
from educluster.materials.models import Material
from educluster.projects.tests.support import person_of
from educluster.registry.models import Institution, Language


def _grow(cluster, n: int) -> Material:
    """n more published materials with two authors and two goals, each adopted by a school."""
    uz = Language.objects.get(code="uz")
    school = Institution.objects.get(code="CHR-SCH-3")
    teacher = school.people.filter(kind="teacher").first()
    goals = list(cluster.goals.all()[:2])
    material = None
    for i in range(n):
        material = services.material_create(
            actor=None,
            cluster=cluster,
            title=f"Qoʻshimcha material {i}",
            kind="lesson_plan",
            language=uz,
            level="basic",
            subject="Tasviriy sanʼat",
            tags="qoʻshimcha, sinov",
            authors=[person_of("faculty"), person_of("mentor")],
            goals=goals,
        )
        services.material_publish(actor=None, material=material)
        services.adoption_record(
            actor=None, material=material, institution=school, teacher=teacher, rating=4
        )
    assert material is not None
    return material


def _count(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("materials:list", {}),
        ("materials:list", {"q": "material", "level": "basic"}),
        ("materials:spread", {}),
    ],
)
def test_it_runs_the_same_number_of_queries_for_more_data(name, params, client_as, cluster):
    client = client_as("head")
    url = reverse(name, args=[cluster.slug])
    before = _count(client, url, **params)
    _grow(cluster, 15)
    assert _count(client, url, **params) == before


def test_it_runs_the_same_number_of_queries_on_a_material_page(client_as, cluster):
    client = client_as("coordinator")
    material = Material.objects.filter(status="published", adoptions__isnull=False).first()
    url = reverse("materials:material", args=[material.pk])
    before = _count(client, url)
    for school in Institution.objects.filter(kind="general_school").exclude(
        material_adoptions__material=material
    ):
        services.adoption_record(
            actor=None,
            material=material,
            institution=school,
            teacher=school.people.filter(kind="teacher").first(),
        )
    assert _count(client, url) == before


def test_it_runs_the_same_number_of_queries_on_a_goal_page(client_as, cluster):
    client = client_as("mentor")
    url = reverse("projects:goal", args=[cluster.slug, cluster.goals.get(number=1).pk])
    before = _count(client, url)
    _grow(cluster, 10)
    assert _count(client, url) == before
