"""The national view: who finds it, what it sums up, its export, and constant queries."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from educluster.accounts.models import Role, RoleAssignment, User
from educluster.national.selectors import cluster_rows, regional_balance
from educluster.registry import services
from educluster.registry.maps import published_runs
from educluster.registry.models import Cluster, District, Language, Region
from educluster.workforce.models import (
    DistrictNorm,
    ForecastCell,
    ForecastRun,
    GraduateCohort,
    Subject,
)

PAGES = ["national:overview", "national:map", "national:export"]


@pytest.fixture
def national_analyst(db):
    """An analyst with no cluster: reads every cluster of the platform."""
    user = User.objects.create_user("national-analyst", password="x", preferred_language="en")
    RoleAssignment.objects.create(user=user, role=Role.ANALYST)
    return user


def _client(client_as, cast, name, national_analyst=None):
    from django.test import Client

    if name == "national-analyst":
        client = Client()
        client.force_login(national_analyst)
        return client
    return client_as(name)


def _second_cluster(admin, n_members: int, index: int = 2) -> Cluster:
    """A cluster in another region whose university sends graduates to Tashkent region."""
    region, _ = Region.objects.get_or_create(
        code=f"test-viloyati-{index}", defaults={"name_uz": f"Sinov viloyati {index}"}
    )
    district, _ = District.objects.get_or_create(
        code=f"test-tumani-{index}", defaults={"region": region, "name_uz": f"Sinov {index}"}
    )
    uz = Language.objects.get(code="uz")
    university = services.institution_create(
        actor=admin,
        name=f"Sinov {index} universiteti",
        kind="university",
        district=district,
        languages=[uz],
        latitude=Decimal("39.65"),
        longitude=Decimal("66.96") + index,
    )
    cluster = services.cluster_create(
        actor=admin,
        slug=f"sinov-{index}",
        name=f"Sinov klasteri {index}",
        common_goal="Sinov",
        lead_institution=university,
        region=region,
    )
    for i in range(n_members):
        services.institution_create(
            actor=admin,
            cluster=cluster,
            name=f"Sinov {index} {i}-maktab",
            kind=["general_school", "preschool", "district_department"][i % 3],
            district=district,
            languages=[uz],
            latitude=Decimal("39.6") + Decimal(i) / 100,
            longitude=Decimal("66.9") + index + Decimal(i) / 100,
        )
    GraduateCohort.objects.create(
        cluster=cluster,
        specialty=Subject.objects.get(code="fine_arts"),
        year=2025,
        graduates=40,
        employment_rate=Decimal("0.5"),
    )
    DistrictNorm.objects.create(
        cluster=cluster, district=District.objects.get(code="parkent"), graduate_share="0.25"
    )
    DistrictNorm.objects.create(cluster=cluster, district=district, graduate_share="0.5")
    return cluster


@pytest.mark.parametrize("name", ["admin", "national-analyst", "analyst"])
@pytest.mark.parametrize("page", PAGES)
def test_it_opens_for_administrators_and_analysts(page, name, client_as, cast, national_analyst):
    response = _client(client_as, cast, name, national_analyst).get(reverse(page))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name", ["coordinator", "head", "faculty", "student", "mentor", "outsider"]
)
@pytest.mark.parametrize("page", PAGES)
def test_it_does_not_exist_for_anyone_else(page, name, client_as):
    assert client_as(name).get(reverse(page)).status_code == 404


def test_it_asks_anonymous_visitors_to_log_in(client_as):
    assert client_as("anonymous").get(reverse("national:overview")).status_code == 302


def test_it_links_the_national_view_from_the_top_navigation_for_readers_only(client_as, cluster):
    url = f'href="{reverse("national:overview")}"'
    page = cluster.get_absolute_url()
    assert url in client_as("admin").get(page).content.decode()
    assert url in client_as("analyst").get(page).content.decode()
    assert url not in client_as("coordinator").get(page).content.decode()


def test_it_sums_up_the_demo_cluster(cluster):
    [row] = cluster_rows([cluster])
    assert row.members == cluster.memberships.active().count()
    assert sum(row.members_by_group.values()) == row.members
    assert row.school_labs == cluster.school_labs.exclude(status="closed").count()
    assert row.agreements_active >= 1
    assert row.on_time_share is None or 0 <= row.on_time_share <= 100
    run_id = published_runs([cluster.pk])[cluster.pk]
    assert row.forecast_run_id == run_id
    last = ForecastCell.objects.filter(run_id=run_id).order_by("-year").values("year")[0]["year"]
    expected = sum(
        ForecastCell.objects.filter(run_id=run_id, year=last).values_list("gap", flat=True)
    )
    assert row.forecast_gap == pytest.approx(expected)


def test_it_shows_a_cluster_analyst_only_their_clusters(client_as, cast, national_analyst):
    other = _second_cluster(cast["admin"], 2)
    analyst_page = client_as("analyst").get(reverse("national:overview")).content.decode()
    assert other.name not in analyst_page
    national_page = _client(client_as, cast, "national-analyst", national_analyst).get(
        reverse("national:overview")
    )
    assert other.name in national_page.content.decode()


def test_it_balances_supply_and_demand_between_regions(cluster, cast):
    other = _second_cluster(cast["admin"], 2)
    balance = regional_balance([cluster, other])
    by_code = {r.region.code: r for r in balance.rows}
    tashkent, test_region = by_code["toshkent-viloyati"], by_code["test-viloyati-2"]
    # 40 graduates × 0.5 = 20 expected teachers; a quarter to Parkent, half at home.
    assert test_region.graduates == 40 and test_region.expected_teachers == pytest.approx(20)
    flows = {
        (f.source.code, f.target.code if f.target else None): f.teachers for f in balance.flows
    }
    assert flows[("test-viloyati-2", "toshkent-viloyati")] == pytest.approx(5)
    assert flows[("test-viloyati-2", "test-viloyati-2")] == pytest.approx(10)
    assert flows[("test-viloyati-2", None)] == pytest.approx(5)
    assert test_region.arriving == pytest.approx(10)
    assert test_region.hiring_need == 0 and test_region.balance == pytest.approx(10)
    # Tashkent region receives the demo university's graduates and 5 from the other region.
    demo_flows = sum(v for (s, t), v in flows.items() if s == t == "toshkent-viloyati")
    assert tashkent.arriving == pytest.approx(demo_flows + 5, abs=0.01)  # flows are rounded
    run_id = published_runs([cluster.pk])[cluster.pk]
    run = ForecastRun.objects.get(pk=run_id)
    first = run.base_year + 1  # the base year is observed; the first forecast year follows
    assert ForecastCell.objects.filter(run=run, year=first).exists()
    need = sum(
        ForecastCell.objects.filter(run_id=run_id, year=first).values_list("hiring_need", flat=True)
    )
    assert tashkent.hiring_need == pytest.approx(need)
    assert tashkent.balance == pytest.approx(tashkent.arriving - need)


def test_it_exports_the_clusters_regions_and_flows(client_as, cast, cluster):
    cast["admin"].preferred_language = "en"
    cast["admin"].save(update_fields=["preferred_language"])
    other = _second_cluster(cast["admin"], 3)
    response = client_as("admin").get(reverse("national:export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Clusters", "Regions", "Flows"]
    clusters = list(book["Clusters"].iter_rows(values_only=True))
    assert clusters[0][:3] == ("Cluster", "Region", "Members")
    names = [r[0] for r in clusters[1:]]
    assert names == sorted([cluster.name, other.name])
    other_row = next(r for r in clusters[1:] if r[0] == other.name)
    assert other_row[2] == 4  # the university and three members
    demo_row = next(r for r in clusters[1:] if r[0] == cluster.name)
    assert demo_row[2] == cluster.memberships.active().count()
    regions = list(book["Regions"].iter_rows(values_only=True))
    assert {r[0] for r in regions[1:]} >= {"Sinov viloyati 2"}
    flows = list(book["Flows"].iter_rows(values_only=True))
    assert ("Sinov viloyati 2", "not assigned", 5) in flows[1:]


def test_it_draws_every_clusters_members_on_the_national_map(client_as, cast, cluster):
    other = _second_cluster(cast["admin"], 3)
    html = client_as("admin").get(reverse("national:map")).content.decode()
    table = html.split('id="map-table"')[1]
    assert "Sinov 2 0-maktab" in table and other.lead_institution.name in table
    assert 'role="group"' in html  # its marks are links: a labelled group, not an image


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_it_runs_the_same_number_of_queries_for_more_clusters(
    page, client_as, cast, national_analyst
):
    client = _client(client_as, cast, "national-analyst", national_analyst)
    url = reverse(page)
    _second_cluster(cast["admin"], 2, index=2)
    before = _count(client, url)
    _second_cluster(cast["admin"], 5, index=3)
    _second_cluster(cast["admin"], 4, index=4)
    assert _count(client, url) == before


@pytest.mark.parametrize("page", ["national:overview", "national:map"])
def test_it_shows_aggregates_and_organisations_only(page, client_as):
    html = client_as("admin").get(reverse(page)).content.decode()
    main = html.split("<main", 1)[1]
    for personal in ("/people/", "/positions/", "/vacancies/", "/staff/", "/pupils/"):
        assert personal not in main


def test_it_draws_a_country_of_members_per_district(client_as, cast, monkeypatch):
    from educluster.registry import maps

    _second_cluster(cast["admin"], 3)
    monkeypatch.setattr(maps, "GROUP_BY_DISTRICT_FROM", 4)  # the demo stands for a country
    cast["admin"].preferred_language = "en"
    cast["admin"].save(update_fields=["preferred_language"])
    client = client_as("admin")
    html = client.get(reverse("national:map")).content.decode()
    table = html.split('id="map-table"')[1]
    assert "Sinov 2 0-maktab" not in table  # no institution by name: districts only
    assert "each mark stands for a district" in html
    assert " members</td>" in table or " member</td>" in table
    overview = client.get(reverse("national:overview")).content.decode()
    assert "Sinov 2 0-maktab" not in overview


def test_it_runs_the_same_number_of_queries_per_district_for_more_clusters(
    client_as, cast, national_analyst, monkeypatch
):
    from educluster.registry import maps

    monkeypatch.setattr(maps, "GROUP_BY_DISTRICT_FROM", 4)
    client = _client(client_as, cast, "national-analyst", national_analyst)
    url = reverse("national:map")
    _second_cluster(cast["admin"], 2, index=2)
    before = _count(client, url)
    _second_cluster(cast["admin"], 5, index=3)
    assert _count(client, url) == before
