"""The cluster map: what each of the cast sees on it, the outsider refused, constant queries."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from educluster.registry import services
from educluster.registry.maps import published_runs
from educluster.registry.models import District, Institution, Language
from educluster.workforce import services as workforce_services
from educluster.workforce.models import ForecastCell, Subject, Vacancy
from educluster.workforce.selectors import board_vacancies

SVG = "{http://www.w3.org/2000/svg}"


def _page(client, cluster):
    response = client.get(reverse("registry:cluster_map", args=[cluster.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    return response, ET.fromstring(svg)


def _layers(root) -> dict[str, int]:
    return {
        g.get("data-layer"): len([a for a in g if a.tag in (SVG + "a", SVG + "g")])
        for g in root.iter(SVG + "g")
        if g.get("data-layer")
    }


def _gap_layers(layers: dict[str, int]) -> int:
    return layers.get("gap", 0) + layers.get("surplus", 0)


@pytest.mark.parametrize("name", ["coordinator", "analyst", "admin"])
def test_it_shows_the_whole_cluster_to_coordinators_analysts_and_admins(name, client_as, cluster):
    _response, root = _page(client_as(name), cluster)
    layers = _layers(root)
    placed = Institution.objects.filter(
        memberships__cluster=cluster, latitude__isnull=False
    ).count()
    members = sum(
        layers.get(k, 0)
        for k in ("university", "school", "art_school", "preschool", "authority", "other")
    )
    assert members == placed
    assert layers["lab"] == cluster.school_labs.exclude(status="closed").count()
    open_vacancies = Vacancy.objects.filter(
        status="open",
        position__institution__memberships__cluster=cluster,
        position__institution__latitude__isnull=False,
    ).count()
    assert layers.get("vacancy", 0) == open_vacancies
    run_id = published_runs([cluster.pk])[cluster.pk]
    districts = ForecastCell.objects.filter(run_id=run_id).values("district_id").distinct()
    assert _gap_layers(layers) == districts.count() > 0
    # Its marks are links: a labelled group (an "img" may not hold links, WCAG nested-interactive).
    assert root.get("role") == "group" and root.get("aria-label")


def test_it_shows_a_head_the_gaps_of_their_area_only(client_as, cluster, cast):
    _response, root = _page(client_as("head"), cluster)
    layers = _layers(root)
    assert _gap_layers(layers) == 1  # the head's school is in one district
    placed = board_vacancies(cluster).filter(position__institution__latitude__isnull=False)
    assert layers["lab"] >= 1 and layers.get("vacancy", 0) == placed.count()


@pytest.mark.parametrize("name", ["faculty", "student", "mentor"])
def test_it_shows_members_labs_and_vacancies_but_no_gaps_to_others(name, client_as, cluster):
    response, root = _page(client_as(name), cluster)
    layers = _layers(root)
    assert _gap_layers(layers) == 0
    assert layers["school"] >= 1 and layers["lab"] >= 1
    assert b'id="map-table"' in response.content


def test_it_lists_what_the_map_shows_in_a_table_with_links(client_as, cluster, cast):
    cast["coordinator"].preferred_language = "en"
    cast["coordinator"].save(update_fields=["preferred_language"])
    response, _root = _page(client_as("coordinator"), cluster)
    html = response.content.decode()
    lab = cluster.school_labs.exclude(status="closed").first()
    assert f'href="{lab.get_absolute_url()}"' in html.split('id="map-table"')[1]
    assert "What the map shows" in html
    assert "teachers missing" in html or "teachers more than needed" in html
    # The cluster page links to the map, and the map is a tab of the registry group.
    page = client_as("coordinator").get(cluster.get_absolute_url()).content.decode()
    assert reverse("registry:cluster_map", args=[cluster.slug]) in page


def test_it_lists_an_institution_without_coordinates_in_the_table_only(client_as, cluster, cast):
    services.institution_create(
        actor=cast["coordinator"],
        cluster=cluster,
        name="Qibray tumani 99-maktab",
        kind="general_school",
        district=District.objects.get(code="qibray"),
        languages=[Language.objects.get(code="uz")],
    )
    response, root = _page(client_as("coordinator"), cluster)
    assert "Qibray tumani 99-maktab" in response.content.decode().split('id="map-table"')[1]
    titles = [t.text or "" for t in root.iter(SVG + "title")]
    assert not any("99-maktab" in t for t in titles)


def test_it_refuses_the_outsider_and_asks_anonymous_to_log_in(client_as, cluster):
    url = reverse("registry:cluster_map", args=[cluster.slug])
    assert client_as("outsider").get(url).status_code == 404
    assert client_as("anonymous").get(url).status_code == 302


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(cluster, actor, n: int) -> None:
    uz = Language.objects.get(code="uz")
    fine_arts = Subject.objects.get(code="fine_arts")
    for i, code in zip(range(n), ["qibray", "parkent", "boka", "chirchiq"] * n, strict=False):
        school = services.institution_create(
            actor=actor,
            cluster=cluster,
            name=f"Yangi {i}-maktab",
            kind=["general_school", "preschool", "music_art_school", "employer"][i % 4],
            district=District.objects.get(code=code),
            languages=[uz],
            latitude=Decimal("41.4") + Decimal(i) / 1000,
            longitude=Decimal("69.6") - Decimal(i) / 1000,
        )
        position = workforce_services.position_create(
            actor=actor,
            institution=school,
            code=f"M-{i}",
            subject=fine_arts,
            language=uz,
            weekly_hours=Decimal(9),
            load_fraction=Decimal("0.5"),
        )
        workforce_services.vacancy_open(actor=actor, position=position, language=uz)


@pytest.mark.parametrize("name", ["coordinator", "head", "student"])
def test_it_runs_the_same_number_of_queries_for_more_members(name, client_as, cluster, cast):
    client = client_as(name)
    url = reverse("registry:cluster_map", args=[cluster.slug])
    before = _count(client, url)
    _grow(cluster, cast["coordinator"], 12)
    assert _count(client, url) == before
